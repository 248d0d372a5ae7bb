/**
 * The only writer under the archive folder. A capture is staged in `.staging/<name>/` (image, thumbnail,
 * then record last: a staged record means every file is complete), then moved into place without ever
 * replacing an existing file. A run killed while staging leaves an incomplete folder that the next
 * writer deletes; one killed while moving leaves a complete staging folder that the next writer finishes.
 */
import { randomUUID } from 'node:crypto';
import { access, link, mkdir, readdir, rm, unlink, writeFile, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { captureFiles, STAGING_DIR, type CaptureKey } from './paths.ts';

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

interface StagedPaths { folder: string; files: Record<(typeof ORDER)[number], string>; targets: Record<(typeof ORDER)[number], string> }

function staged(archive: string, name: string, relative: ReturnType<typeof captureFiles>): StagedPaths {
  const folder = join(archive, STAGING_DIR, name);
  const files = { image: join(folder, 'image'), thumbnail: join(folder, 'thumbnail'), text: join(folder, 'text'), record: join(folder, 'record') };
  const targets = {
    image: join(archive, relative.image),
    thumbnail: join(archive, relative.thumbnail),
    text: join(archive, relative.text),
    record: join(archive, relative.record),
  };
  return { folder, files, targets };
}

/** Moves whatever is still staged into place (a recovered move may have done part of it already). */
async function moveIntoPlace(paths: StagedPaths): Promise<void> {
  for (const kind of ORDER) {
    if (await exists(paths.files[kind])) await moveNoClobber(paths.files[kind], paths.targets[kind]);
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
  const relative = data.text ? all : rest;
  const paths = staged(archive, randomUUID(), all);
  const kinds = ORDER.filter((kind) => data[kind] !== undefined);
  for (const kind of kinds) {
    if (await exists(paths.targets[kind])) throw new Error(`${all[kind]} existe déjà : une capture n'est jamais remplacée`);
  }
  await mkdir(paths.folder, { recursive: true });
  await writeFile(join(paths.folder, 'target'), JSON.stringify(all));
  for (const kind of kinds) await writeFile(paths.files[kind], data[kind]!);
  await moveIntoPlace(paths);
  return relative;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Finishes or discards captures left in staging by a killed run. Returns what it did, for the log. */
export async function recoverStaging(archive: string): Promise<{ finished: string[]; discarded: string[] }> {
  const root = join(archive, STAGING_DIR);
  const names = await readdir(root).catch(() => [] as string[]);
  const finished: string[] = [];
  const discarded: string[] = [];
  for (const name of names) {
    const folder = join(root, name);
    const target = await readFile(join(folder, 'target'), 'utf8').catch(() => null);
    const recordStaged = await exists(join(folder, 'record'));
    if (target === null || !recordStaged) {
      await rm(folder, { recursive: true, force: true });
      discarded.push(name);
      continue;
    }
    const relative = JSON.parse(target) as Omit<ReturnType<typeof captureFiles>, 'text'> & { text?: string };
    // A folder staged before captures kept their text names none, and holds none to move.
    await moveIntoPlace(staged(archive, name, { ...relative, text: relative.text ?? relative.record.replace(/json$/, 'txt') }));
    finished.push(relative.record);
  }
  return { finished, discarded };
}
