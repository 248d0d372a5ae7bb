/**
 * Contributions without push rights, against real local bare repositories: the main repository (upstream,
 * with its archive branch) and the volunteer's fork; the volunteer's clone has both as remotes.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { generateArchive } from '../scraper/bench/archive-generator.ts';
import { publish } from '../scraper/ci/publish.ts';
import { collectIncoming } from '../scraper/ci/publish.ts';
import { githubRepo } from '../scraper/ci/pull-request.ts';
import { runCli, tempDir } from './helpers.ts';

const run = promisify(execFile);
const git = async (cwd: string, ...args: string[]) => (await run('git', args, { cwd })).stdout.trim();

describe('publish --pull-request', () => {
  it('pushes the captures on a new branch of the fork, built on upstream archive, and prints the gh command', async () => {
    const root = await tempDir();
    const upstream = join(root, 'upstream.git');
    const fork = join(root, 'fork.git');
    await run('git', ['init', '-q', '--bare', '-b', 'main', upstream]);
    await git(upstream, 'config', 'uploadpack.allowFilter', 'true');
    // The archive branch already holds earlier captures, published by the project's workflow.
    const seed = join(root, 'seed');
    await run('git', ['clone', '-q', `file://${upstream}`, seed]);
    const earlier = join(root, 'earlier');
    await generateArchive(earlier, { captures: 2, seed: 1 });
    await publish({
      repo: seed,
      files: (await collectIncoming([earlier])).files,
      message: 'earlier',
    });
    const before = await git(upstream, 'rev-parse', 'archive');
    await run('git', ['clone', '-q', '--bare', `file://${upstream}`, fork]);
    await git(fork, 'config', 'uploadpack.allowFilter', 'true');
    const clone = join(root, 'volunteer');
    await run('git', ['clone', '-q', `file://${fork}`, clone]);
    await git(clone, 'remote', 'add', 'upstream', `file://${upstream}`);
    await git(clone, 'config', 'user.name', 'Bénévole');
    await git(clone, 'config', 'user.email', 'benevole@example.org');

    const mine = join(root, 'mine');
    await generateArchive(mine, { captures: 3, seed: 9, from: '2026-03-02T06:00:00Z' });
    // No gh here (a PATH with git alone): the command prints what to run.
    const bin = join(root, 'bin');
    await mkdir(bin);
    await symlink((await run('sh', ['-c', 'command -v git'])).stdout.trim(), join(bin, 'git'));
    const result = await runCli(['publish', '--from', mine, '--repo', clone, '--pull-request'], { PATH: bin });
    assert.equal(result.code, 0, result.stderr);
    const branch = /Branche (captures\/\S+) envoyée sur origin/.exec(result.stdout)?.[1];
    assert.ok(branch, result.stdout);
    assert.match(
      result.stdout,
      new RegExp(`gh pr create --repo '<propriétaire>/<dépôt>' --base archive --head '<votre-compte>:${branch}'`),
    );

    assert.equal(await git(upstream, 'rev-parse', 'archive'), before, 'upstream is not touched');
    const proposed = await git(fork, 'rev-parse', branch);
    assert.equal(await git(fork, 'rev-parse', `${proposed}^`), before, 'built on the upstream archive branch');
    const added = (await git(fork, 'diff', '--name-only', before, proposed)).split('\n');
    assert.equal(added.filter((p) => !p.startsWith('manifests/')).length, 9);
    assert.equal(await git(fork, 'log', '-1', '--format=%an <%ae>', proposed), 'Bénévole <benevole@example.org>');

    // The pull-request workflow's two steps, on a checkout of the proposed branch.
    const checkout = join(root, 'pr');
    await run('git', ['clone', '-q', '--branch', branch, `file://${fork}`, checkout]);
    const out = join(root, 'proposees');
    const proposal = await runCli(['proposal', '--repo', checkout, '--base', before, '--out', out]);
    assert.equal(proposal.code, 0, proposal.stdout + proposal.stderr);
    assert.match(proposal.stdout, /Proposition recevable : \d+ fichier\(s\) ajouté\(s\)/);
    const verify = await runCli(['verify', '--strict', '--archive', out]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, /3 capture\(s\), 9 fichier\(s\), 1 manifeste\(s\)/);

    // A proposal that changes a capture already on the archive branch is refused.
    const [existing] = (await git(checkout, 'ls-tree', '-r', '--name-only', before)).split('\n');
    await writeFile(join(checkout, existing!), 'autre contenu');
    await git(checkout, '-c', 'user.name=X', '-c', 'user.email=x@example.org', 'commit', '-qam', 'change');
    const refused = await runCli(['proposal', '--repo', checkout, '--base', before, '--out', join(root, 'refus')]);
    assert.equal(refused.code, 2);
    assert.match(refused.stdout, new RegExp(`${existing} : fichier existant modifié — l'archive ne fait qu'ajouter`));
  });

  it('reads owner/repo from GitHub remote addresses', () => {
    assert.equal(githubRepo('https://github.com/asso/screen-ta-prefecture.git'), 'asso/screen-ta-prefecture');
    assert.equal(githubRepo('git@github.com:benevole/screen-ta-prefecture.git'), 'benevole/screen-ta-prefecture');
    assert.equal(githubRepo('file:///tmp/upstream.git'), null);
  });
});
