/**
 * Writes and reads the journal (entry.ts). An entry is made whole in a hidden folder beside its place (copies of
 * the files, `entree.json`, the manifest and its RFC 3161 replies, with the same writer and authorities as a
 * witness session), then renamed into place: an entry is there complete or not at all, and never replaced.
 */
import { randomUUID } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseManifest, writeManifest, type ManifestEntry } from '../archive/manifest.ts';
import { writeFileAtomic } from '../archive/write.ts';
import { fieldPath } from '../archive/read-record.ts';
import { sha256Hex } from '../evidence/images.ts';
import { timestampRun, type RunTimestamping, type Timestamps } from '../timestamp/request.ts';
import { folderManifests, readManifests, stampsOf, type CheckedStamp } from '../timestamp/read.ts';
import type { ReplyChecker } from '../timestamp/reply-check.ts';
import {
  entryDir,
  ENTRY_FILE,
  JOURNAL_DIR,
  journalEntrySchema,
  pieceName,
  PIECES_DIR,
  type JournalEntry,
} from './entry.ts';
import { z } from 'zod';

class JournalError extends Error {
  override name = 'JournalError';
  readonly exitCode = 2;
}

interface NewEntry {
  kind: JournalEntry['kind'];
  at: string;
  note: string;
  /** Paths of the person's files, copied as they are. */
  files: string[];
}

/** Reads the person's files first: a missing one stops everything before anything is written. */
async function readPieces(paths: string[]): Promise<{ name: string; data: Buffer }[]> {
  const pieces: { name: string; data: Buffer }[] = [];
  for (const path of paths) {
    const stats = await lstat(path).catch(() => null);
    if (!stats?.isFile())
      throw new JournalError(`--file ${path} : fichier introuvable (ou pas un fichier ordinaire). Rien n’a été écrit.`);
    const name = pieceName(path);
    if (pieces.some((p) => p.name === name))
      throw new JournalError(
        `--file ${path} : deux fichiers portent le nom ${name} ; renommez l’un d’eux. Rien n’a été écrit.`,
      );
    pieces.push({ name, data: await readFile(path) });
  }
  return pieces;
}

/** Records one entry; its folder relative to the archive, and the timestamps obtained. */
export async function addJournalEntry(
  archive: string,
  input: NewEntry,
  timestamping: RunTimestamping,
  log: (line: string) => void,
  now = new Date(),
): Promise<{ dir: string; entry: JournalEntry; timestamps: Timestamps }> {
  const pieces = await readPieces(input.files);
  const recordedAt = now.toISOString();
  const entry = journalEntrySchema.parse({
    version: 1,
    kind: input.kind,
    at: input.at,
    recordedAt,
    note: input.note,
    files: pieces.map((p) => ({ name: p.name, sha256: sha256Hex(p.data), bytes: p.data.length })),
  });
  const dir = entryDir(entry);
  const place = join(archive, dir);
  if (await lstat(place).catch(() => null))
    throw new JournalError(
      `${place} existe déjà : une démarche du même type est déjà notée à cette heure ; une entrée n’est jamais remplacée.`,
    );
  const temp = join(archive, JOURNAL_DIR, `.${randomUUID()}.tmp`);
  await mkdir(join(temp, PIECES_DIR), { recursive: true });
  try {
    const hashes: ManifestEntry[] = [];
    for (const [i, piece] of pieces.entries()) {
      await writeFileAtomic(join(temp, PIECES_DIR, piece.name), piece.data);
      hashes.push({ sha256: entry.files[i]!.sha256, path: `${PIECES_DIR}/${piece.name}` });
    }
    const text = JSON.stringify(entry, null, 2) + '\n';
    await writeFileAtomic(join(temp, ENTRY_FILE), text);
    hashes.push({ sha256: sha256Hex(text), path: ENTRY_FILE });
    // The entry's folder is an archive of its own: the manifest and its replies sit in its `manifests/`.
    const manifest = await writeManifest(temp, recordedAt, hashes);
    const timestamps = await timestampRun(temp, manifest, timestamping, log);
    await rename(temp, place);
    return { dir, entry, timestamps };
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

interface ReadEntry {
  dir: string;
  entry: JournalEntry;
  /** RFC 3161 timestamps of the manifest that lists `entree.json`, each verified or said why not (none without a checker). */
  timestamps: CheckedStamp[];
  /** Files of the entry whose bytes no longer match their SHA-256, or are gone. */
  altered: string[];
}

const french = z.locales.fr().localeError;

/**
 * Every entry of the journal, oldest step first; an unreadable one is named in `unreadable`. With `checker` (verify's
 * check, timestamp/reply-check.ts), each entry's timestamps; without, none (verify checks them on its own).
 */
export async function readJournal(
  archive: string,
  checker?: ReplyChecker,
): Promise<{ entries: ReadEntry[]; unreadable: string[] }> {
  const root = join(archive, JOURNAL_DIR);
  const names = (await readdir(root).catch(() => [] as string[])).filter((n) => !n.startsWith('.')).sort();
  const entries: ReadEntry[] = [];
  const unreadable: string[] = [];
  for (const name of names) {
    const dir = `${JOURNAL_DIR}/${name}`;
    let json: unknown;
    try {
      json = JSON.parse(await readFile(join(archive, dir, ENTRY_FILE), 'utf8'));
    } catch (error) {
      unreadable.push(`${dir}/${ENTRY_FILE} : ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const parsed = journalEntrySchema.safeParse(json, { error: french });
    if (!parsed.success) {
      unreadable.push(
        `${dir}/${ENTRY_FILE} : ${parsed.error.issues.map((i) => `${fieldPath(i.path)} : ${i.message}`).join(' ; ')}`,
      );
      continue;
    }
    const entry = parsed.data;
    entries.push({ dir, entry, ...(await checkEntry(join(archive, dir), entry, checker)) });
  }
  entries.sort((a, b) => a.entry.at.localeCompare(b.entry.at));
  return { entries, unreadable };
}

/** Each file against the entry and its manifests (`entree.json` included); the manifests' timestamps. */
async function checkEntry(
  folder: string,
  entry: JournalEntry,
  checker: ReplyChecker | undefined,
): Promise<Omit<ReadEntry, 'dir' | 'entry'>> {
  const reader = folderManifests(folder);
  const expected = new Map(entry.files.map((f) => [`${PIECES_DIR}/${pieceName(f.name)}`, f.sha256]));
  const listed = new Set<string>();
  for (const name of (await reader.names()).filter((n) => n.endsWith('.sha256'))) {
    const lines = await reader.read(name).then(
      (data) => parseManifest(data.toString('utf8')),
      () => [],
    );
    for (const line of lines) {
      listed.add(line.path);
      if (expected.has(line.path) && expected.get(line.path) !== line.sha256) expected.set(line.path, '');
      if (line.path === ENTRY_FILE) expected.set(ENTRY_FILE, line.sha256);
    }
  }
  const altered: string[] = [];
  for (const [path, sha256] of expected) {
    const data = await readFile(join(folder, path)).catch(() => null);
    if (!data || sha256Hex(data) !== sha256 || !listed.has(path)) altered.push(path);
  }
  if (!listed.has(ENTRY_FILE)) altered.push(ENTRY_FILE);
  const timestamps = checker ? stampsOf(await readManifests(reader, { checker }), ENTRY_FILE) : [];
  return { timestamps, altered };
}
