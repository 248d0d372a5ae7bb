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
export function perMotifMs(
  groups: string[][],
  startMs: number,
  ends: ReadonlyMap<string, number>,
): Map<string, number> {
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
  startedAt: number;
}

// The files a page pulls in (progress images, favicon, styles) load side by side once the page is there:
// they add no round trip to the chain of pages.
const SUBRESOURCE = /\.(png|gif|jpe?g|svg|webp|ico|css|js|woff2?)(\?|$)/i;

/** A browser talks to one site over six connections (HTTP/1.1): a page's images come six at a time. */
const CONNECTIONS_PER_SITE = 6;

export interface CapturedPage {
  host: string;
  /** Path of the captured page, as in the request log. */
  path: string;
  /** When it was captured (epoch ms): its document is the last one served with that path before. */
  at: number;
}

/**
 * The rounds of image loading the captured pages needed, per host: the subresources requested after a
 * captured page's document and before the site's next document, six at a time. Motifs of one site never
 * overlap, so on each host the log reads as one page after another.
 */
export function imageRounds(
  requests: readonly ServedRequest[],
  captured: readonly CapturedPage[],
): Map<string, number> {
  const rounds = new Map<string, number>();
  for (const page of captured) {
    const onHost = requests.filter((r) => r.host === page.host);
    const document = onHost.findLastIndex((r) => r.path === page.path && r.startedAt <= page.at);
    if (document < 0) continue;
    const next = onHost.findIndex((r, i) => i > document && !SUBRESOURCE.test(r.path));
    const images = onHost
      .slice(document + 1, next < 0 ? undefined : next)
      .filter((r) => SUBRESOURCE.test(r.path) && !r.path.startsWith('/favicon')).length;
    rounds.set(page.host, (rounds.get(page.host) ?? 0) + Math.ceil(images / CONNECTIONS_PER_SITE));
  }
  return rounds;
}

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

export interface HostLimit {
  host: string;
  pages: number;
  /** Round trips for the captured pages' images (imageRounds): a faithful screenshot waits for them. */
  imageRounds: number;
  retryWaitMs: number;
  limitMs: number;
}

export interface PhysicalLimit {
  /** The slowest site: the one that sets the limit. */
  host: string;
  limitMs: number;
  perHost: HostLimit[];
}

/**
 * The shortest a run can take when every response waits `latencyMs`: each site serves its pages one after
 * another (each page comes from a link or form of the previous one, and motifs of one site never overlap),
 * then the images of each captured page (a faithful screenshot needs them), plus the retry waits the
 * settings require; sites run side by side, so the slowest site is the limit.
 */
export function physicalLimit(
  requests: readonly ServedRequest[],
  latencyMs: number,
  hosts: ReadonlyMap<string, { imageRounds: number; retryWaitMs: number }>,
): PhysicalLimit {
  const perHost = [...pagesPerHost(requests)].map(([host, pages]): HostLimit => {
    const { imageRounds, retryWaitMs } = hosts.get(host) ?? { imageRounds: 0, retryWaitMs: 0 };
    return { host, pages, imageRounds, retryWaitMs, limitMs: (pages + imageRounds) * latencyMs + retryWaitMs };
  });
  const slowest = perHost.reduce((a, b) => (b.limitMs > a.limitMs ? b : a), {
    host: '',
    pages: 0,
    imageRounds: 0,
    retryWaitMs: 0,
    limitMs: 0,
  });
  return { host: slowest.host, limitMs: slowest.limitMs, perHost };
}
