/**
 * The archive is input like any other: a crafted branch or folder may hold paths that climb out of it,
 * symlinks to /etc or /dev/zero, FIFOs. Every reader that builds a path from a record, a manifest or a
 * staging note goes through here: only paths of the archive layout (paths.ts), only regular files.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { captureFiles, type CaptureKey } from './paths.ts';

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
/** `<prefecture>/<motif>/<YYYY>/<MM>/<stamp>.<ext>`, slugs only: no `..`, no absolute path, no hidden name. */
export const CAPTURE_PATH = new RegExp(
  `^${SLUG}/${SLUG}/\\d{4}/\\d{2}/\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z\\.(png|webp|json)$`,
);

export class UnsafePathError extends Error {
  override name = 'UnsafePathError';
}

/** Whether a relative path is one of the archive layout's capture files. */
export function isCapturePath(path: string): boolean {
  return CAPTURE_PATH.test(path);
}

/**
 * The three files of the capture a record describes, when the record's own fields place it there and its
 * `image` and `thumbnail` are those files' names; otherwise why not (a record that points elsewhere).
 */
export function placeOfRecord(record: CaptureKey & { image: string; thumbnail: string }):
  | { files: ReturnType<typeof captureFiles> }
  | { problem: string } {
  const files = (() => {
    try {
      return captureFiles(record);
    } catch {
      return null;
    }
  })();
  if (!files || !isCapturePath(files.record))
    return { problem: `prefecture, motif ou capturedAt ne forment pas un chemin de l'archive (${record.prefecture}/${record.motif})` };
  const name = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  if (name(files.image) !== record.image || name(files.thumbnail) !== record.thumbnail)
    return { problem: `image ou thumbnail ne sont pas les fichiers de la capture (${record.image}, ${record.thumbnail})` };
  return { files };
}

/**
 * The absolute path of `relative`, refused when the path climbs out of the archive
 * or one of its folders is a symlink leading out of it.
 */
export function insideArchive(archive: string, relative: string): string {
  if (relative.startsWith('/') || relative.split('/').some((part) => part === '..' || part === '' || part === '.'))
    throw new UnsafePathError(`${relative} : chemin hors de l'archive`);
  const root = realpathSync(archive);
  const path = join(archive, relative);
  // The nearest folder of the path that exists: what a mkdir of the rest would build under.
  let existing = dirname(path);
  while (!existsSync(existing) && existing !== archive) existing = dirname(existing);
  const folder = realpathSync(existing);
  if (folder !== root && !folder.startsWith(root + sep))
    throw new UnsafePathError(`${relative} : un dossier du chemin mène hors de l'archive (lien symbolique)`);
  return path;
}

/**
 * Reads a file of the archive given by its relative path: refused when the path leaves the archive (a parent
 * folder that is a symlink included) or when it is not a regular file (symlink, device, FIFO: opened without
 * following a link and without blocking, then checked). `maxBytes` stops a file that would not end.
 */
export function readArchiveFile(archive: string, relative: string, maxBytes = 512 * 1024 * 1024): Buffer {
  const path = insideArchive(archive, relative);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new UnsafePathError(`${relative} : lien symbolique refusé`);
    throw error;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new UnsafePathError(`${relative} : pas un fichier ordinaire`);
    if (stats.size > maxBytes) throw new UnsafePathError(`${relative} : ${stats.size} octets, plus que les ${maxBytes} permis`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
