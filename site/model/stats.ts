/**
 * Statistics of a list of captures, pure: counts per outcome by Paris week and month, the day × hour
 * spread, how long no slot has been seen, and whether the collection looks stopped. What a court asks
 * (attempts on several weeks, at various hours) is read from here.
 */
import { SITE_OUTCOMES, type SiteOutcome } from '../../scraper/outcome/outcomes.ts';

/** The fields the statistics need: a compact index entry has them. What the site showed only, never the robot's own failures. */
export interface Attempt {
  capturedAt: string;
  /** Paris wall-clock time in ms (see `parisClock`). */
  paris: number;
  outcome: SiteOutcome;
}

export type OutcomeCounts = Record<SiteOutcome, number>;

export interface PeriodRow {
  /** `YYYY-MM` for a month, the Monday `YYYY-MM-DD` for a week. */
  key: string;
  total: number;
  counts: OutcomeCounts;
}

const DAY_MS = 86_400_000;

/**
 * The keys of a Paris day, made once per day: the statistics ask them of every capture several times, and a
 * Date per call took most of their time.
 */
const keysByDay = new Map<number, { day: string; week: string; month: string }>();

function keysOf(paris: number) {
  const day = Math.floor(paris / DAY_MS);
  let keys = keysByDay.get(day);
  if (!keys) {
    const date = new Date(day * DAY_MS);
    const iso = date.toISOString();
    // Weeks start on Monday in France, as ISO weeks do.
    const monday = new Date((day - ((date.getUTCDay() + 6) % 7)) * DAY_MS);
    keysByDay.set(
      day,
      (keys = { day: iso.slice(0, 10), week: monday.toISOString().slice(0, 10), month: iso.slice(0, 7) }),
    );
  }
  return keys;
}

/** `YYYY-MM`, the Paris month (`paris` is Paris wall-clock time in ms: its UTC date is the Paris date). */
export const monthKey = (paris: number) => keysOf(paris).month;

/** The Monday of the week, `YYYY-MM-DD`. */
export const weekKey = (paris: number) => keysOf(paris).week;

/** `YYYY-MM-DD`, the Paris day. */
export const dayKey = (paris: number) => keysOf(paris).day;

export function emptyCounts(): OutcomeCounts {
  return Object.fromEntries(SITE_OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;
}

export function totals(attempts: readonly Attempt[]): OutcomeCounts {
  const counts = emptyCounts();
  for (const a of attempts) counts[a.outcome]++;
  return counts;
}

/** Attempts that were not « aucun créneau » nor « créneau disponible »: errors, captchas, blocks, unknown pages. */
export function otherCount(counts: OutcomeCounts): number {
  return SITE_OUTCOMES.reduce((n, o) => (o === 'no-slot' || o === 'slot-available' ? n : n + counts[o]), 0);
}

/** What the statistics need of a list of attempts, by Paris day: one pass over the attempts, then days only. */
export interface Tally {
  /** Paris day (days since 1970-01-01) → attempts that day, per outcome and per Paris hour. */
  days: Map<number, { total: number; counts: OutcomeCounts; hours: number[] }>;
  attempts: number;
  first: string | null;
  last: string | null;
}

/** Tallies already made, by list: a motif's feeds its page and its préfecture's. */
const tallies = new WeakMap<readonly Attempt[], Tally>();

export function tally(attempts: readonly Attempt[]): Tally {
  let made = tallies.get(attempts);
  if (made) return made;
  made = { days: new Map(), attempts: attempts.length, first: null, last: null };
  for (const a of attempts) {
    const key = Math.floor(a.paris / DAY_MS);
    let day = made.days.get(key);
    if (!day) made.days.set(key, (day = { total: 0, counts: emptyCounts(), hours: new Array<number>(24).fill(0) }));
    day.total++;
    day.counts[a.outcome]++;
    day.hours[Math.floor((a.paris - key * DAY_MS) / 3_600_000)]!++;
    if (made.first === null || a.capturedAt < made.first) made.first = a.capturedAt;
    if (made.last === null || a.capturedAt > made.last) made.last = a.capturedAt;
  }
  tallies.set(attempts, made);
  return made;
}

/** The tally of several lists together (a préfecture's motifs). */
export function mergeTallies(parts: readonly Tally[]): Tally {
  const merged: Tally = { days: new Map(), attempts: 0, first: null, last: null };
  for (const part of parts) {
    merged.attempts += part.attempts;
    if (part.first !== null && (merged.first === null || part.first < merged.first)) merged.first = part.first;
    if (part.last !== null && (merged.last === null || part.last > merged.last)) merged.last = part.last;
    for (const [key, day] of part.days) {
      const into = merged.days.get(key);
      if (!into) {
        merged.days.set(key, { total: day.total, counts: { ...day.counts }, hours: [...day.hours] });
        continue;
      }
      into.total += day.total;
      for (const o of SITE_OUTCOMES) into.counts[o] += day.counts[o];
      for (let h = 0; h < 24; h++) into.hours[h]! += day.hours[h]!;
    }
  }
  return merged;
}

/** Counts per outcome of the whole tally. */
export function tallyTotals(t: Tally): OutcomeCounts {
  const counts = emptyCounts();
  for (const day of t.days.values()) for (const o of SITE_OUTCOMES) counts[o] += day.counts[o];
  return counts;
}

/** Rows by week or month, oldest first. */
export function byPeriod(t: Tally, period: 'week' | 'month'): PeriodRow[] {
  const keyOf = period === 'week' ? weekKey : monthKey;
  const rows = new Map<string, PeriodRow>();
  for (const [day, { total, counts }] of t.days) {
    const key = keyOf(day * DAY_MS);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { key, total: 0, counts: emptyCounts() }));
    row.total += total;
    for (const o of SITE_OUTCOMES) row.counts[o] += counts[o];
  }
  return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** Attempts per weekday (0 = Monday) and Paris hour. */
export function dayHourGrid(t: Tally): number[][] {
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const [day, { hours }] of t.days) {
    const row = grid[(new Date(day * DAY_MS).getUTCDay() + 6) % 7]!;
    for (let h = 0; h < 24; h++) row[h]! += hours[h]!;
  }
  return grid;
}

export interface Coverage {
  attempts: number;
  days: number;
  weeks: number;
  first: string | null;
  last: string | null;
  /** Distinct Paris hours (0–23) at which at least one attempt was made. */
  hours: number;
}

export function coverage(t: Tally): Coverage {
  const weeks = new Set<string>();
  const hours = new Set<number>();
  for (const [day, { hours: perHour }] of t.days) {
    weeks.add(weekKey(day * DAY_MS));
    for (let h = 0; h < 24; h++) if (perHour[h]! > 0) hours.add(h);
  }
  return {
    attempts: t.attempts,
    days: t.days.size,
    weeks: weeks.size,
    first: t.first,
    last: t.last,
    hours: hours.size,
  };
}

export interface Streak {
  /** Latest attempts in a row that found no slot (whatever else they found). */
  attempts: number;
  /** How many of them showed the « aucun créneau » page itself. */
  noSlot: number;
  /** The oldest attempt of the run; null when the latest attempt found a slot. */
  since: string | null;
  /** The run goes back to the first capture of the archive. */
  whole: boolean;
  /** Latest attempt that found a slot, if any. */
  lastSlotAt: string | null;
}

/** `attempts` newest first. */
export function slotStreak(attempts: readonly Attempt[]): Streak {
  let n = 0;
  let noSlot = 0;
  while (n < attempts.length && attempts[n]!.outcome !== 'slot-available') {
    if (attempts[n]!.outcome === 'no-slot') noSlot++;
    n++;
  }
  return {
    attempts: n,
    noSlot,
    since: n > 0 ? attempts[n - 1]!.capturedAt : null,
    whole: n === attempts.length,
    lastSlotAt: attempts[n]?.capturedAt ?? null,
  };
}

/**
 * What the latest attempts saw, by how far they went: a slot, the « aucun créneau » page, a stop before the
 * slot page (captcha, error, block), or a page the robot did not recognise.
 */
export type StatusKind = 'slot' | 'no-slot' | 'stopped' | 'unknown';

export const STATUS_KIND: Record<SiteOutcome, StatusKind> = {
  'slot-available': 'slot',
  'no-slot': 'no-slot',
  captcha: 'stopped',
  'site-error': 'stopped',
  blocked: 'stopped',
  unrecognized: 'unknown',
};

export interface Run {
  kind: StatusKind;
  /** Latest attempts in a row of that kind (at least 1). */
  attempts: number;
  /** The oldest attempt of the run. */
  since: string;
  /** The run goes back to the first capture of the archive. */
  whole: boolean;
  /** Outcomes of the run, most frequent first. */
  outcomes: SiteOutcome[];
}

/** `attempts` newest first; null when there is none. */
export function latestRun(attempts: readonly Attempt[]): Run | null {
  const first = attempts[0];
  if (!first) return null;
  const kind = STATUS_KIND[first.outcome];
  const counts = emptyCounts();
  let n = 0;
  while (n < attempts.length && STATUS_KIND[attempts[n]!.outcome] === kind) counts[attempts[n++]!.outcome]++;
  const outcomes = SITE_OUTCOMES.filter((o) => counts[o] > 0).sort((a, b) => counts[b] - counts[a]);
  return { kind, attempts: n, since: attempts[n - 1]!.capturedAt, whole: n === attempts.length, outcomes };
}
