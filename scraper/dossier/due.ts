/**
 * What a référé still lacks, per motif, by the rules the dossier applies (summary.ts, docs/dossier.md):
 * « aucun créneau » attempts in at least three different ISO weeks (never all in one week), at different
 * hours of the day, and recent ones (the last 7 days); and when to try next: random times, spread over the
 * coming weeks, never twice in the same hour. Pure: the caller reads the archive and gives `random`.
 */
import { createHash } from 'node:crypto';
import { parisClock, parisDateTime, parisOffsetMinutes, parisTime } from '../evidence/time.ts';
import type { CalendarEvent } from './ics.ts';
import { MIN_WEEKS, weekKey } from './summary.ts';

/** Different Paris hours of the day a dossier should show. */
export const MIN_HOURS = 3;
/** How recent the latest attempt must be, in days. */
export const RECENT_DAYS = 7;
/** Paris hours in which attempts are suggested: the préfectures' sites are watched during the day. */
const SUGGESTED_HOURS = [8, 20] as const;

export interface DueCapture {
  capturedAt: string;
  outcome: string;
}

export interface MotifDue {
  /** Distinct ISO weeks and Paris hours of the « aucun créneau » attempts in the period. */
  weeks: string[];
  hours: number[];
  /** « aucun créneau » attempts in the last RECENT_DAYS days. */
  recent: number;
  attempts: number;
  /** What is still missing, in French, one item each; empty when the motif is ready for a dossier. */
  missing: string[];
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** The attempts of one motif since `since` (ISO), judged at `now`. */
export function motifDue(captures: readonly DueCapture[], now: Date, since: string): MotifDue {
  const counted = captures.filter((c) => c.outcome === 'no-slot' && c.capturedAt >= since);
  const weeks = [...new Set(counted.map((c) => weekKey(c.capturedAt)))].sort();
  const hours = [...new Set(counted.map((c) => parisClock(c.capturedAt).getUTCHours()))].sort((a, b) => a - b);
  const recentSince = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const recent = counted.filter((c) => c.capturedAt >= recentSince).length;
  const missing: string[] = [];
  if (weeks.length < MIN_WEEKS)
    missing.push(
      `des tentatives dans ${plural(MIN_WEEKS - weeks.length, 'semaine de plus', 'semaines de plus')} ` +
        `(au moins ${MIN_WEEKS} semaines différentes, jamais toutes la même semaine ; ${plural(weeks.length, 'semaine', 'semaines')} pour l’instant)`,
    );
  if (hours.length < MIN_HOURS)
    missing.push(
      `des tentatives à d’autres heures de la journée (au moins ${MIN_HOURS} heures différentes ; ` +
        `${hours.length ? hours.map((h) => `${h} h`).join(', ') : 'aucune'} pour l’instant)`,
    );
  if (recent === 0) missing.push(`une tentative récente (aucune ces ${RECENT_DAYS} derniers jours)`);
  return { weeks, hours, recent, attempts: counted.length, missing };
}

/** The UTC instant of a Paris wall-clock time (the offset is read at the instant itself, DST included). */
function parisInstant(day: string, hour: number, minute: number): Date {
  const wall = Date.parse(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
  const guess = wall - parisOffsetMinutes(wall) * 60_000;
  return new Date(wall - parisOffsetMinutes(guess) * 60_000);
}

/**
 * `count` times after `now`, one per stretch of `days / count` days (spread), at random minutes of random
 * Paris hours, never twice in the same hour, preferring hours not yet in `usedHours` (those give variety).
 */
export function suggestTimes(
  now: Date,
  count: number,
  random: () => number,
  usedHours: readonly number[] = [],
  days = 21,
): Date[] {
  const [first, end] = SUGGESTED_HOURS;
  const all = Array.from({ length: end - first }, (_, i) => first + i);
  const fresh = all.filter((h) => !usedHours.includes(h));
  const taken = new Set<number>();
  const pick = () => {
    const pool = fresh.filter((h) => !taken.has(h));
    const from = pool.length > 0 ? pool : all.filter((h) => !taken.has(h));
    const hour = from[Math.floor(random() * from.length)]!;
    taken.add(hour);
    return hour;
  };
  const times: Date[] = [];
  const today = parisTime(now.toISOString()).format('YYYY-MM-DD');
  const stretch = days / Math.min(count, all.length);
  for (let i = 0; i < Math.min(count, all.length); i++) {
    // Inside its own stretch of days: two suggestions never fall on the same day.
    const offset = 1 + Math.floor(i * stretch) + Math.floor(random() * Math.max(1, Math.floor(stretch)));
    const day = new Date(Date.parse(`${today}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    times.push(parisInstant(day, pick(), Math.floor(random() * 60)));
  }
  return times;
}

/** `Mardi 8 décembre 2026 à 14:27` style line for the terminal. */
export const suggestionLine = (at: Date) => parisDateTime(at.toISOString());

/** Random numbers in [0, 1) drawn from `seed`: the site shows the same suggestions for one motif on one day. */
export function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0) || 1;
  return () => {
    // xorshift32
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** What a volunteer runs at a suggested time: behind a captcha, a person is needed (witness mode). */
export function commandFor(prefecture: string, motif: string, platform: string): string {
  const which = `--target ${prefecture} --motif ${motif}`;
  return platform === 'rdv-prefecture' ? `npm run witness -- ${which}` : `npm run capture -- ${which}`;
}

/** The calendar events of a motif's suggested times. */
export function suggestionEvents(
  times: readonly Date[],
  names: { prefecture: string; prefectureName: string; motif: string; motifLabel: string; platform: string },
): CalendarEvent[] {
  const command = commandFor(names.prefecture, names.motif, names.platform);
  return times.map((start) => ({
    start,
    minutes: 15,
    summary: `Capture : ${names.motifLabel} (${names.prefectureName})`,
    description: `Tentative de prise de rendez-vous à capturer. Dans le dossier du projet, lancez :\n${command}`,
  }));
}
