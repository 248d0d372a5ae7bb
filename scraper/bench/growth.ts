/**
 * Archive growth, projected from measured sizes (pure arithmetic): the Git repository per year, and the
 * Pages site after some years, with and without the site's image budget. New unique images are taken at
 * the rate the size bench showed, kept up for years: an upper bound, since the same pages come back.
 */

export interface MeasuredSizes {
  /** Packed Git growth per capture over a realistic mix of outcomes (size bench). */
  repositoryBytesPerCapture: number;
  /** Unique page images and thumbnails per capture: what the site publishes once per content (size bench). */
  uniqueImageBytesPerCapture: number;
  /** Capture pages, listings and open data of a site build, per capture (site bench). */
  siteBytesPerCapture: number;
}

export interface Schedule {
  capturesPerDay: number;
  /** The site's image budget, in bytes: beyond it the oldest images are left out. */
  imageBudgetBytes: number;
  /** What GitHub Pages accepts, in bytes. */
  pagesLimitBytes: number;
}

export interface SiteAfter {
  years: number;
  captures: number;
  images: number;
  pages: number;
  /** Everything published, budget or not. */
  unbudgeted: number;
  /** With the oldest images left out beyond the budget. */
  budgeted: number;
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
  const site = years.map((y) => {
    const captures = capturesPerYear * y;
    const images = captures * sizes.uniqueImageBytesPerCapture;
    const pages = captures * sizes.siteBytesPerCapture;
    return { years: y, captures, images, pages, unbudgeted: images + pages, budgeted: Math.min(images, schedule.imageBudgetBytes) + pages };
  });
  // The budget caps images only: once it is spent, the pages alone grow.
  const imageYears = schedule.imageBudgetBytes / (capturesPerYear * sizes.uniqueImageBytesPerCapture);
  const perYear = capturesPerYear * (sizes.uniqueImageBytesPerCapture + sizes.siteBytesPerCapture);
  const pagesPerYear = capturesPerYear * sizes.siteBytesPerCapture;
  const yearsToPagesLimit =
    schedule.pagesLimitBytes / perYear <= imageYears
      ? schedule.pagesLimitBytes / perYear
      : pagesPerYear > 0
        ? (schedule.pagesLimitBytes - schedule.imageBudgetBytes) / pagesPerYear
        : Infinity;
  return { motifs, capturesPerYear, repositoryBytesPerYear: capturesPerYear * sizes.repositoryBytesPerCapture, site, yearsToPagesLimit: Math.max(0, yearsToPagesLimit) };
}
