/** French numbers for the pages (and the browser script): counts, shares, sizes, durations. */
import { count, NNBSP } from '../../scraper/evidence/french.ts';

export { count, plural } from '../../scraper/evidence/french.ts';

const DECIMAL = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** « 86 % », the sign held to its number. */
export function percent(part: number, total: number): string {
  return total === 0 ? '—' : `${count(Math.round((100 * part) / total))}${NNBSP}%`;
}

/** « 850 ko », « 3,2 Mo », « 1,2 Go » */
export function fileSize(bytes: number): string {
  if (bytes < 1_000_000) return `${count(Math.ceil(bytes / 1000))} ko`;
  if (bytes < 1_000_000_000) return `${DECIMAL.format(bytes / 1_000_000)} Mo`;
  return `${DECIMAL.format(bytes / 1_000_000_000)} Go`;
}

/** « 4,2 s » */
export function seconds(ms: number): string {
  return `${DECIMAL.format(ms / 1000)} s`;
}
