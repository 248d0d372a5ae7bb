/**
 * French dates in Paris time for the pages. The offset comes from `scraper/evidence/time.ts` (the banner's
 * clock); the words from dayjs's French locale. Formatting by hand: the site formats several dates per
 * capture, 100,000 captures and more, and a dayjs object per date would cost seconds.
 */
import fr from 'dayjs/locale/fr.js';
import { dayOfMonth } from '../../scraper/evidence/french.ts';
import { parisClock, parisOffsetMinutes } from '../../scraper/evidence/time.ts';

const WEEKDAYS = fr.weekdays!;
const MONTHS = fr.months!;
const MONTHS_SHORT = fr.monthsShort!;

const two = (n: number) => (n < 10 ? `0${n}` : String(n));
const dayOf = (d: Date) => dayOfMonth(d.getUTCDate());
const dateText = (d: Date) => `${WEEKDAYS[d.getUTCDay()]} ${dayOf(d)} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
const clockText = (d: Date, withSeconds: boolean) =>
  `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}${withSeconds ? `:${two(d.getUTCSeconds())}` : ''}`;

/** « jeudi 26 novembre 2026 » */
export function longDate(iso: string): string {
  return dateText(parisClock(iso));
}

/** « 05:39 », or « 05:39:22 » */
export function clockTime(iso: string, withSeconds = false): string {
  return clockText(parisClock(iso), withSeconds);
}

/** « jeudi 26 novembre 2026 à 05:39 », or « … à 05:39:22 » */
export function dateTime(iso: string, withSeconds = false): string {
  const d = parisClock(iso);
  return `${dateText(d)} à ${clockText(d, withSeconds)}`;
}

/** « jeudi 26 », « dimanche 1er » */
export function weekdayAndDay(iso: string): string {
  const d = parisClock(iso);
  return `${WEEKDAYS[d.getUTCDay()]} ${dayOf(d)}`;
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;
const widest = (names: readonly string[]) => names.reduce((a, b) => (byteLength(b) > byteLength(a) ? b : a));

/** The most bytes `dateTime` (without seconds) can take: the widest weekday, day and month. */
export const DATE_TIME_MAX_BYTES = byteLength(`${widest(WEEKDAYS)} 1er ${widest(MONTHS)} 9999 à 23:59`);

/** « 26 novembre 2026 » */
export function shortDate(iso: string): string {
  const d = parisClock(iso);
  return `${dayOf(d)} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** « 2026-11-26 05:39:22+01:00 »: sortable, for the open data. */
export function isoParis(iso: string): string {
  const ms = Date.parse(iso);
  const offset = parisOffsetMinutes(ms);
  const local = new Date(ms + offset * 60_000).toISOString();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local.slice(0, 10)} ${local.slice(11, 19)}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** `YYYY-MM` → « novembre 2026 » */
export function monthLabel(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** `YYYY-MM-DD` (a Monday) → « semaine du 23 novembre 2026 » */
export function weekLabel(monday: string): string {
  return `semaine du ${shortDate(`${monday}T12:00:00Z`)}`;
}

export const WEEKDAY_NAMES = WEEKDAYS;

/** `YYYY-MM` → « janv. 26 » */
export function monthTick(month: string): string {
  return `${MONTHS_SHORT[Number(month.slice(5, 7)) - 1]} ${month.slice(2, 4)}`;
}

/** `YYYY-MM-DD` → « 5 janv. » */
export function dayTick(day: string): string {
  return `${dayOfMonth(Number(day.slice(8, 10)))} ${MONTHS_SHORT[Number(day.slice(5, 7)) - 1]}`;
}
