/**
 * Archive growth, projected from measured sizes (pure arithmetic): the Git repository per year, and the
 * Pages site after some years, with and without the site's size budget. The budget caps the detail of
 * the captures (capture pages and images, newest first); the rest grows with every capture whatever the
 * budget (month-page cells, compressed data), or with the motifs (listing pages). New unique images are taken at the rate the size bench
 * showed, kept up for years: an upper bound, since the same pages come back.
 */

export interface MeasuredSizes {
  /** Packed Git growth per capture over a realistic mix of outcomes (size bench). */
  repositoryBytesPerCapture: number;
  /** Unique page images and thumbnails per capture: what the site publishes once per content (size bench). */
  uniqueImageBytesPerCapture: number;
  /** One capture page (site bench). */
  capturePageBytes: number;
  /**
   * Published for every capture whatever the budget: its cell in its month page (and its share of the
   * page), its lines in the compressed open data and dossier index (site bench, no budget).
   */
  alwaysBytesPerCapture: number;
  /** Home, préfecture and motif pages, feeds, « À propos », per motif (site bench, no budget). */
  listingBytesPerMotif: number;
  /** What a capture with a page adds outside the budget: its card instead of a row, its page in the data (site bench). */
  pageExtraBytes: number;
  /** Stylesheet and scripts, whatever the archive (site bench). */
  fixedBytes: number;
}

export interface Schedule {
  capturesPerDay: number;
  /** The site's size budget for the captures' detail, in bytes: beyond it the oldest are left out. */
  budgetBytes: number;
  /** What GitHub Pages accepts, in bytes. */
  pagesLimitBytes: number;
}

export interface SiteAfter {
  years: number;
  captures: number;
  /** Pages and unique images of every capture, before the budget. */
  detail: number;
  /** Captures that keep their page, budget applied. */
  pages: number;
  /** Everything published, budget or not. */
  unbudgeted: number;
  /** With the oldest detail left out beyond the budget. */
  budgeted: number;
  /** The largest budget that keeps this site under the Pages limit (Infinity: any; 0: none does). */
  budgetForLimit: number;
}

export interface Projection {
  motifs: number;
  capturesPerYear: number;
  repositoryBytesPerYear: number;
  site: SiteAfter[];
  /** Years before the site passes the Pages limit, budget applied (Infinity: never). */
  yearsToPagesLimit: number;
}

const DAYS_PER_YEAR = 365.25;

export function project(sizes: MeasuredSizes, schedule: Schedule, motifs: number, years: number[]): Projection {
  const capturesPerYear = motifs * schedule.capturesPerDay * DAYS_PER_YEAR;
  const detailPerCapture = sizes.capturePageBytes + sizes.uniqueImageBytesPerCapture;
  /** Captures whose detail fits in the budget. */
  const withinBudget = detailPerCapture > 0 ? schedule.budgetBytes / detailPerCapture : Infinity;
  const fixed = sizes.fixedBytes + motifs * sizes.listingBytesPerMotif;
  const siteOf = (captures: number, pages: number) =>
    Math.min(captures, pages) * detailPerCapture +
    captures * sizes.alwaysBytesPerCapture +
    pages * sizes.pageExtraBytes +
    fixed;
  const limit = schedule.pagesLimitBytes;
  const site = years.map((y) => {
    const captures = capturesPerYear * y;
    const pages = Math.min(captures, withinBudget);
    const unbudgeted = siteOf(captures, captures);
    // A budget b buys b ÷ detail pages, each with its extra outside the budget: b (1 + extra ÷ detail) + the rest = limit.
    const rest = siteOf(captures, 0);
    const budgetForLimit =
      unbudgeted <= limit
        ? Infinity
        : detailPerCapture > 0
          ? Math.max(0, (limit - rest) / (1 + sizes.pageExtraBytes / detailPerCapture))
          : 0;
    return {
      years: y,
      captures,
      detail: captures * detailPerCapture,
      pages,
      unbudgeted,
      budgeted: siteOf(captures, pages),
      budgetForLimit,
    };
  });
  // Two straight lines: everything grows until the budget is spent, then only what is published for every capture.
  const spentAt = withinBudget / capturesPerYear;
  const beforeRate = capturesPerYear * (detailPerCapture + sizes.alwaysBytesPerCapture + sizes.pageExtraBytes);
  const afterRate = capturesPerYear * sizes.alwaysBytesPerCapture;
  const whenSpent = Number.isFinite(withinBudget) ? siteOf(withinBudget, withinBudget) : Infinity;
  const yearsToPagesLimit =
    whenSpent >= limit
      ? beforeRate > 0
        ? (limit - fixed) / beforeRate
        : Infinity
      : afterRate > 0
        ? spentAt + (limit - whenSpent) / afterRate
        : Infinity;
  return {
    motifs,
    capturesPerYear,
    repositoryBytesPerYear: capturesPerYear * sizes.repositoryBytesPerCapture,
    site,
    yearsToPagesLimit: Math.max(0, yearsToPagesLimit),
  };
}
