/**
 * A volunteer without push rights proposes captures: they are committed on the archive branch of the main
 * repository (`upstream`), pushed to a new branch of the volunteer's fork, and a pull request is opened
 * against `archive`, through `gh` when it is installed, else by the exact commands printed for the person.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { git } from '../git/git.ts';

/** `owner/repo` of a GitHub remote address (https or ssh), or null for any other. */
export function githubRepo(url: string): string | null {
  const match = /github\.com[/:]([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match ? `${match[1]}/${match[2]}` : null;
}

const onPath = (name: string) => (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, name)));

export interface PullRequest {
  repo: string;
  upstream: string;
  fork: string;
  base: string;
  head: string;
  title: string;
  body: string;
}

/** The `gh` command that opens the pull request (owners read from the remotes' GitHub addresses). */
export async function pullRequestCommand(pr: PullRequest): Promise<string[]> {
  const url = async (remote: string) => (await git(['remote', 'get-url', remote], { cwd: pr.repo })).trim();
  const upstream = githubRepo(await url(pr.upstream)) ?? '<propriétaire>/<dépôt>';
  const forkOwner = githubRepo(await url(pr.fork))?.split('/')[0] ?? '<votre-compte>';
  return [
    'gh',
    'pr',
    'create',
    '--repo',
    upstream,
    '--base',
    pr.base,
    '--head',
    `${forkOwner}:${pr.head}`,
    '--title',
    pr.title,
    '--body',
    pr.body,
  ];
}

const quoted = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/** Opens the pull request with gh when present; otherwise returns the command line to run, for the person. */
export async function openPullRequest(pr: PullRequest): Promise<{ opened: boolean; command: string }> {
  const args = await pullRequestCommand(pr);
  const command = args.map(quoted).join(' ');
  if (!onPath('gh')) return { opened: false, command };
  await new Promise<void>((resolve, reject) =>
    execFile('gh', args.slice(1), { cwd: pr.repo }, (error, _stdout, stderr) =>
      error ? reject(new Error(`gh pr create a échoué : ${stderr.trim() || error.message}`)) : resolve(),
    ),
  );
  return { opened: true, command };
}
