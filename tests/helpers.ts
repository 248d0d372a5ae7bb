/** Shared by tests: temp folders, running the CLI as a user does, waiting for a condition. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { after } from 'node:test';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

// Nothing is reachable here: a test that wants RFC 3161 timestamps starts its own authorities (scraper/replica/tsa.ts).
process.env.STP_TSA_URLS ??= 'off';

import type { CliResult } from '../scraper/bench/run-cli.ts';

export { runCli, startCli, type CliResult } from '../scraper/bench/run-cli.ts';

export function tempDir(prefix = 'stp-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/**
 * Polls until `check` holds; generous by default, since a loaded 2-core machine starts Chromium slowly. Every
 * 25 ms: a check may start a process (xdotool looking for the window), and polling faster took the CPU from
 * the very browser being waited for.
 */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A `folder(prefix)` that makes temp folders, all removed when the test file ends. */
export function scratchFolders(): (prefix: string) => Promise<string> {
  const made: string[] = [];
  after(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));
  return async (prefix) => {
    const dir = await tempDir(prefix);
    made.push(dir);
    return dir;
  };
}

/** Pids of a process's descendants, read from /proc (to end the browser a killed capture leaves behind). */
export async function descendants(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const children = (
    await Promise.all(tasks.map((t) => readFile(`/proc/${pid}/task/${t}/children`, 'utf8').catch(() => '')))
  )
    .join(' ')
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  return [...children, ...(await Promise.all(children.map(descendants))).flat()];
}

/** What a command run in this process printed, console.log and console.error apart, and its exit code. */
export async function printed(run: () => Promise<number>): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (...a: unknown[]) => out.push(a.join(' '));
  console.error = (...a: unknown[]) => err.push(a.join(' '));
  try {
    const code = await run();
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    Object.assign(console, { log, error });
  }
}
