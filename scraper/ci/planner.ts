/**
 * The scheduler's brain, pure. The workflow wakes up every `windowMinutes` (cron at odd minutes, in UTC);
 * for each tick the planner says which préfectures have a capture due in this window and how long to wait
 * inside it. It reasons in Paris time, so the cron never needs an edit when the clocks change.
 *
 * Each préfecture gets `capturesPerDay` slots per Paris day inside its `hours`, drawn from a seed that
 * depends on the repository, the day and the préfecture: every tick of one day sees the same slots, and
 * the slots move from one day to the next. The day's windows are cut into `capturesPerDay` equal strata
 * and one window is drawn in each, so captures spread over the hours and never share a window.
 */
import { createHash } from 'node:crypto';
import { parisOffsetMinutes, parisTime } from '../evidence/time.ts';
import type { Settings } from '../target/schema.ts';
import { plural } from '../evidence/french.ts';

/** What the planner needs of a target. */
export interface PlanTarget {
  id: string;
  settings: Pick<Settings, 'capturesPerDay' | 'hours'>;
}

export interface Slot {
  /** Start of the slot's tick window (ISO UTC). */
  window: string;
  /** When the capture should start (ISO UTC), inside the window. */
  at: string;
}

export interface DayPlan {
  /** Paris date, YYYY-MM-DD. */
  date: string;
  slots: Slot[];
  /** Set when the hours hold fewer windows than `capturesPerDay` (the count was lowered to fit). */
  clamped?: { asked: number; windows: number };
}

/** Uniform number in [0, 1) from a text key: every draw is a hash, so no generator state to carry. */
export function uniform(key: string): number {
  return parseInt(createHash('sha256').update(key).digest('hex').slice(0, 12), 16) / 2 ** 48;
}

/** The instant (ms) of a Paris wall-clock hour of a date; hour 24 is the next midnight. */
export function parisHour(date: string, hour: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour);
  // The offset at the wall-clock time read as UTC is off by at most one change of clocks: look again.
  return wall - parisOffsetMinutes(wall - parisOffsetMinutes(wall) * 60_000) * 60_000;
}

/** The Paris date (YYYY-MM-DD) of an instant. */
export const parisDate = (ms: number) => parisTime(new Date(ms).toISOString()).format('YYYY-MM-DD');

/** Start instants (ms) of the tick windows inside a Paris date's hours. */
export function windowsOf(date: string, hours: readonly [number, number], windowMinutes: number): number[] {
  const step = windowMinutes * 60_000;
  const start = parisHour(date, hours[0]);
  const end = parisHour(date, hours[1]);
  const windows: number[] = [];
  for (let t = Math.ceil(start / step) * step; t + step <= end; t += step) windows.push(t);
  return windows;
}

/** The slots of one préfecture on one Paris date. */
export function planDay(target: PlanTarget, date: string, seed: string, windowMinutes: number): DayPlan {
  const windows = windowsOf(date, target.settings.hours, windowMinutes);
  const asked = target.settings.capturesPerDay;
  const count = Math.min(asked, windows.length);
  const slots: Slot[] = [];
  for (let i = 0; i < count; i++) {
    const from = Math.floor((i * windows.length) / count);
    const to = Math.floor(((i + 1) * windows.length) / count);
    const key = `${seed}|${date}|${target.id}|${i}`;
    const window = windows[from + Math.floor(uniform(`${key}|window`) * (to - from))]!;
    const offset = Math.floor(uniform(`${key}|offset`) * windowMinutes * 60) * 1000;
    slots.push({ window: new Date(window).toISOString(), at: new Date(window + offset).toISOString() });
  }
  return { date, slots, ...(count < asked ? { clamped: { asked, windows: windows.length } } : {}) };
}

export interface TickInput {
  /** When the planning step runs. */
  now: Date;
  targets: PlanTarget[];
  /** Repository name, or any fixed text: the schedule's seed. */
  seed: string;
  windowMinutes: number;
  /**
   * Instants (ms) of the captures already in the archive today (Paris date), per préfecture: a tick
   * makes up for a dropped one, and two late ticks landing in one window capture once.
   */
  capturedToday?: Record<string, number[]>;
}

export interface Decision {
  target: string;
  /** Seconds to wait before capturing. */
  delaySeconds: number;
  reason: 'slot' | 'catch-up';
}

export interface TickPlan {
  /** Start of the current window (ISO UTC) and its Paris date. */
  window: string;
  date: string;
  due: Decision[];
  /** One French line per préfecture, for the run's summary. */
  notes: string[];
}

const hm = (iso: string) => parisTime(iso).format('HH:mm');

/**
 * What this tick must do. A slot whose window is the current one is due, after a wait until its time.
 * Scheduled runs are sometimes late or dropped: right after a slot's window, if the archive holds fewer
 * captures today than slots already past, the tick catches up at a random moment of its window. Only the
 * window right after a slot does so, so a site that keeps failing gets at most one extra attempt per slot.
 */
export function planTick(input: TickInput): TickPlan {
  const step = input.windowMinutes * 60_000;
  const windowStart = Math.floor(input.now.getTime() / step) * step;
  const window = new Date(windowStart).toISOString();
  const date = parisDate(windowStart);
  const due: Decision[] = [];
  const notes: string[] = [];
  for (const target of input.targets) {
    const day = planDay(target, date, input.seed, input.windowMinutes);
    const times = day.slots.map((s) => hm(s.at)).join(', ');
    if (day.clamped)
      notes.push(
        `${target.id} : ${day.clamped.asked} captures demandées mais seulement ${day.clamped.windows} créneaux de ${input.windowMinutes} min dans les heures choisies.`,
      );
    const slot = day.slots.find((s) => s.window === window);
    const inHours = windowsOf(date, target.settings.hours, input.windowMinutes).includes(windowStart);
    const afterSlot = day.slots.some((s) => Date.parse(s.window) === windowStart - step);
    const past = day.slots.filter((s) => Date.parse(s.window) < windowStart).length;
    const captured = input.capturedToday?.[target.id];
    const done = captured?.length;
    if (captured?.some((t) => t >= windowStart)) {
      notes.push(`${target.id} : déjà capturée dans ce créneau.`);
    } else if (slot) {
      due.push({
        target: target.id,
        delaySeconds: Math.max(0, Math.round((Date.parse(slot.at) - input.now.getTime()) / 1000)),
        reason: 'slot',
      });
      notes.push(`${target.id} : capture prévue à ${hm(slot.at)} (heure de Paris) ; créneaux du jour : ${times}.`);
    } else if (done !== undefined && inHours && afterSlot && done < past) {
      const at = windowStart + Math.floor(uniform(`${input.seed}|${window}|${target.id}|catch-up`) * step);
      due.push({
        target: target.id,
        delaySeconds: Math.max(0, Math.round((at - input.now.getTime()) / 1000)),
        reason: 'catch-up',
      });
      notes.push(
        `${target.id} : rattrapage (${plural(done, 'capture', 'captures')} aujourd'hui pour ${plural(past, 'créneau passé', 'créneaux passés')}) à ${hm(new Date(at).toISOString())}.`,
      );
    } else {
      notes.push(`${target.id} : rien à faire dans ce créneau ; créneaux du jour : ${times}.`);
    }
  }
  return { window, date, due, notes };
}

/**
 * The préfectures this repository tracks, from the STP_TARGETS repository variable: comma-separated ids,
 * or `all`. Empty means none: a fresh copy of the template captures nothing until its owner decides.
 */
export function parseTracked(value: string | undefined, available: string[]): string[] {
  const text = (value ?? '').trim();
  if (text === '') return [];
  if (text.toLowerCase() === 'all') return available;
  const ids = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
  const unknown = ids.filter((id) => !available.includes(id));
  if (unknown.length > 0) {
    throw new Error(
      `STP_TARGETS : préfecture inconnue : ${unknown.join(', ')}. Valeurs possibles : ${available.join(', ')}, ou all.`,
    );
  }
  return ids;
}

/**
 * The préfectures of a run started by hand: the one named, or with `all` (the workflow's default) or nothing, those
 * STP_TARGETS tracks. Never the whole catalogue: a fresh copy would visit every préfecture's site at once.
 */
export function dispatchedTargets(target: string, tracked: string[], available: string[]): string[] {
  const wanted = target.trim();
  if (wanted === '' || wanted.toLowerCase() === 'all') return tracked;
  if (!available.includes(wanted)) {
    throw new Error(
      `préfecture inconnue : ${wanted}. Valeurs possibles : ${available.join(', ')}, ou all (celles de STP_TARGETS).`,
    );
  }
  return [wanted];
}
