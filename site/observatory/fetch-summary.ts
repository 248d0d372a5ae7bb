/**
 * Fetches one site's public summary (`donnees/resume.json`) over HTTP, as any browser could, with a time
 * limit and a size cap, and checks it against the one schema. A source that is down, slow, too large,
 * malformed or hostile gives a French reason, never an exception: one bad fork never stops the observatory.
 */
import { DATA_FILES } from '../model/opendata.ts';
import { siteSummarySchema, type SiteSummary } from '../model/public-summary.ts';
import { paths } from '../model/urls.ts';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
}

/** A summary of a few hundred motifs weighs some 100 kB: 2 MB leaves room and stops a source that sends without end. */
export const DEFAULT_LIMITS: FetchLimits = { timeoutMs: 15_000, maxBytes: 2_000_000 };

export type Fetched = { ok: true; summary: SiteSummary } | { ok: false; error: string };

/** The site's address with its trailing slash, or null for anything but http(s). */
export function siteAddress(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Buffer | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function fetchSummary(site: string, limits: FetchLimits = DEFAULT_LIMITS): Promise<Fetched> {
  const url = new URL(paths.dataFile(DATA_FILES.summaryJson), site);
  let bytes: Buffer | null;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(limits.timeoutMs), redirect: 'follow' });
    if (!response.ok || !response.body) return { ok: false, error: `HTTP ${response.status} pour ${url.href}` };
    const declared = Number(response.headers.get('content-length'));
    if (declared > limits.maxBytes) return { ok: false, error: `résumé trop gros (${declared} octets annoncés)` };
    bytes = await readCapped(response.body, limits.maxBytes);
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return {
      ok: false,
      error: timedOut
        ? `pas de réponse complète en ${limits.timeoutMs / 1000} s`
        : `injoignable (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)})`,
    };
  }
  if (bytes === null) return { ok: false, error: `résumé de plus de ${limits.maxBytes} octets, ignoré` };
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, error: "le résumé n'est pas du JSON" };
  }
  const parsed = siteSummarySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error:
        `résumé non conforme au schéma ${issue ? `(${issue.path.join('.') || 'racine'} : ${issue.message})` : ''}`.trim(),
    };
  }
  return { ok: true, summary: parsed.data };
}
