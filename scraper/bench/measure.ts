/**
 * The arithmetic of the capture benchmarks, pure: medians, per-motif times read from a run's log, and the
 * physical limit a slow site imposes, computed from the replica's request log.
 */

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Time of each motif in a run where the motifs of one site go one after another: from the end of the
 * previous motif of its site (the run's start for the first, so the browser launch counts) to its own end.
 * `groups` lists the motif names of each site in run order; `ends` their end times.
 */
export function perMotifMs(groups: string[][], startMs: number, ends: ReadonlyMap<string, number>): Map<string, number> {
  const times = new Map<string, number>();
  for (const group of groups) {
    let previous = startMs;
    for (const name of group) {
      const end = ends.get(name);
      if (end === undefined) throw new Error(`fin du motif ${name} absente du journal`);
      times.set(name, end - previous);
      previous = end;
    }
  }
  return times;
}

/** `paris / aes-vpf-charcot` from the engine's last line for a motif (✓ captured, ! other outcome, ✗ not captured). */
export function finishedMotif(line: string): string | null {
  return /^[✓!✗] (.+? \/ [^ ]+) :/.exec(line)?.[1] ?? null;
}

export interface ServedRequest {
  host: string;
  path: string;
}

// The files a page pulls in (progress images, favicon, styles) load side by side once the page is there:
// they add no round trip to the chain of pages.
const SUBRESOURCE = /\.(png|gif|jpe?g|svg|webp|ico|css|js|woff2?)(\?|$)/i;

/** The pages (documents, redirects and error pages included) the site served, per host. */
export function pagesPerHost(requests: readonly ServedRequest[]): Map<string, number> {
  const pages = new Map<string, number>();
  for (const { host, path } of requests) if (!SUBRESOURCE.test(path)) pages.set(host, (pages.get(host) ?? 0) + 1);
  return pages;
}

/** The waits before retries that the target's settings require: `retryDelayMs`, doubled at each retry. */
export function requiredRetryWaitMs(retries: number, retryDelayMs: number): number {
  let total = 0;
  for (let i = 0; i < retries; i++) total += retryDelayMs * 2 ** i;
  return total;
}

export interface PhysicalLimit {
  /** The slowest site: the one that sets the limit. */
  host: string;
  limitMs: number;
  perHost: { host: string; pages: number; retryWaitMs: number; limitMs: number }[];
}

/**
 * The shortest a run can take when every response waits `latencyMs`: each site serves its pages one after
 * another (each page comes from a link or form of the previous one, and motifs of one site never overlap),
 * plus the retry waits the settings require; sites run side by side, so the slowest site is the limit.
 */
export function physicalLimit(requests: readonly ServedRequest[], latencyMs: number, retryWaitMs: ReadonlyMap<string, number>): PhysicalLimit {
  const perHost = [...pagesPerHost(requests)].map(([host, pages]) => {
    const wait = retryWaitMs.get(host) ?? 0;
    return { host, pages, retryWaitMs: wait, limitMs: pages * latencyMs + wait };
  });
  const slowest = perHost.reduce((a, b) => (b.limitMs > a.limitMs ? b : a), { host: '', pages: 0, retryWaitMs: 0, limitMs: 0 });
  return { host: slowest.host, limitMs: slowest.limitMs, perHost };
}
