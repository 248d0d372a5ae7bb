/** Paris time for display and stamping; records keep UTC. dayjs with its timezone plugin and French locale. */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import 'dayjs/locale/fr.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export const PARIS = 'Europe/Paris';

export function parisTime(isoUtc: string) {
  return dayjs(isoUtc).tz(PARIS).locale('fr');
}

/** « jeudi 27 novembre 2026 à 05:39:22 (UTC+01:00) » */
export function parisDateTime(isoUtc: string): string {
  const t = parisTime(isoUtc);
  return `${t.format('dddd D MMMM YYYY [à] HH:mm:ss')} (UTC${t.format('Z')})`;
}

/** « 2026-11-27 04:39:22 UTC » */
export function utcDateTime(isoUtc: string): string {
  return `${dayjs.utc(isoUtc).format('YYYY-MM-DD HH:mm:ss')} UTC`;
}
