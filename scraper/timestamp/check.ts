/**
 * Offline check of the stored RFC 3161 replies of an archive: for each `manifests/<name>.sha256.<label>.tsr`,
 * the reply reads, its signature holds, its certificate chain reaches a trusted root at its own time, it
 * timestamps exactly the manifest beside it, and its time lies within the run's window.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../evidence/images.ts';
import { BUNDLED_ROOTS, loadRoots } from './authorities.ts';
import { readReply, SHA256_OID, verifySignature } from './token.ts';

/** `manifests/<name>.sha256.<label>.tsr` → the manifest and the authority's label. */
export const REPLY_FILE = /^(manifests\/[^/]+\.sha256)\.([A-Za-z0-9.-]+)\.tsr$/;

/** A run's timestamps come after its start (less this much for a runner clock ahead of the authority's)… */
const BEFORE_START_MS = 15 * 60_000;
/** …and before the end of the publish job that completes them (capture and publish jobs last hours at most). */
export const AFTER_START_MS = 24 * 3600_000;

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
  const [, manifest, authority] = REPLY_FILE.exec(reply) ?? [];
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
      detail: `horodaté le ${parsed.genTime.toISOString()}, hors de la fenêtre du passage commencé le ${start.toISOString()} (de −15 min à +24 h)`,
    });
  return {
    seen: { manifest, authority, reply, genTime: parsed.genTime.toISOString(), signer: parsed.signer },
    problems,
  };
}
