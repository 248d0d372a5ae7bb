/**
 * What the archive costs in Git, for the scale bench: its repository packed as `git gc` packs it, what a
 * run's push carries (a thin pack), and the growth per repeated capture once packed, measured on a small
 * archive of its own.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { git } from '../git/git.ts';
import { INDEX_ENTRY_BYTES, kindOf, packedByKind, packFolderBytes, type ObjectKind } from './git-pack.ts';
import { appendCaptures, CAPTURES_PER_DAY, scaleKindOf, type ScaleMotif } from './scale-archive.ts';

/** The archive on which the growth per repeated capture is measured: this many days of normal runs, then repeated runs. */
export const REPEAT_BASE_DAYS = 45;
export const REPEATED_RUNS = 30;

export type ByKind = Partial<Record<ObjectKind, number>>;

/** The packed repository's growth per repeated capture, measured on its own small archive. */
export interface RepeatedGrowth {
  /** Captures of normal runs, packed before the repeated ones. */
  baseCaptures: number;
  /** Captures of the repeated runs, every one finding the same page again. */
  captures: number;
  perCapture: number;
  /** The same, by kind of object, per capture (a kind may shrink: the second pack chooses its deltas anew). */
  byKind: ByKind;
  ms: number;
}

/** Packs as `git gc` does, deltas searched anew (fast-import makes few). */
export async function repack(gitDir: string): Promise<number> {
  await git(['--git-dir', gitDir, 'repack', '-a', '-d', '-f', '-q', '--window=10', '--depth=50'], { cwd: gitDir });
  return packFolderBytes(join(gitDir, 'objects', 'pack'));
}

/**
 * The pack that brings the commits since `since`, its deltas made against the objects already there (a
 * thin pack, as a push sends it): what a run adds, in all and by kind of object (its new objects' bytes in
 * the pack, read back once the pack is stored with its bases).
 */
export async function runPack(gitDir: string, since: string): Promise<{ bytes: number; byKind: ByKind }> {
  const pack = spawn('git', ['--git-dir', gitDir, 'pack-objects', '--thin', '--stdout', '--revs', '-q'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const index = spawn('git', ['--git-dir', gitDir, 'index-pack', '--stdin', '--fix-thin'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let bytes = 0;
  let name = '';
  pack.stdout.on('data', (c: Buffer) => (bytes += c.length));
  pack.stdout.pipe(index.stdin);
  index.stdout.on('data', (c: Buffer) => (name += c.toString()));
  pack.stdin.end(`archive\n^${since}\n`);
  const [code] = await once(index, 'close');
  if (code !== 0) throw new Error(`git index-pack : code ${code}`);
  const fresh = new Map<string, string>();
  for (const line of (
    await git(['--git-dir', gitDir, 'rev-list', '--objects', 'archive', `^${since}`], { cwd: gitDir })
  ).split('\n'))
    if (line) fresh.set(line.slice(0, 40), line.slice(41));
  const idx = join(gitDir, 'objects', 'pack', `pack-${name.trim().split(/\s+/).at(-1)}.idx`);
  const byKind: ByKind = {};
  for (const line of (await git(['--git-dir', gitDir, 'verify-pack', '-v', idx], { cwd: gitDir })).split('\n')) {
    const [sha, type, , packed] = line.split(/\s+/);
    if (sha === undefined || packed === undefined || !fresh.has(sha)) continue;
    const kind = kindOf(type!, fresh.get(sha)!);
    byKind[kind] = (byKind[kind] ?? 0) + Number(packed) + INDEX_ENTRY_BYTES;
  }
  return { bytes, byKind };
}

export const perCapture = (byKind: ByKind, captures: number): ByKind =>
  Object.fromEntries(Object.entries(byKind).map(([kind, n]) => [kind, Math.round(n / captures)]));

/**
 * The packed repository's growth per repeated capture, as it stays once `git gc` (or GitHub's maintenance)
 * has packed it: a push's thin pack carries each motif's whole month tree, a repack stores it as a delta.
 * On its own small archive, so that it costs seconds whatever the size measured.
 */
export async function repeatedGrowth(scratch: string, motifs: ScaleMotif[]): Promise<RepeatedGrowth> {
  const started = performance.now();
  const gitDir = join(scratch, 'repetes.git');
  await git(['init', '--bare', '--quiet', gitDir], { cwd: scratch });
  try {
    const baseCaptures = REPEAT_BASE_DAYS * CAPTURES_PER_DAY * motifs.length;
    const { runs } = await appendCaptures({ gitDir, motifs, captures: baseCaptures, firstRun: 0 });
    const before = await repack(gitDir);
    const kindsBefore = await packedByKind(gitDir, scaleKindOf);
    const captures = REPEATED_RUNS * motifs.length;
    await appendCaptures({ gitDir, motifs, captures, firstRun: runs, repeatedOnly: true });
    const after = await repack(gitDir);
    const kindsAfter = await packedByKind(gitDir, scaleKindOf);
    const grown = Object.fromEntries(
      Object.entries(kindsAfter).map(([kind, n]) => [kind, n - (kindsBefore[kind as ObjectKind] ?? 0)]),
    );
    return {
      baseCaptures,
      captures,
      perCapture: (after - before) / captures,
      byKind: perCapture(grown, captures),
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await rm(gitDir, { recursive: true, force: true });
  }
}
