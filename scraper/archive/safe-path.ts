/**
 * The archive is input like any other: a crafted branch or folder may hold paths that climb out of it,
 * symlinks to /etc or /dev/zero, FIFOs. Every reader that builds a path from a record, a manifest or a
 * staging note goes through here, after paths.ts has said the path has the archive layout's shape: only
 * paths inside the archive, only regular files.
 */
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';

export class UnsafePathError extends Error {
  override name = 'UnsafePathError';
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
    if ((error as NodeJS.ErrnoException).code === 'ELOOP')
      throw new UnsafePathError(`${relative} : lien symbolique refusé`);
    throw error;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new UnsafePathError(`${relative} : pas un fichier ordinaire`);
    if (stats.size > maxBytes)
      throw new UnsafePathError(`${relative} : ${stats.size} octets, plus que les ${maxBytes} permis`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
