/**
 * Asks each configured authority to timestamp a manifest's SHA-256 and stores each signed reply beside
 * it, as received: `manifests/<name>.sha256.<label>.tsr`, once checked as verify will check it. An authority
 * that fails, is slow (bounded wait) or sends a reply that is not its own is reported and skipped: the run is
 * never lost for it.
 */
import { randomBytes } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../evidence/images.ts';
import { writeFileAtomic } from '../archive/write.ts';
import { authoritiesOf, rootDirsOf, timeoutOf, type Authority } from './authorities.ts';
import { buildRequest, readReply, SHA256_OID } from './token.ts';
import { loadTrust, type Trust } from './trust.ts';
import { BEFORE_START_MS } from './verify-reply.ts';
import { tokenProblem } from './verify-token.ts';

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

/**
 * One request to one authority; the reply's bytes once checked against the request (imprint, nonce), against the
 * time it was asked (a token signed now cannot carry another time, so a back-dated one is refused here), and as a
 * token of that authority. `anchored` says whether its chain could be followed up to a known root.
 */
export async function requestTimestamp(
  authority: Authority,
  digest: Buffer,
  timeoutMs: number,
  trust: Trust,
): Promise<{ der: Buffer; genTime: Date; anchored: boolean }> {
  const asked = Date.now();
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
  const time = reply.genTime.getTime();
  if (time < asked - BEFORE_START_MS || time > Date.now() + BEFORE_START_MS)
    throw new Error(
      `réponse refusée : heure signée ${reply.genTime.toISOString()}, à plus de 15 min de la demande (${new Date(asked).toISOString()})`,
    );
  const anchored = trust.anchorOf(authority.label) !== null;
  const problem = await tokenProblem(reply, authority.label, trust, { anchored });
  if (problem) throw new Error(`réponse refusée : ${problem}`);
  return { der, genTime: reply.genTime, anchored };
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
  options: { timeoutMs: number; log: (line: string) => void; rootDirs?: string[] },
): Promise<Timestamps> {
  const trust = await loadTrust(options.rootDirs ?? []);
  const stamped: Stamped[] = [];
  const gaps: Gap[] = [];
  await Promise.all(
    manifests.flatMap((manifest) =>
      authorities.map(async (authority) => {
        const reply = replyPath(manifest, authority);
        if (await exists(join(archive, reply))) return;
        try {
          const digest = Buffer.from(sha256Hex(await readFile(join(archive, manifest))), 'hex');
          const { der, genTime, anchored } = await requestTimestamp(authority, digest, options.timeoutMs, trust);
          await writeFileAtomic(join(archive, reply), der);
          stamped.push({ manifest, authority: authority.label, reply, genTime: genTime.toISOString() });
          options.log(
            `horodatage ${authority.label} : ${genTime.toISOString()} → ${reply}${anchored ? '' : ` (racine de cette autorité inconnue ici : chaîne non suivie jusqu'à une racine, voir STP_TSA_ROOTS)`}`,
          );
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
  /** Folders of `<label>.pem` roots of the authorities that are not bundled (STP_TSA_ROOTS). */
  rootDirs: string[];
}

export function runTimestamping(env: NodeJS.ProcessEnv): RunTimestamping {
  return { authorities: authoritiesOf(env), timeoutMs: timeoutOf(env), rootDirs: rootDirsOf(env) };
}

/** Timestamps the manifest a run (bot or witness) has just written; nothing to do when it wrote none. */
export function timestampRun(
  archive: string,
  manifest: string | null,
  settings: RunTimestamping,
  log: (line: string) => void,
): Promise<Timestamps> {
  if (!manifest) return Promise.resolve({ stamped: [], gaps: [] });
  return timestampManifests(archive, [manifest], settings.authorities, { ...settings, log });
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
