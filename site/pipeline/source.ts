/**
 * Where the one pass reads the archive from: a folder (a copy of the archive branch, below) or the
 * archive branch read straight from Git objects (git-source.ts). Both list folders, read records and
 * copy files by an id of their own, so that the pass does not know which one it reads.
 */
import { readdirSync } from 'node:fs';
import { readArchiveFile } from '../../scraper/archive/safe-path.ts';
import { join } from 'node:path';

export interface Listing {
  folders: string[];
  /** File name → the id that `texts`, `size` and `copy` take. */
  files: Map<string, string>;
  /**
   * Folder name → an id of its whole content (its Git tree), when the source has one: the build state
   * (state.ts) keeps what it read of a month folder under this id, so that an unchanged month is not read again.
   */
  contents?: Map<string, string>;
  /**
   * File name → why it is refused, for what is not a regular file (a symlink, a FIFO, a device): listed in `files` too,
   * so that a record naming it is told so, but never read.
   */
  refused?: Map<string, string>;
}

export interface ArchiveSource {
  /** What a folder of the archive holds (`''`: its root). */
  list(dir: string): Promise<Listing>;
  /** The texts of some files, in the order asked. */
  texts(ids: string[]): Promise<string[]>;
  /** The bytes of a file; `path` (relative to the archive) names it in errors, which are `ENOENT` when it is absent. */
  read(id: string, path: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** The most a record file may weigh (they weigh a few KB): a larger one is refused, not read. */
const RECORD_MAX_BYTES = 4 * 1024 * 1024;

/**
 * A folder on disk, read as input like any other (safe-path.ts): regular files inside it only, of bounded size.
 * Synchronous reads: for 100,000 small files they were five times faster here than promises through libuv's thread pool.
 */
export function folderSource(archive: string): ArchiveSource {
  return {
    async list(dir) {
      const listing: Listing = { folders: [], files: new Map(), refused: new Map() };
      for (const entry of readdirSync(join(archive, dir), { withFileTypes: true })) {
        if (entry.isDirectory()) {
          listing.folders.push(entry.name);
          continue;
        }
        const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
        listing.files.set(entry.name, path);
        if (!entry.isFile())
          listing.refused!.set(
            entry.name,
            `${path} : ${entry.isSymbolicLink() ? 'lien symbolique refusé' : 'pas un fichier ordinaire'}`,
          );
      }
      return listing;
    },
    async texts(ids) {
      return ids.map((id) => readArchiveFile(archive, id, RECORD_MAX_BYTES).toString('utf8'));
    },
    async read(id) {
      return readArchiveFile(archive, id);
    },
    async close() {},
  };
}

/** A branch that does not exist yet: a site without captures. */
export const emptySource: ArchiveSource = {
  list: async () => ({ folders: [], files: new Map() }),
  texts: async () => [],
  read: async (_id, path) => Promise.reject(Object.assign(new Error(`${path} : absent`), { code: 'ENOENT' })),
  close: async () => {},
};
