/**
 * `npm run keepalive`: re-enables the scheduled workflows (capture, keep-alive) through the GitHub API,
 * so that 60 days without a commit never stop the captures (see ci/keepalive.ts).
 */
import { githubApi } from '../ci/github.ts';
import { keepAlive } from '../ci/keepalive.ts';
import { parseOptions } from '../command-line/usage.ts';

export async function runKeepalive(args: string[]): Promise<number> {
  parseOptions(
    args,
    {},
    { usage: 'npm run keepalive', example: 'GITHUB_TOKEN=… GITHUB_REPOSITORY=proprietaire/depot npm run keepalive' },
  );
  await keepAlive(githubApi(), (line) => console.log(line));
  return 0;
}
