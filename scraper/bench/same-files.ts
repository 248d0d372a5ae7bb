/**
 * Whether two folders hold the same files with the same bytes (a site built incrementally against the same
 * site built in full). Reads both folders; writes nothing.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { count } from './report.ts';

/** Paths of the files under `dir`, relative to it, with `/` between folders. */
async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await filesUnder(dir, path)));
    else found.push(path);
  }
  return found;
}

export interface FolderComparison {
  /** Files in either folder. */
  files: number;
  /** Files in one folder only, or in both with different bytes. */
  differing: number;
  /** The first few of them, in path order. */
  examples: string[];
}

const EXAMPLES = 10;

export async function compareFolders(a: string, b: string): Promise<FolderComparison> {
  const [inA, inB] = await Promise.all([filesUnder(a), filesUnder(b)]);
  const setB = new Set(inB);
  const all = [...new Set([...inA, ...inB])].sort();
  const differing: string[] = [];
  const setA = new Set(inA);
  for (const path of all) {
    if (!setA.has(path) || !setB.has(path)) differing.push(path);
    // Sizes first: most files of a site differ in length when they differ at all, and stat is cheap.
    else if ((await stat(join(a, path))).size !== (await stat(join(b, path))).size) differing.push(path);
    else if (!(await readFile(join(a, path))).equals(await readFile(join(b, path)))) differing.push(path);
  }
  return { files: all.length, differing: differing.length, examples: differing.slice(0, EXAMPLES) };
}

/** « oui », or « non (n fichiers diffèrent, ex. a, b, c) ». */
export function sameWords({ differing, examples }: FolderComparison): string {
  if (differing === 0) return 'oui';
  const n = differing === 1 ? '1 fichier diffère' : `${count(differing)} fichiers diffèrent`;
  return `non (${n}, ex. ${examples.slice(0, 3).join(', ')})`;
}
