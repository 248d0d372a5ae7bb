/**
 * French typography for every text the project shows, the site's pages and the dossier's PDF alike:
 * numbers, plurals (never « (s) »), « 1er » and the no-break spaces that keep punctuation on its line.
 */
const INTEGER = new Intl.NumberFormat('fr-FR');

/** Before `:`, `»`, and after `«`: a word space that does not break. */
export const NBSP = '\u00a0';
/** Before `;`, `?`, `!`, `%`: the narrow no-break space (Intl puts it in French numbers too). */
export const NNBSP = '\u202f';

/** « 1 234 » with the narrow no-break space of French numbers. */
export function count(n: number): string {
  return INTEGER.format(n);
}

/** « 1 tentative », « 312 tentatives » (French: 0 and 1 take the singular). */
export function plural(n: number, one: string, many: string): string {
  return `${count(n)} ${n > 1 ? many : one}`;
}

/** « 1er », « 2 », « 31 »: the day of a month. */
export function dayOfMonth(day: number): string {
  return day === 1 ? '1er' : String(day);
}

const BEFORE = / ([:;?!%»])/g;
const AFTER = /« /g;

/**
 * `text` with its ordinary spaces before `: ; ? ! % »` and after `«` made non-breaking, so that a line
 * never starts with one of them (« aucun créneau ⏎ » »). Only spaces already there are changed: an
 * address like `?page=2` stays as it is.
 */
export function frenchSpaces(text: string): string {
  if (!text.includes(' ')) return text;
  return text
    .replace(BEFORE, (_, mark: string) => (mark === ':' || mark === '»' ? NBSP : NNBSP) + mark)
    .replace(AFTER, `«${NBSP}`);
}
