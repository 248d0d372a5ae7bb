/**
 * Verify at scale: a generated archive of N captures (archive-generator.ts) in a temp folder, checked
 * by `tsx scraper/cli.ts verify` in its own process as a user runs it; the temp folder is removed after.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateArchive } from './archive-generator.ts';
import { runCli } from './run-cli.ts';

export interface VerifyFigures {
  captures: number;
  generateMs: number;
  /** Wall time of the whole command, process start included. */
  ms: number;
  exitCode: number;
  /** The command's own summary line (« N captures, … vérifiés en … s. »). */
  summary: string;
}

export async function benchVerify(captures: number, log: (line: string) => void): Promise<VerifyFigures> {
  const archive = await mkdtemp(join(tmpdir(), 'stp-bench-verify-'));
  try {
    const generating = Date.now();
    await generateArchive(archive, { captures });
    const generateMs = Date.now() - generating;
    log(`  archive de ${captures} captures générée en ${Math.round(generateMs / 1000)} s ; vérification…`);
    const started = Date.now();
    const { code, stdout } = await runCli(['verify', '--archive', archive], {}, 30 * 60_000);
    const ms = Date.now() - started;
    const summary =
      stdout.split('\n').find((line) => /vérifiés en/.test(line)) ?? stdout.trim().split('\n').at(-1) ?? '';
    return { captures, generateMs, ms, exitCode: code, summary };
  } finally {
    await rm(archive, { recursive: true, force: true });
  }
}
