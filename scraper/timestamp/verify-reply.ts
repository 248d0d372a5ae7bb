/**
 * The one check of a stored RFC 3161 reply, made by `npm run verify` and reusable wherever a timestamp is shown: the
 * token is the authority's (verify-token.ts), it timestamps exactly the manifest beside it, its time lies in the
 * run's window, and every capture the manifest lists was made between the run's start and that time.
 */
import { sha256Hex } from '../evidence/images.ts';
import { parseManifest } from '../archive/manifest.ts';
import { parseCapturePath, parseReplyPath } from '../archive/paths.ts';
import { readReply, SHA256_OID } from './token.ts';
import type { Trust } from './trust.ts';
import { tokenProblem } from './verify-token.ts';

/** A run's timestamps come after its start (less this much for a runner clock ahead of the authority's)… */
export const BEFORE_START_MS = 15 * 60_000;
/**
 * …and before the end of the publish job that completes them: the run's own (hours at most), or that of a
 * later run which picks up a failed run's captures, up to 7 days after (ci/pickup.ts), plus a day's margin.
 */
export const AFTER_START_MS = 8 * 24 * 3600_000;

export interface TimestampProblem {
  /** The file found wrong: the reply, its manifest when it changed after a sound reply, or a record it lists. */
  path: string;
  detail: string;
}

export type ReplyVerdict =
  | {
      ok: true;
      /** The time the authority signed. */
      genTime: Date;
      /** `DigiCert`, `Sectigo`, or the label of an authority the user added. */
      authority: string;
      /** Common name of the signing certificate. */
      signer: string | null;
    }
  | { ok: false; reason: string; problems: TimestampProblem[] };

/** Start of the run from the manifest's name (`<YYYY-MM-DDTHH-mm-ssZ>-<hash>.sha256`), or null. */
export function runStartOf(manifest: string): Date | null {
  const match = /(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z-[0-9a-f]+\.sha256$/.exec(manifest);
  return match ? new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}Z`) : null;
}

/**
 * The captures the manifest lists that were not made in [run start − 15 min, signed time]: a record written after
 * its manifest was timestamped, or dated before its run, says a time that is not its own. Read from the record's
 * path, which verify holds to the record's `capturedAt` (to the second).
 */
function capturesOutsideWindow(manifestData: Buffer, start: Date, genTime: Date, accuracyMs: number) {
  let entries;
  try {
    entries = parseManifest(manifestData.toString('utf8'));
  } catch {
    return []; // verify names each unreadable line of the manifest
  }
  const earliest = start.getTime() - BEFORE_START_MS;
  const latest = genTime.getTime() + accuracyMs;
  return entries
    .map(({ path }) => parseCapturePath(path))
    .filter((capture) => capture?.kind === 'record')
    .filter((capture) => {
      const at = Date.parse(capture!.key.capturedAt);
      return at < earliest || at > latest;
    })
    .map((capture) => `${capture!.stem}.json`);
}

/**
 * `reply`: the reply's path in the archive (`manifests/<name>.sha256.<label>.tsr`: it names the manifest, whose
 * name gives the run's start, and the authority); `manifestData`: the bytes of that manifest, null when absent.
 */
export async function verifyReply(
  reply: string,
  replyData: Buffer,
  manifestData: Buffer | null,
  trust: Trust,
): Promise<ReplyVerdict> {
  const fail = (problems: TimestampProblem[]): ReplyVerdict => ({
    ok: false,
    reason: problems.map((p) => p.detail).join(' ; '),
    problems,
  });
  const names = parseReplyPath(reply);
  if (!names) return fail([{ path: reply, detail: 'nom de réponse inattendu' }]);
  const { manifest, authority: label } = names;
  let parsed;
  try {
    parsed = readReply(replyData);
  } catch (error) {
    return fail([{ path: reply, detail: (error as Error).message }]);
  }
  const problems: TimestampProblem[] = [];
  const token = await tokenProblem(parsed, label, trust);
  if (token) problems.push({ path: reply, detail: token });
  const digest = manifestData ? sha256Hex(manifestData) : null;
  if (!digest) problems.push({ path: reply, detail: `son manifeste ${manifest} est absent` });
  else if (parsed.imprint.algorithm !== SHA256_OID || parsed.imprint.hex !== digest) {
    // A sound token over another hash: the manifest changed after it was timestamped.
    problems.push(
      token
        ? { path: reply, detail: `n'horodate pas ${manifest} (empreinte ${parsed.imprint.hex})` }
        : {
            path: manifest,
            detail: `modifié après son horodatage par ${label} : SHA-256 ${digest}, horodaté ${parsed.imprint.hex} (${reply})`,
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
  if (start && manifestData && problems.length === 0)
    for (const record of capturesOutsideWindow(manifestData, start, parsed.genTime, parsed.accuracyMs))
      problems.push({
        path: record,
        detail: `capture listée par ${manifest} hors de sa fenêtre : pas entre le début du passage moins 15 min (${new Date(start.getTime() - BEFORE_START_MS).toISOString()}) et l'heure signée par ${label} (${parsed.genTime.toISOString()})`,
      });
  if (problems.length > 0) return fail(problems);
  return { ok: true, genTime: parsed.genTime, authority: trust.anchorOf(label)!.name, signer: parsed.signer };
}
