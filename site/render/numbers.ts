/** French numbers for the pages (and the browser script): counts, shares, sizes, durations. */
const INTEGER = new Intl.NumberFormat('fr-FR');
const DECIMAL = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** « 1 234 » with the narrow no-break space of French typography. */
export function count(n: number): string {
  return INTEGER.format(n);
}

/** « 86 % » */
export function percent(part: number, total: number): string {
  return total === 0 ? '—' : `${INTEGER.format(Math.round((100 * part) / total))} %`;
}

/** « 850 ko », « 3,2 Mo », « 1,2 Go » */
export function fileSize(bytes: number): string {
  if (bytes < 1_000_000) return `${INTEGER.format(Math.ceil(bytes / 1000))} ko`;
  if (bytes < 1_000_000_000) return `${DECIMAL.format(bytes / 1_000_000)} Mo`;
  return `${DECIMAL.format(bytes / 1_000_000_000)} Go`;
}

/** « 4,2 s » */
export function seconds(ms: number): string {
  return `${DECIMAL.format(ms / 1000)} s`;
}

/** « 1 tentative », « 312 tentatives » (French: 0 and 1 take the singular). */
export function plural(n: number, one: string, many: string): string {
  return `${count(n)} ${n > 1 ? many : one}`;
}
