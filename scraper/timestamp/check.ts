/**
 * Offline check of the stored RFC 3161 replies of an archive: for each `manifests/<name>.sha256.<label>.tsr`,
 * the reply reads, its signature holds, its certificate chain reaches a trusted root at its own time, it
 * timestamps exactly the manifest beside it, and its time lies within the run's window.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../evidence/images.ts';
import { isManifestPath, MANIFEST_DIR, parseReplyPath } from '../archive/paths.ts';
import type { Finding } from '../archive/verify.ts';
import { BUNDLED_ROOTS, loadRoots } from './authorities.ts';
import { readReply, SHA256_OID, verifySignature } from './token.ts';

/** A run's timestamps come after its start (less this much for a runner clock ahead of the authority's)… */
const BEFORE_START_MS = 15 * 60_000;
/**
 * …and before the end of the publish job that completes them: the run's own (hours at most), or that of a
 * later run which picks up a failed run's captures, up to 7 days after (ci/pickup.ts), plus a day's margin.
 */
export const AFTER_START_MS = 8 * 24 * 3600_000;

export interface TimestampSeen {
  manifest: string;
  authority: string;
  reply: string;
  genTime: string;
  signer: string | null;
}
export interface TimestampProblem {
  /** The file found wrong: the reply, or the manifest when it no longer matches a sound reply. */
  path: string;
  detail: string;
}

/** Start of the run from the manifest's name (`<YYYY-MM-DDTHH-mm-ssZ>-<hash>.sha256`), or null. */
export function runStartOf(manifest: string): Date | null {
  const match = /(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z-[0-9a-f]+\.sha256$/.exec(manifest);
  return match ? new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}Z`) : null;
}

export async function trustedRoots(extraDirs: string[] = []): Promise<Buffer[]> {
  return (await loadRoots([BUNDLED_ROOTS, ...extraDirs])).map((root) => root.der);
}

export async function checkReply(
  archive: string,
  reply: string,
  roots: Buffer[],
): Promise<{ seen: TimestampSeen | null; problems: TimestampProblem[] }> {
  const { manifest, authority } = parseReplyPath(reply) ?? {};
  if (!manifest || !authority) return { seen: null, problems: [{ path: reply, detail: 'nom de réponse inattendu' }] };
  const problems: TimestampProblem[] = [];
  let parsed;
  try {
    parsed = readReply(await readFile(join(archive, reply)));
  } catch (error) {
    return { seen: null, problems: [{ path: reply, detail: (error as Error).message }] };
  }
  const signature = await verifySignature(parsed, roots);
  if (signature) problems.push({ path: reply, detail: signature });
  const manifestData = await readFile(join(archive, manifest)).catch(() => null);
  const digest = manifestData ? sha256Hex(manifestData) : null;
  if (!digest) problems.push({ path: reply, detail: `son manifeste ${manifest} est absent` });
  else if (parsed.imprint.algorithm !== SHA256_OID || parsed.imprint.hex !== digest) {
    // A sound signature over another hash: the manifest changed after it was timestamped.
    problems.push(
      signature
        ? { path: reply, detail: `n'horodate pas ${manifest} (empreinte ${parsed.imprint.hex})` }
        : {
            path: manifest,
            detail: `modifié après son horodatage par ${authority} : SHA-256 ${digest}, horodaté ${parsed.imprint.hex} (${reply})`,
          },
    );
  }
  const start = runStartOf(manifest);
  const time = parsed.genTime.getTime();
  if (start && (time < start.getTime() - BEFORE_START_MS || time > start.getTime() + AFTER_START_MS))
    problems.push({
      path: reply,
      detail: `horodaté le ${parsed.genTime.toISOString()}, hors de la fenêtre du passage commencé le ${start.toISOString()} (de −15 min à +8 jours)`,
    });
  return {
    seen: { manifest, authority, reply, genTime: parsed.genTime.toISOString(), signer: parsed.signer },
    problems,
  };
}

export interface TimestampsReport {
  /** The replies found sound, and the manifests that have none. */
  seen: TimestampSeen[];
  untimestamped: string[];
  /** Replies that fail, and manifests changed since they were timestamped. */
  problems: Finding[];
}

/**
 * Checks every reply of the archive whose manifest is there (a reply without its manifest is an orphan that
 * `verifyArchive` reports), against the bundled roots and those of `rootDirs`.
 */
export async function checkArchiveTimestamps(archive: string, rootDirs: string[]): Promise<TimestampsReport> {
  const names = await readdir(join(archive, MANIFEST_DIR)).catch(() => [] as string[]);
  const paths = names.map((name) => `${MANIFEST_DIR}/${name}`);
  const manifests = new Set(paths.filter(isManifestPath));
  const replies = paths.filter((path) => manifests.has(parseReplyPath(path)?.manifest ?? ''));
  const roots = replies.length > 0 ? await trustedRoots(rootDirs) : [];
  const seen: TimestampSeen[] = [];
  const problems: Finding[] = [];
  for (const reply of replies) {
    const result = await checkReply(archive, reply, roots);
    for (const problem of result.problems)
      problems.push({
        kind: problem.path === reply ? 'invalid' : 'altered',
        path: problem.path,
        detail: problem.detail,
      });
    if (result.seen && result.problems.length === 0) seen.push(result.seen);
  }
  const stamped = new Set(replies.map((reply) => parseReplyPath(reply)!.manifest));
  return { seen, untimestamped: [...manifests].filter((manifest) => !stamped.has(manifest)).sort(), problems };
}
