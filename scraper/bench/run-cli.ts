/** Runs the CLI in a child process, as `npm run <command> --` does: used by the tests and by the benches. */
import { execFile, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `tsx scraper/cli.ts <args>` in the repository, as `npm run <command> --` does. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 300_000): Promise<CliResult> {
  return startCli(args, env, timeoutMs).result;
}

/**
 * The same, giving the process while it runs: its id (to kill it, or its browser, in the middle), its input
 * (to answer it as a person at the terminal does) and its output as it comes.
 */
export function startCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 300_000,
): { pid: number; child: ChildProcess; result: Promise<CliResult> } {
  let child: ChildProcess | undefined;
  const result = new Promise<CliResult>((done) => {
    child = execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scraper', 'cli.ts'), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, STP_IP_ECHO_URL: 'off', STP_TSA_URLS: 'off', ...env },
        timeout: timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
  return { pid: child!.pid!, child: child!, result };
}
