/**
 * The only writer under the archive folder. A capture is staged in `.staging/<name>/` (image, thumbnail,
 * then record last: a staged record means every file is complete), then moved into place without ever
 * replacing an existing file. A run killed while staging leaves an incomplete folder that the next
 * writer deletes; one killed while moving leaves a complete staging folder that the next writer finishes.
 */
import { randomUUID } from 'node:crypto';
import { access, link, lstat, mkdir, readdir, rm, unlink, writeFile, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { captureFiles, parseCapturePath, STAGING_DIR, type CaptureKey } from './paths.ts';
import { insideArchive, readArchiveFile, UnsafePathError } from './safe-path.ts';

export interface CaptureFiles {
  image: Buffer;
  thumbnail: Buffer;
  /** The page's visible text; absent for captures made before it was kept. */
  text?: Buffer;
  record: Buffer;
}

const ORDER = ['image', 'thumbnail', 'text', 'record'] as const;

/** Writes a file atomically: temp file in the same folder, then rename. */
export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${randomUUID()}.tmp`);
  await writeFile(temp, data);
  await rename(temp, path);
}

/** Writes a new file atomically and never over another: temp file, then a hard link that fails (EEXIST) if the name is taken. */
export async function writeNewFileAtomic(path: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${randomUUID()}.tmp`);
  await writeFile(temp, data);
  try {
    await link(temp, path);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Hard-links `from` to `to` (fails if `to` exists: nothing is ever overwritten), then drops `from`. */
async function moveNoClobber(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await link(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Finishing an interrupted move: the file may already be in place with the same bytes.
    const [a, b] = await Promise.all([readFile(from), readFile(to)]);
    if (!a.equals(b)) throw new Error(`${to} existe déjà : une capture n'est jamais remplacée`);
  }
  await unlink(from);
}

interface StagedPaths {
  folder: string;
  files: Record<(typeof ORDER)[number], string>;
  targets: Record<(typeof ORDER)[number], string>;
}

function staged(archive: string, name: string, relative: ReturnType<typeof captureFiles>): StagedPaths {
  const folder = join(archive, STAGING_DIR, name);
  const files = {
    image: join(folder, 'image'),
    thumbnail: join(folder, 'thumbnail'),
    text: join(folder, 'text'),
    record: join(folder, 'record'),
  };
  const targets = {
    image: join(archive, relative.image),
    thumbnail: join(archive, relative.thumbnail),
    text: join(archive, relative.text),
    record: join(archive, relative.record),
  };
  return { folder, files, targets };
}

/** Moves whatever is still staged into place (a recovered move may have done part of it already). */
async function moveIntoPlace(
  archive: string,
  relative: ReturnType<typeof captureFiles>,
  paths: StagedPaths,
): Promise<void> {
  for (const kind of ORDER) {
    if (!(await exists(paths.files[kind]))) continue;
    // A folder of the archive that is a symlink must not carry a capture out of it.
    insideArchive(archive, relative[kind]);
    await moveNoClobber(paths.files[kind], paths.targets[kind]);
  }
  await rm(paths.folder, { recursive: true, force: true });
}

/** Writes the files of a capture; returns their paths relative to the archive (`text` only when written). */
export async function writeCapture(
  archive: string,
  key: CaptureKey,
  data: CaptureFiles,
): Promise<Omit<ReturnType<typeof captureFiles>, 'text'> & { text?: string }> {
  const all = captureFiles(key);
  const { text, ...rest } = all;
  const paths = staged(archive, randomUUID(), all);
  const kinds = ORDER.filter((kind) => data[kind] !== undefined);
  for (const kind of kinds) {
    if (await exists(paths.targets[kind]))
      throw new Error(`${all[kind]} existe déjà : une capture n'est jamais remplacée`);
  }
  await mkdir(paths.folder, { recursive: true });
  await writeFile(join(paths.folder, 'target'), JSON.stringify(all));
  for (const kind of kinds) await writeFile(paths.files[kind], data[kind]!);
  await moveIntoPlace(archive, all, paths);
  return data.text ? all : rest;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * The capture a staging note names, when it is one: the files of one capture of the archive layout.
 * A note that names anything else (`../../x`, an absolute path) was not written by us.
 */
function stagedTarget(noteText: string): ReturnType<typeof captureFiles> | null {
  let note: unknown;
  try {
    note = JSON.parse(noteText);
  } catch {
    return null;
  }
  const { image, thumbnail, text: pageText, record } = (note ?? {}) as Record<string, unknown>;
  const parsed = typeof record === 'string' ? parseCapturePath(record) : null;
  if (parsed?.kind !== 'record') return null;
  const { stem } = parsed;
  const files = { image: `${stem}.png`, thumbnail: `${stem}.webp`, text: `${stem}.txt`, record: `${stem}.json` };
  // A note written before captures kept their text names none (and none is staged).
  const textOk = pageText === undefined || pageText === files.text;
  return image === files.image && thumbnail === files.thumbnail && textOk ? files : null;
}

function readNote(archive: string, name: string): string | null {
  try {
    return readArchiveFile(archive, `${STAGING_DIR}/${name}/target`, 64 * 1024).toString('utf8');
  } catch {
    return null;
  }
}

/** Whether every staged file is a regular file (a symlink would be moved into the archive as a link). */
async function regularFiles(paths: StagedPaths): Promise<boolean> {
  for (const kind of ORDER) {
    const stats = await lstat(paths.files[kind]).catch(() => null);
    if (stats && !stats.isFile()) return false;
  }
  return true;
}

/**
 * Finishes or discards captures left in staging by a killed run. Returns what it did, for the log.
 * Only what the writer itself leaves is finished: a staging entry that names a path outside the layout, or
 * holds anything but regular files, is discarded; a `.staging` that is not a real folder is left alone.
 */
export async function recoverStaging(archive: string): Promise<{ finished: string[]; discarded: string[] }> {
  const root = join(archive, STAGING_DIR);
  const rootStats = await lstat(root).catch(() => null);
  if (!rootStats?.isDirectory()) return { finished: [], discarded: [] };
  const names = await readdir(root).catch(() => [] as string[]);
  const finished: string[] = [];
  const discarded: string[] = [];
  for (const name of names) {
    const folder = join(root, name);
    const isFolder = (await lstat(folder)).isDirectory();
    // Read as any archive input: a note that is a symlink to /dev/zero must not hang the run.
    const target = isFolder ? readNote(archive, name) : null;
    const relative = target === null ? null : stagedTarget(target);
    const recordStaged = isFolder && (await exists(join(folder, 'record')));
    const paths = relative ? staged(archive, name, relative) : null;
    if (!relative || !paths || !recordStaged || !(await regularFiles(paths))) {
      await rm(folder, { recursive: true, force: true });
      discarded.push(name);
      continue;
    }
    try {
      await moveIntoPlace(archive, relative, paths);
    } catch (error) {
      if (!(error instanceof UnsafePathError)) throw error;
      await rm(folder, { recursive: true, force: true });
      discarded.push(name);
      continue;
    }
    finished.push(relative.record);
  }
  return { finished, discarded };
}
