/**
 * The site's French formatters under their Eleventy filter names, one definition each (dates.ts,
 * numbers.ts). `eleventy.config.ts` registers every one as a filter; the listing templates read them back
 * as `this.<filter>` and hand them to the page renderers; the capture pages, written outside Eleventy, use
 * this same object. So a date reads the same on a month page and on the capture page it links to.
 */
import { dateTime, monthLabel, shortDate } from './dates.ts';
import { count, plural } from './numbers.ts';

export const FORMAT = {
  /** « jeudi 26 novembre 2026 à 05:39 » (Paris time) */
  parisDateTime: (iso: string): string => dateTime(iso),
  /** « 26 novembre 2026 » (Paris time) */
  parisDate: shortDate,
  /** `YYYY-MM` → « novembre 2026 » */
  monthLabel,
  /** « 12 345 » */
  frenchNumber: count,
  /** « 1 capture », « 3 captures » */
  plural,
};

/** What a template's `this` holds besides `page` and `eleventy`: the filters registered from `FORMAT`. */
export type Format = typeof FORMAT;
