/**
 * Git for the pipeline, always as an argument array (execFile, never a shell string): branch names,
 * paths and messages can never be read as commands.
 */
import { execFile } from 'node:child_process';

export interface GitOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  input?: string | Buffer;
}

export class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly code: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args.join(' ')} a échoué (code ${code}) : ${stderr.trim().split('\n').slice(-3).join(' / ')}`);
    this.name = 'GitError';
  }
}

export function git(args: string[], options: GitOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      { cwd: options.cwd, env: { ...process.env, ...options.env }, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) reject(new GitError(args, typeof error.code === 'number' ? error.code : null, stderr));
        else resolve(stdout);
      },
    );
    // A git that exits without reading its input (an error) must not turn into an EPIPE crash.
    child.stdin?.on('error', () => undefined);
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/**
 * Fetches the tip of a remote branch into `refs/remotes/<remote>/<branch>` with trees only (no file
 * contents: the archive's images stay on the server), or returns null when the branch does not exist yet.
 */
export async function fetchTip(cwd: string, remote: string, branch: string): Promise<string | null> {
  const ref = `refs/remotes/${remote}/${branch}`;
  try {
    await git(
      ['fetch', '--quiet', '--no-tags', '--depth=1', '--filter=blob:none', remote, `+refs/heads/${branch}:${ref}`],
      { cwd },
    );
  } catch (error) {
    if (error instanceof GitError && /couldn't find remote ref/i.test(error.stderr)) return null;
    throw error;
  }
  return (await git(['rev-parse', ref], { cwd })).trim();
}

/** Paths of every file of a commit's tree, optionally under some folders. */
export async function listFiles(cwd: string, commit: string, under: string[] = []): Promise<string[]> {
  const out = await git(['ls-tree', '-r', '-z', '--name-only', commit, '--', ...under], { cwd });
  return out.split('\0').filter((p) => p !== '');
}
