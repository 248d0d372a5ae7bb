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
import { plural } from '../evidence/french.ts';

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
  /** When the latest attempt of the period saw a slot: booking, not capturing, is what to do then. */
  slotSeenAt: string | null;
  /** Attempts of the period stopped by a captcha: the robot alone cannot capture the motif. */
  captchas: number;
}

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
  const period = captures.filter((c) => c.capturedAt >= since);
  const latest = period.reduce<DueCapture | null>((a, c) => (a && a.capturedAt >= c.capturedAt ? a : c), null);
  return {
    weeks,
    hours,
    recent,
    attempts: counted.length,
    missing,
    slotSeenAt: latest?.outcome === 'slot-available' ? latest.capturedAt : null,
    captchas: period.filter((c) => c.outcome === 'captcha').length,
  };
}

/** « les 4 dernières semaines (depuis le lundi 9 novembre 2026) »: the period every figure counts. */
export function periodText(weeks: number, since: string): string {
  const from = parisTime(since)
    .format('dddd D MMMM YYYY')
    .replace(/^(\S+ )1 /, '$11er ');
  return `${weeks > 1 ? `les ${weeks} dernières semaines` : 'la dernière semaine'} (depuis le ${from})`;
}

/**
 * What to do for a motif, in order, for `npm run due` and the site's « Captures à faire » alike: a slot seen says
 * to book rather than capture; otherwise what a dossier lacks over the period, or that it has it all; and, for a
 * motif behind a captcha, the witness mode (a person browses, the tool captures), which the robot cannot replace.
 */
export function dueAdvice(due: MotifDue, period: string, platform: string): string[] {
  const said = [
    due.slotSeenAt
      ? `Créneau vu à la dernière tentative, ${parisDateTime(due.slotSeenAt)} : prenez rendez-vous sur le site de la préfecture ; ` +
        'aucune capture de plus n’est demandée tant que des créneaux s’affichent.'
      : due.missing.length
        ? `Pour un dossier complet, il manque sur ${period} : ${due.missing.join(' ; ')}.`
        : `Dossier complet sur ${period} : plusieurs semaines, plusieurs heures, des tentatives récentes.`,
  ];
  if (platform === 'rdv-prefecture' || due.captchas > 0)
    said.push(
      `${due.captchas > 0 ? `${plural(due.captchas, 'tentative arrêtée', 'tentatives arrêtées')} par un captcha sur ${period} : ` : 'Démarche protégée par un captcha : '}` +
        'le robot ne le résout jamais ; faites ces tentatives en mode témoin (vous naviguez, l’outil capture chaque page).',
    );
  return said;
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

/**
 * The calendar events of a motif's suggested times. `withCommand`: the command to run, for the volunteer's own
 * file (`npm run due --ics`); the site's public file says what to do in words, with the booking page.
 */
export function suggestionEvents(
  times: readonly Date[],
  names: {
    prefecture: string;
    prefectureName: string;
    motif: string;
    motifLabel: string;
    platform: string;
    bookingUrl?: string;
  },
  withCommand = true,
): CalendarEvent[] {
  const how = withCommand
    ? `Dans le dossier du projet, lancez :\n${commandFor(names.prefecture, names.motif, names.platform)}`
    : `${names.platform === 'rdv-prefecture' ? 'Démarche protégée par un captcha : capturez-la en mode témoin.' : 'Capture par le robot, ou en mode témoin.'}${names.bookingUrl ? `\nPage de rendez-vous : ${names.bookingUrl}` : ''}`;
  return times.map((start) => ({
    start,
    minutes: 15,
    summary: `Capture : ${names.motifLabel} (${names.prefectureName})`,
    description: `Tentative de prise de rendez-vous à capturer. ${how}`,
  }));
}
