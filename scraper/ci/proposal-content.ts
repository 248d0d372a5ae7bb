/**
 * What a proposal adds, checked from the blobs themselves before any capture file is written: every manifest
 * matches the files it lists, every capture file and reply comes with a manifest of the proposal, every record was
 * made on a person's machine, and every manifest carries a sound RFC 3161 timestamp no earlier than its latest
 * capture. Only manifests and replies are written first (the timestamp check reads them as `npm run verify` does);
 * the capture files follow once all of this holds, for the strict verification.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseManifest, type ManifestEntry } from '../archive/manifest.ts';
import { isManifestPath, parseCapturePath, parseReplyPath } from '../archive/paths.ts';
import { parseRecord } from '../archive/read-record.ts';
import { sha256Hex } from '../evidence/images.ts';
import { eachBlob, type Change } from './proposal-git.ts';

/** Writes `data` at `path` of `out`, creating each folder once. */
function writer(out: string): (path: string, data: Buffer) => Promise<void> {
  const folders = new Map<string, Promise<unknown>>();
  return async (path, data) => {
    const folder = dirname(join(out, path));
    if (!folders.has(folder)) folders.set(folder, mkdir(folder, { recursive: true }));
    await folders.get(folder);
    await writeFile(join(out, path), data, { flag: 'wx' });
  };
}

/**
 * The sound RFC 3161 replies of the manifests of a folder, as `npm run verify` checks them (scraper/timestamp/check.ts,
 * given by the command: that folder imports this one).
 */
export type SoundTimestamps = (archive: string) => Promise<{ manifest: string; genTime: string }[]>;

/** Why the files the proposal adds cannot go on to verification; empty when they can (they are then all in `out`). */
export async function contentProblems(
  gitDir: string,
  changes: Change[],
  out: string,
  soundTimestamps: SoundTimestamps,
): Promise<string[]> {
  const write = writer(out);
  const hashes = new Map<string, string>();
  const manifests = new Map<string, string>();
  const records = new Map<string, string>();
  await eachBlob(gitDir, changes, async ({ path }, data) => {
    hashes.set(path, sha256Hex(data));
    if (isManifestPath(path)) manifests.set(path, data.toString('utf8'));
    if (parseCapturePath(path)?.kind === 'record') records.set(path, data.toString('utf8'));
    if (isManifestPath(path) || parseReplyPath(path)) await write(path, data);
  });

  const problems: string[] = [];
  const listed = new Map<string, ManifestEntry[]>();
  for (const [manifest, text] of manifests) {
    let entries: ManifestEntry[];
    try {
      entries = parseManifest(text);
    } catch (error) {
      problems.push(`${manifest} : ${(error as Error).message}`);
      continue;
    }
    listed.set(manifest, entries);
    for (const entry of entries) {
      const sha256 = hashes.get(entry.path);
      if (sha256 !== entry.sha256)
        problems.push(
          `${manifest} : ${entry.path} ${sha256 ? "n'a pas l'empreinte annoncée" : 'est absent de la proposition'}`,
        );
    }
  }
  const covered = new Set([...listed.values()].flat().map((entry) => entry.path));
  for (const path of hashes.keys()) {
    const reply = parseReplyPath(path);
    if (reply && !manifests.has(reply.manifest))
      problems.push(`${path} : réponse d'horodatage sans son manifeste dans la proposition`);
    if (parseCapturePath(path) && !covered.has(path))
      problems.push(`${path} : listé dans aucun manifeste de la proposition (chaque capture arrive avec le sien)`);
  }

  // When each capture was taken: its record says so to the millisecond, its name to the second.
  const capturedAt = new Map<string, number>();
  for (const path of hashes.keys()) {
    const key = parseCapturePath(path);
    if (key) capturedAt.set(key.stem, Math.max(capturedAt.get(key.stem) ?? 0, Date.parse(key.key.capturedAt)));
  }
  for (const [path, text] of records) {
    const { record } = parseRecord(text);
    if (!record) continue; // the strict verification names what is wrong with it
    const stem = parseCapturePath(path)!.stem;
    capturedAt.set(stem, Math.max(capturedAt.get(stem)!, Date.parse(record.capturedAt)));
    const { runner } = record.provenance;
    if (runner.kind !== 'local')
      problems.push(
        `${path} : provenance.runner.kind « ${runner.kind} » — une capture proposée est faite sur la machine d'une personne (runner « local ») ; celles du robot du projet ne viennent jamais par une demande de fusion`,
      );
  }
  const seen = await soundTimestamps(out);
  for (const [manifest, entries] of listed) {
    const latest = Math.max(0, ...entries.map((e) => capturedAt.get(parseCapturePath(e.path)?.stem ?? '') ?? 0));
    const times = seen.filter((s) => s.manifest === manifest).map((s) => Date.parse(s.genTime));
    if (times.length === 0)
      problems.push(
        `${manifest} : aucun horodatage RFC 3161 vérifié — chaque manifeste proposé arrive avec la réponse d'une autorité (npm run timestamp)`,
      );
    else if (Math.max(...times) < latest)
      problems.push(
        `${manifest} : horodaté le ${new Date(Math.max(...times)).toISOString()}, avant sa dernière capture (${new Date(latest).toISOString()})`,
      );
  }
  if (problems.length === 0)
    await eachBlob(
      gitDir,
      changes.filter((change) => parseCapturePath(change.path)),
      ({ path }, data) => write(path, data),
    );
  return problems;
}
