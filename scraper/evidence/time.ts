/** Paris time for display and stamping; records keep UTC. dayjs with the French locale, offsets from Intl. */
import dayjs from 'dayjs';
import advancedFormat from 'dayjs/plugin/advancedFormat.js';
import utc from 'dayjs/plugin/utc.js';
import 'dayjs/locale/fr.js';

// `Do` is the French day of the month: « 1er mars », « 2 mars ».
dayjs.extend(advancedFormat);
dayjs.extend(utc);

export const PARIS = 'Europe/Paris';

// dayjs's timezone plugin builds a new Intl formatter on every call (~0.2 ms): the site spent 26 s of its
// build on 100,000 capture dates. One shared formatter, asked about twice per day of time, gives the same offsets.
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: PARIS, timeZoneName: 'longOffset' });
const offsetByDay = new Map<number, number | null>();
const offsetByHour = new Map<number, number>();

function askOffset(epochMs: number): number {
  const name = offsetFormat.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const match = /([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** Minutes ahead of UTC in Paris at that instant: 60 in winter, 120 in summer. */
export function parisOffsetMinutes(epochMs: number): number {
  // Paris changes its offset at most once a day, on the hour (01:00 UTC): a UTC day whose two ends agree
  // has one offset; on the two days a year that change, each UTC hour has one.
  const day = Math.floor(epochMs / 86_400_000);
  let daily = offsetByDay.get(day);
  if (daily === undefined) {
    const first = askOffset(day * 86_400_000);
    daily = first === askOffset((day + 1) * 86_400_000 - 1) ? first : null;
    offsetByDay.set(day, daily);
  }
  if (daily !== null) return daily;
  const hour = Math.floor(epochMs / 3_600_000);
  let hourly = offsetByHour.get(hour);
  if (hourly === undefined) offsetByHour.set(hour, (hourly = askOffset(hour * 3_600_000)));
  return hourly;
}

/** Paris wall-clock time of an instant, in ms: as a Date, its UTC fields would be the Paris fields. */
export function parisMs(iso: string): number {
  const ms = Date.parse(iso);
  return ms + parisOffsetMinutes(ms) * 60_000;
}

/** Paris wall-clock time of an instant, as a Date whose UTC fields are the Paris fields. */
export const parisClock = (iso: string) => new Date(parisMs(iso));

export function parisTime(isoUtc: string) {
  const t = dayjs.utc(isoUtc);
  return t.utcOffset(parisOffsetMinutes(t.valueOf())).locale('fr');
}

/** « jeudi 27 novembre 2026 à 05:39:22 (UTC+01:00) », « dimanche 1er mars 2026 à … » */
export function parisDateTime(isoUtc: string): string {
  const t = parisTime(isoUtc);
  return `${t.format('dddd Do MMMM YYYY [à] HH:mm:ss')} (UTC${t.format('Z')})`;
}

/** « 2026-11-27 04:39:22 UTC » */
export function utcDateTime(isoUtc: string): string {
  return `${dayjs.utc(isoUtc).format('YYYY-MM-DD HH:mm:ss')} UTC`;
}
