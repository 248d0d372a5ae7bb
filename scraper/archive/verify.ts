/**
 * Checks a whole archive: every record against the schema and its path, every page image and thumbnail
 * against the hashes in its record, every manifest line against the file it lists. Reports missing,
 * altered, invalid and orphan files with their paths. Read-only, unless asked to repair: then it first
 * recovers what a killed run left (staged captures, half-written manifests), as the capture writer would
 * at its next start. Reads only regular files inside the archive (safe-path.ts): a crafted archive's
 * symlinks and FIFOs are reported, never followed.
 */
import { lstat, readdir, readFile, rm } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { sha256Hex } from '../evidence/images.ts';
import { HashPool, type FileHash } from './hash-pool.ts';
import { parseManifest } from './manifest.ts';
import { isManifestPath, parseCapturePath, parseReplyPath, placementProblems, STAGING_DIR } from './paths.ts';
import { readArchiveFile, UnsafePathError } from './safe-path.ts';
import { parseRecord } from './read-record.ts';
import { recoverStaging } from './write.ts';

export const FINDING_LABELS = {
  missing: 'manquant',
  altered: 'modifié',
  invalid: 'invalide',
  orphan: 'orphelin',
  unlisted: 'non listé',
  pending: 'en attente',
} as const;
export type FindingKind = keyof typeof FINDING_LABELS;

export interface Finding {
  kind: FindingKind;
  /** Path relative to the archive root. */
  path: string;
  detail: string;
}

export interface VerifyReport {
  recovered: { finished: string[]; discarded: string[]; leftovers: string[] };
  captures: number;
  files: number;
  manifests: number;
  /** Any of these makes the archive fail verification. */
  problems: Finding[];
  /**
   * Capture files listed in no manifest. Not a failure: a run killed after writing a capture but before
   * its manifest leaves exactly that, and the record's hashes still vouch for the files.
   */
  warnings: Finding[];
}

export interface VerifyOptions {
  log: (line: string) => void;
  /** Finish or drop what a killed run left (the only writes verify ever does); otherwise only reported. */
  repair?: boolean;
  /** Capture files listed in no manifest fail verification: nothing can be slipped into the archive unlisted. */
  strict?: boolean;
  /** How often to log progress on a large archive, in ms (default 2,000). */
  progressMs?: number;
}

/** The temporary name `writeFileAtomic` writes before its rename: what a kill at that moment leaves. */
const TEMP_FILE = /(^|\/)\.[0-9a-f-]{36}\.tmp$/;

/**
 * What is known of each file, hashed once however many records and manifests name it. Page images and
 * thumbnails come hashed from the worker pool; records are read here, where they are parsed; the rare
 * file that only a manifest names is read here too.
 */
class Hashes {
  private known = new Map<string, FileHash>();
  done = 0;
  constructor(private readonly archive: string) {}

  add(path: string, result: FileHash): void {
    this.done++;
    this.known.set(path, result);
  }

  /** Reads a file, remembers its hash, and returns its text. */
  readText(path: string): string | { error: string } {
    try {
      const data = readArchiveFile(this.archive, path);
      this.add(path, { sha256: sha256Hex(data) });
      return data.toString('utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const result = {
        error:
          error instanceof UnsafePathError
            ? error.message
            : code === 'ENOENT'
              ? 'fichier absent'
              : `illisible (${code ?? String(error)})`,
      };
      this.add(path, result);
      return result;
    }
  }

  of(path: string): FileHash {
    if (!this.known.has(path)) this.readText(path);
    return this.known.get(path)!;
  }
}

/** Runs `work` on every item, yielding to the event loop between batches so that progress lines get printed. */
async function inBatches<T>(items: T[], work: (item: T, index: number) => void): Promise<void> {
  for (let start = 0; start < items.length; start += 500) {
    items.slice(start, start + 500).forEach((item, i) => work(item, start + i));
    await new Promise((done) => setImmediate(done));
  }
}

/** Hashes the captures on the pool, a few hundred at a time, and checks each chunk as it comes back. */
async function checkCaptures(
  archive: string,
  hashes: Hashes,
  stems: string[],
  present: Set<string>,
  findings: Finding[],
): Promise<void> {
  if (stems.length === 0) return;
  const chunks: string[][] = [];
  for (let i = 0; i < stems.length; i += 200) chunks.push(stems.slice(i, i + 200));
  const pool = new HashPool(archive);
  let next = 0;
  const feed = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      const paths = chunk
        .flatMap((stem) => [`${stem}.png`, `${stem}.webp`, `${stem}.txt`])
        .filter((path) => present.has(path));
      const results = await pool.hash(paths);
      paths.forEach((path, i) => hashes.add(path, results[i]!));
      for (const stem of chunk) checkCapture(hashes, stem, present, findings);
    }
  };
  try {
    // Two chunks per worker in flight keep every worker busy while this thread reads and parses records.
    await Promise.all(Array.from({ length: 2 * pool.size }, feed));
  } finally {
    await pool.close();
  }
}

/** Every entry under the archive's content folders (root files such as README.md and dot folders such as .git are not ours). */
async function listArchive(archive: string): Promise<{ files: string[]; odd: string[] }> {
  const files: string[] = [];
  const odd: string[] = [];
  for (const top of await readdir(archive, { withFileTypes: true })) {
    if (top.name.startsWith('.')) continue;
    // A top folder that is a symlink would bring files from elsewhere into the archive.
    if (top.isSymbolicLink()) odd.push(top.name);
    if (!top.isDirectory()) continue;
    for (const entry of await readdir(join(archive, top.name), { withFileTypes: true, recursive: true })) {
      if (entry.isDirectory()) continue;
      const path = relative(archive, join(entry.parentPath, entry.name)).split(sep).join('/');
      (entry.isFile() ? files : odd).push(path);
    }
  }
  return { files: files.sort(), odd: odd.sort() };
}

/** Hash check of one file against the hash that `source` expects. */
function checkHash(hashes: Hashes, path: string, expected: string, source: string, findings: Finding[]): void {
  const result = hashes.of(path);
  if ('error' in result) findings.push({ kind: 'missing', path, detail: `${result.error}, attendu par ${source}` });
  else if (result.sha256 !== expected)
    findings.push({ kind: 'altered', path, detail: `SHA-256 ${result.sha256} au lieu de ${expected} (${source})` });
}

function checkCapture(hashes: Hashes, stem: string, present: Set<string>, findings: Finding[]): void {
  const paths = { image: `${stem}.png`, thumbnail: `${stem}.webp`, text: `${stem}.txt`, record: `${stem}.json` };
  if (!present.has(paths.record)) {
    for (const path of [paths.image, paths.thumbnail, paths.text].filter((p) => present.has(p))) {
      findings.push({ kind: 'orphan', path, detail: `aucun enregistrement ne le cite (${paths.record} absent)` });
    }
    return;
  }
  const text = hashes.readText(paths.record);
  if (typeof text !== 'string') {
    findings.push({ kind: 'missing', path: paths.record, detail: text.error });
    return;
  }
  const reading = parseRecord(text);
  if (!reading.record) {
    for (const problem of reading.problems) findings.push({ kind: 'invalid', path: paths.record, detail: problem });
    return;
  }
  const { record } = reading;
  for (const detail of placementProblems(record, paths.record))
    findings.push({ kind: 'invalid', path: paths.record, detail });
  const source = `l'enregistrement ${paths.record}`;
  checkHash(hashes, paths.image, record.sha256, source, findings);
  checkHash(hashes, paths.thumbnail, record.thumbnailSha256, source, findings);
  if (record.textSha256) checkHash(hashes, paths.text, record.textSha256, source, findings);
  else if (present.has(paths.text))
    findings.push({ kind: 'orphan', path: paths.text, detail: `${paths.record} ne le cite pas` });
}

/** Checks every line of one manifest; returns the paths it lists. */
async function checkManifest(
  archive: string,
  hashes: Hashes,
  manifest: string,
  findings: Finding[],
): Promise<string[]> {
  const lines = (await readFile(join(archive, manifest), 'utf8')).split('\n');
  const listed: string[] = [];
  await inBatches(lines, (line, index) => {
    if (line.trim() === '') return;
    const where = `${manifest}, ligne ${index + 1}`;
    let entry;
    try {
      [entry] = parseManifest(line);
    } catch {
      findings.push({
        kind: 'invalid',
        path: manifest,
        detail: `ligne ${index + 1} illisible : « ${line.slice(0, 100)} » (attendu : <sha256>  <chemin>)`,
      });
      return;
    }
    const path = entry!.path;
    if (isAbsolute(path) || path.split('/').includes('..')) {
      findings.push({
        kind: 'invalid',
        path: manifest,
        detail: `ligne ${index + 1} : le chemin ${path} sort de l'archive`,
      });
      return;
    }
    listed.push(path);
    checkHash(hashes, path, entry!.sha256, where, findings);
  });
  return listed;
}

/** What a killed run left in staging, reported instead of recovered when verify is not asked to repair. */
async function pendingStaging(archive: string): Promise<Finding[]> {
  const root = join(archive, STAGING_DIR);
  if (!(await lstat(root).catch(() => null))?.isDirectory()) return [];
  return (await readdir(root)).map((name) => ({
    kind: 'pending' as const,
    path: `${STAGING_DIR}/${name}`,
    detail: 'capture interrompue : npm run verify -- --repair la termine ou la supprime',
  }));
}

export async function verifyArchive(archive: string, options: VerifyOptions): Promise<VerifyReport> {
  const staging = options.repair ? await recoverStaging(archive) : { finished: [], discarded: [] };
  const { files: all, odd } = await listArchive(archive);
  const temps = all.filter((path) => TEMP_FILE.test(path));
  if (options.repair) await Promise.all(temps.map((path) => rm(join(archive, path), { force: true })));
  const leftovers = options.repair ? temps : [];
  const pending = options.repair
    ? []
    : [
        ...(await pendingStaging(archive)),
        ...temps.map((path) => ({
          kind: 'pending' as const,
          path,
          detail: 'écriture interrompue : npm run verify -- --repair la supprime',
        })),
      ];
  const files = all.filter((path) => !TEMP_FILE.test(path));
  const findings: Finding[] = odd.map((path) => ({ kind: 'orphan', path, detail: "n'est pas un fichier ordinaire" }));
  const captureFilesFound = files.filter((path) => parseCapturePath(path) !== null);
  const manifests = files.filter(isManifestPath);
  const isManifest = new Set(manifests);
  const replies = files.filter((path) => parseReplyPath(path) !== null);
  for (const path of replies.filter((reply) => !isManifest.has(parseReplyPath(reply)!.manifest)))
    findings.push({ kind: 'orphan', path, detail: "réponse d'horodatage sans son manifeste" });
  for (const path of files) {
    if (parseCapturePath(path) === null && !isManifestPath(path) && !parseReplyPath(path))
      findings.push({ kind: 'orphan', path, detail: "fichier hors de l'organisation de l'archive" });
  }
  const hashes = new Hashes(archive);
  const total = captureFilesFound.length;
  const progress = setInterval(
    () => options.log(`… ${hashes.done.toLocaleString('fr-FR')} / ${total.toLocaleString('fr-FR')} fichiers vérifiés`),
    options.progressMs ?? 2000,
  );
  try {
    const present = new Set(captureFilesFound);
    const stems = [...new Set(captureFilesFound.map((path) => parseCapturePath(path)!.stem))];
    await checkCaptures(archive, hashes, stems, present, findings);
    const listed = new Set<string>();
    for (const manifest of manifests)
      for (const path of await checkManifest(archive, hashes, manifest, findings)) listed.add(path);
    const flagged = new Set(findings.map((f) => f.path));
    const unlisted = captureFilesFound
      .filter((path) => !listed.has(path) && !flagged.has(path))
      .map((path): Finding => ({
        kind: 'unlisted',
        path,
        detail: options.strict
          ? 'listé dans aucun manifeste (--strict)'
          : 'listé dans aucun manifeste (run interrompu avant sa fin ?)',
      }));
    if (options.strict) findings.push(...unlisted);
    const warnings = [...pending, ...(options.strict ? [] : unlisted)];
    const order = (a: Finding, b: Finding) =>
      a.path.localeCompare(b.path) || a.kind.localeCompare(b.kind) || a.detail.localeCompare(b.detail);
    return {
      recovered: { ...staging, leftovers },
      captures: stems.filter((stem) => present.has(`${stem}.json`)).length,
      files: captureFilesFound.length,
      manifests: manifests.length,
      problems: findings.sort(order),
      warnings,
    };
  } finally {
    clearInterval(progress);
  }
}
