/**
 * Sizes of a local Git repository once packed as `git gc --aggressive` packs it, and which objects of a
 * range of commits take that room. Reads the repository; writes only its pack.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { git } from '../git/git.ts';

/** Each object costs this much in the pack index (SHA-1, CRC32, offset), besides its bytes in the pack. */
export const INDEX_ENTRY_BYTES = 28;

/** Repacks with `gc --aggressive` and returns the size of the packs and their indexes, in bytes. */
export async function packedBytes(repo: string): Promise<number> {
  await git(['gc', '--aggressive', '--prune=now', '--quiet'], { cwd: repo });
  return packFolderBytes(join(repo, '.git', 'objects', 'pack'));
}

/** The size of the packs and their indexes in a repository's `objects/pack` folder, in bytes. */
export async function packFolderBytes(dir: string): Promise<number> {
  const sizes = await Promise.all(
    (await readdir(dir)).filter((f) => /\.(pack|idx)$/.test(f)).map((f) => stat(join(dir, f)).then((s) => s.size)),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

export type ObjectKind =
  'records' | 'images' | 'thumbnails' | 'texts' | 'manifests' | 'timestamps' | 'trees' | 'commits' | 'other';

export const kindOf = (type: string, path: string): ObjectKind =>
  type === 'tree'
    ? 'trees'
    : type === 'commit'
      ? 'commits'
      : path.endsWith('.json')
        ? 'records'
        : path.endsWith('.png')
          ? 'images'
          : path.endsWith('.webp')
            ? 'thumbnails'
            : path.endsWith('.txt')
              ? 'texts'
              : path.endsWith('.sha256')
                ? 'manifests'
                : path.endsWith('.tsr')
                  ? 'timestamps'
                  : 'other';

/**
 * Bytes that the objects new since `since` take in the current pack (their packed bytes, deltas included,
 * plus their index entries), by kind. Read after `packedBytes`, so that everything is in one pack.
 */
export async function bytesSince(repo: string, since: string): Promise<Record<ObjectKind, number>> {
  const fresh = new Map<string, string>();
  for (const line of (await git(['rev-list', '--objects', 'HEAD', `^${since}`], { cwd: repo })).split('\n')) {
    if (line) fresh.set(line.slice(0, 40), line.slice(41));
  }
  const dir = join(repo, '.git', 'objects', 'pack');
  const idx = (await readdir(dir)).filter((f) => f.endsWith('.idx')).map((f) => join(dir, f));
  const bytes: Record<ObjectKind, number> = {
    records: 0,
    images: 0,
    thumbnails: 0,
    texts: 0,
    manifests: 0,
    timestamps: 0,
    trees: 0,
    commits: 0,
    other: 0,
  };
  for (const line of (await git(['verify-pack', '-v', ...idx], { cwd: repo })).split('\n')) {
    // `<sha> <type> <size> <size in pack> <offset> [<depth> <base>]`
    const [sha, type, , packed] = line.split(/\s+/);
    if (sha === undefined || packed === undefined || !fresh.has(sha)) continue;
    bytes[kindOf(type!, fresh.get(sha)!)] += Number(packed) + INDEX_ENTRY_BYTES;
  }
  return bytes;
}

/**
 * Bytes each kind of object takes in a repository's packs (on disk, as deltas where they are, plus their
 * index entries), read with one `git cat-file --batch-all-objects`: seconds even for millions of objects.
 * It gives no paths, so `kind` tells an object's kind from its type and size.
 */
export async function packedByKind(
  gitDir: string,
  kind: (type: string, size: number) => ObjectKind,
): Promise<Partial<Record<ObjectKind, number>>> {
  const child = spawn(
    'git',
    [
      '--git-dir',
      gitDir,
      'cat-file',
      '--batch-all-objects',
      '--unordered',
      '--batch-check=%(objecttype) %(objectsize) %(objectsize:disk)',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = once(child, 'close');
  const bytes: Partial<Record<ObjectKind, number>> = {};
  for await (const line of createInterface({ input: child.stdout })) {
    const [type, size, disk] = line.split(' ');
    const k = kind(type!, Number(size));
    bytes[k] = (bytes[k] ?? 0) + Number(disk) + INDEX_ENTRY_BYTES;
  }
  const [code] = await exited;
  if (code !== 0) throw new Error(`git cat-file --batch-all-objects a échoué (code ${code}) : ${stderr.trim()}`);
  return bytes;
}
