/**
 * The figures a judge reads first: how many attempts, with what outcomes, over how many distinct days and ISO weeks, at
 * which hours. Courts ask for attempts "n'ayant pas été effectuées la même semaine" and successful applicants showed at
 * least three weeks (docs/dossier.md « Ce que demandent les tribunaux »): below that, a warning. Pure; Paris time
 * throughout.
 */
import dayjs from 'dayjs';
import isoWeek from 'dayjs/plugin/isoWeek.js';
import { parisMs, parisTime } from '../evidence/time.ts';
import { OUTCOMES, type Outcome } from '../outcome/outcomes.ts';
import type { DossierRecord } from './entry.ts';

dayjs.extend(isoWeek);

export const MIN_WEEKS = 3;

export interface DossierSummary {
  attempts: number;
  /** Outcomes that occur, in the order of OUTCOMES. */
  outcomes: { outcome: Outcome; count: number }[];
  /** Distinct Paris days, `YYYY-MM-DD`, in order. */
  days: string[];
  /** Distinct ISO weeks, `2026-W02`, in order. */
  weeks: string[];
  /** Earliest and latest time of day among the attempts, `HH:mm` Paris, with the capture that had it. */
  earliest: { time: string; at: string };
  latest: { time: string; at: string };
  /** Distinct Paris hours of the day (0–23) at which attempts were made. */
  hours: number;
  /** Attempts per weekday (0 = lundi) and Paris hour (0–23). */
  grid: number[][];
  first: string;
  last: string;
  /** Fewer than MIN_WEEKS distinct weeks: the dossier says so on its summary page. */
  fewWeeks: boolean;
}

const DAY_MS = 86_400_000;
/** ISO week by Paris day number: the site asks the week of every capture, and ten years have ~3,650 days. */
const weekByDay = new Map<number, string>();

/** The ISO week of the capture's Paris day, `2026-W02`. */
export function weekKey(capturedAt: string): string {
  const day = Math.floor(parisMs(capturedAt) / DAY_MS);
  let key = weekByDay.get(day);
  if (key === undefined) {
    // The ISO week is the one of its Thursday, numbered from the year's first Thursday.
    const thursday = new Date((day - ((new Date(day * DAY_MS).getUTCDay() + 6) % 7) + 3) * DAY_MS);
    const year = thursday.getUTCFullYear();
    const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
    weekByDay.set(day, (key = `${year}-W${String(week).padStart(2, '0')}`));
  }
  return key;
}

export function summarize(records: readonly DossierRecord[]): DossierSummary {
  if (records.length === 0) throw new Error('summarize: aucune capture');
  const sorted = [...records].sort((a, b) => a.capturedAt.localeCompare(b.capturedAt));
  const grid = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  const days = new Set<string>();
  const weeks = new Set<string>();
  let earliest = { time: '99:99', at: '' };
  let latest = { time: '', at: '' };
  for (const record of sorted) {
    const t = parisTime(record.capturedAt);
    days.add(t.format('YYYY-MM-DD'));
    weeks.add(weekKey(record.capturedAt));
    grid[t.isoWeekday() - 1]![t.hour()]!++;
    const time = t.format('HH:mm');
    if (time < earliest.time) earliest = { time, at: record.capturedAt };
    if (time > latest.time) latest = { time, at: record.capturedAt };
  }
  const outcomes = OUTCOMES.map((outcome) => ({
    outcome,
    count: sorted.filter((r) => r.outcome === outcome).length,
  })).filter((o) => o.count > 0);
  return {
    attempts: sorted.length,
    outcomes,
    days: [...days].sort(),
    weeks: [...weeks].sort(),
    earliest,
    latest,
    hours: new Set(sorted.map((r) => parisTime(r.capturedAt).hour())).size,
    grid,
    first: sorted[0]!.capturedAt,
    last: sorted.at(-1)!.capturedAt,
    fewWeeks: weeks.size < MIN_WEEKS,
  };
}
