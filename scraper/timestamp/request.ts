/**
 * Asks each configured authority to timestamp a manifest's SHA-256 and stores each signed reply beside
 * it, as received: `manifests/<name>.sha256.<label>.tsr`. An authority that fails or is slow (bounded
 * wait) is reported and skipped: the run is never lost for it.
 */
import { randomBytes } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../evidence/images.ts';
import { writeFileAtomic } from '../archive/write.ts';
import { authoritiesOf, timeoutOf, type Authority } from './authorities.ts';
import { buildRequest, readReply, SHA256_OID } from './token.ts';

export interface Stamped {
  manifest: string;
  authority: string;
  /** Path of the stored reply, relative to the archive. */
  reply: string;
  genTime: string;
}
export interface Gap {
  manifest: string;
  authority: string;
  reason: string;
}
/** The timestamps obtained, and the authorities that gave none. */
export interface Timestamps {
  stamped: Stamped[];
  gaps: Gap[];
}

export const replyPath = (manifest: string, authority: Authority) => `${manifest}.${authority.label}.tsr`;

/** One request to one authority; the reply's bytes once checked against the request (imprint, nonce). */
export async function requestTimestamp(
  authority: Authority,
  digest: Buffer,
  timeoutMs: number,
): Promise<{ der: Buffer; genTime: Date }> {
  const nonce = randomBytes(8);
  nonce[0]! &= 0x7f; // a positive INTEGER
  let response: Response;
  try {
    response = await fetch(authority.url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: new Uint8Array(buildRequest(digest, nonce)),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause =
      (error as Error).name === 'TimeoutError'
        ? `pas de réponse en ${timeoutMs / 1000} s`
        : String((error as { cause?: unknown }).cause ?? error);
    throw new Error(cause);
  }
  const der = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const reply = readReply(der);
  if (reply.imprint.algorithm !== SHA256_OID || reply.imprint.hex !== digest.toString('hex'))
    throw new Error('la réponse porte sur une autre empreinte que celle demandée');
  if (reply.nonce === null || BigInt(`0x${reply.nonce}`) !== BigInt(`0x${nonce.toString('hex')}`))
    throw new Error('la réponse ne reprend pas le nonce de la demande');
  return { der, genTime: reply.genTime };
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * Timestamps each manifest with each authority that has not yet replied for it (so the publish job can
 * complete what a capture job started), all requests side by side.
 */
export async function timestampManifests(
  archive: string,
  manifests: string[],
  authorities: Authority[],
  options: { timeoutMs: number; log: (line: string) => void },
): Promise<Timestamps> {
  const stamped: Stamped[] = [];
  const gaps: Gap[] = [];
  await Promise.all(
    manifests.flatMap((manifest) =>
      authorities.map(async (authority) => {
        const reply = replyPath(manifest, authority);
        if (await exists(join(archive, reply))) return;
        try {
          const digest = Buffer.from(sha256Hex(await readFile(join(archive, manifest))), 'hex');
          const { der, genTime } = await requestTimestamp(authority, digest, options.timeoutMs);
          await writeFileAtomic(join(archive, reply), der);
          stamped.push({ manifest, authority: authority.label, reply, genTime: genTime.toISOString() });
          options.log(`horodatage ${authority.label} : ${genTime.toISOString()} → ${reply}`);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          gaps.push({ manifest, authority: authority.label, reason });
          options.log(`horodatage ${authority.label} MANQUANT pour ${manifest} : ${reason} (la capture est gardée)`);
        }
      }),
    ),
  );
  return { stamped, gaps };
}

/** The RFC 3161 settings of a run, read once at its start: a bad STP_TSA_URLS stops it before anything is captured. */
export interface RunTimestamping {
  authorities: Authority[];
  timeoutMs: number;
}

export function runTimestamping(env: NodeJS.ProcessEnv): RunTimestamping {
  return { authorities: authoritiesOf(env), timeoutMs: timeoutOf(env) };
}

/** Timestamps the manifest a run (bot or witness) has just written; nothing to do when it wrote none. */
export function timestampRun(
  archive: string,
  manifest: string | null,
  settings: RunTimestamping,
  log: (line: string) => void,
): Promise<Timestamps> {
  if (!manifest) return Promise.resolve({ stamped: [], gaps: [] });
  return timestampManifests(archive, [manifest], settings.authorities, { timeoutMs: settings.timeoutMs, log });
}

/** What a run's summary says of its timestamps: those obtained, and each authority that gave none. */
export function timestampLines({ stamped, gaps }: Timestamps): string[] {
  return [
    ...(stamped.length > 0
      ? [`Horodatage RFC 3161 : ${stamped.map((s) => `${s.authority} ${s.genTime}`).join(', ')}`]
      : []),
    ...gaps.map((gap) => `Horodatage MANQUANT de ${gap.authority} : ${gap.reason}`),
  ];
}
