/**
 * The site job of the scale bench, run as the workflow runs it: `npm run site -- --git <dépôt> --ref archive`
 * in a child process, with its cache, state and site folders, while the memory of its processes (the site
 * command, its Git fetch and cat-file; not the local server side of the fetch) and the disk of its folders
 * are sampled.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `npm run site` as package.json gives it, `tsx <node flags> site/build.ts`, run here by node itself so that
 * its memory is the child's: the same flags (a larger young generation: the pass makes much short-lived garbage).
 */
function siteCommand(): string[] {
  const [runner, ...rest] = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { site: string } }
  ).scripts.site.split(' ');
  if (runner !== 'tsx') throw new Error(`package.json : le script « site » devrait commencer par tsx, pas ${runner}`);
  return ['--import', 'tsx', ...rest.slice(0, -1), join(ROOT, rest.at(-1)!)];
}

export interface BuildRun {
  ms: number;
  /** Highest sum of the resident memory of the build's processes, in bytes. */
  peakMemory: number;
  /**
   * Highest sum of their anonymous resident memory (`RssAnon`): what the system cannot take back. The rest is
   * file pages, above all those of the Git pack that `git cat-file` maps, which the system drops under pressure.
   */
  peakAnonymous: number;
  /** Highest disk use of the cache and site folders, in bytes. */
  peakDisk: number;
  captures: number;
}

interface Resident {
  all: number;
  anonymous: number;
}

/** Resident memory of a process and its descendants, in bytes, leaving out a local Git server (upload-pack). */
async function treeRss(pid: number): Promise<Resident> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (cmdline.includes('upload-pack')) return { all: 0, anonymous: 0 };
  const kB = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  const total = { all: kB('VmRSS'), anonymous: kB('RssAnon') };
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  for (const task of tasks) {
    const children = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '');
    for (const child of children.split(' ').filter(Boolean)) {
      const resident = await treeRss(Number(child));
      total.all += resident.all;
      total.anonymous += resident.anonymous;
    }
  }
  return total;
}

const diskUse = (dir: string) =>
  new Promise<number>((done) =>
    execFile('du', ['-s', '-B1', dir], (error, stdout) => done(error ? 0 : Number(stdout.split('\t')[0]))),
  );

export interface BuildFolders {
  /** Where the fetched branch is kept (`--git-cache`). */
  cache: string;
  /** Where the incremental build keeps its state (`--state`), and the site (`--out`). */
  state: string;
  site: string;
  /** The folder whose disk use is sampled. */
  watched: string;
}

export const buildFolders = (dir: string): BuildFolders => ({
  cache: join(dir, 'cache.git'),
  state: join(dir, 'state'),
  site: join(dir, 'site'),
  watched: dir,
});

/**
 * Runs the site command as the workflow does, sampling its memory and the disk of `folders.watched`. Every
 * build of one size is told the same « now » (`SOURCE_DATE_EPOCH`, seconds, as reproducible builds do):
 * the pages say when they were made, and a site built incrementally must equal the one built in full.
 */
export async function siteBuild(bare: string, folders: BuildFolders, now: number, full = false): Promise<BuildRun> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...siteCommand(),
      '--git',
      bare,
      '--ref',
      'archive',
      '--git-cache',
      folders.cache,
      '--state',
      folders.state,
      '--out',
      folders.site,
      '--json',
      ...(full ? ['--full'] : []),
    ],
    {
      cwd: ROOT,
      env: { ...process.env, GITHUB_REPOSITORY: '', SOURCE_DATE_EPOCH: String(now) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  let peakMemory = 0;
  let peakAnonymous = 0;
  let peakDisk = 0;
  let running = true;
  const exited = new Promise<number>((done) => child.on('close', (code) => done(code ?? 1)));
  const sampling = (async () => {
    let next = 0;
    while (running) {
      const resident = await treeRss(child.pid!);
      peakMemory = Math.max(peakMemory, resident.all);
      peakAnonymous = Math.max(peakAnonymous, resident.anonymous);
      if (performance.now() > next) {
        const t = performance.now();
        peakDisk = Math.max(peakDisk, await diskUse(folders.watched));
        // `du` over a site of a million files takes seconds of a core the build needs: a tenth of the time at most.
        next = performance.now() + Math.max(2000, 9 * (performance.now() - t));
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  const code = await exited;
  const ms = Math.round(performance.now() - started);
  running = false;
  await sampling;
  peakDisk = Math.max(peakDisk, await diskUse(folders.watched));
  if (code !== 0) throw new Error(`npm run site -- --git a échoué (code ${code}) : ${stderr.trim().slice(-2000)}`);
  const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as { captures: number; peakRssMb: number };
  return {
    ms,
    peakMemory: Math.max(peakMemory, report.peakRssMb * 1e6),
    peakAnonymous,
    peakDisk,
    captures: report.captures,
  };
}
