/**
 * Contributions without push rights, against real local bare repositories: the main repository (upstream,
 * with its archive branch) and the volunteer's fork; the volunteer's clone has both as remotes.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
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
    assert.equal(
      added.filter((p) => !p.startsWith('manifests/')).length,
      12,
      'image, thumbnail, text and record of 3 captures',
    );
    assert.equal(await git(fork, 'log', '-1', '--format=%an <%ae>', proposed), 'Bénévole <benevole@example.org>');

    // The pull-request workflow's step, on a checkout of the proposed branch: check, strict verification, comment.
    const checkout = join(root, 'pr');
    await run('git', ['clone', '-q', '--branch', branch, `file://${fork}`, checkout]);
    const proposal = await runCli([
      'proposal',
      ...['--repo', checkout, '--base', before, '--out', join(root, 'proposees')],
      ...['--result', join(root, 'resultat'), '--pull-request', '7'],
    ]);
    assert.equal(proposal.code, 0, proposal.stdout + proposal.stderr);
    assert.match(proposal.stdout, /Proposition recevable : \d+ fichiers ajoutés/);
    assert.match(proposal.stdout, /3 captures, 12 fichiers, 1 manifeste /);
    assert.equal(await readFile(join(root, 'resultat', 'numero'), 'utf8'), '7\n');
    assert.match(
      await readFile(join(root, 'resultat', 'commentaire.md'), 'utf8'),
      /\*\*Proposition recevable\*\* : 13 /,
    );

    // An added file altered after its manifest was made: refused.
    const commit = (message: string) =>
      git(checkout, '-c', 'user.name=X', '-c', 'user.email=x@example.org', 'commit', '-qam', message);
    const image = added.find((p) => p.endsWith('.png'))!;
    await writeFile(join(checkout, image), 'pas une image');
    await commit('altered');
    const altered = await runCli(['proposal', '--repo', checkout, '--base', before, '--out', join(root, 'alteree')]);
    assert.equal(altered.code, 2, altered.stdout + altered.stderr);
    assert.match(altered.stdout, new RegExp(`${image} n'a pas l'empreinte annoncée`));

    // A proposal that changes a capture already on the archive branch is refused, and its comment cannot mention,
    // link or embed, whatever the file names say.
    const [existing] = (await git(checkout, 'ls-tree', '-r', '--name-only', before)).split('\n');
    await writeFile(join(checkout, existing!), 'autre contenu');
    const hostile = '@mainteneur ![x](piege.example) [lien](javascript:piege) ```.txt';
    await writeFile(join(checkout, hostile), 'x');
    await git(checkout, 'add', '--', hostile);
    await commit('change');
    const refusal = join(root, 'refus-resultat');
    const refused = await runCli([
      'proposal',
      ...['--repo', checkout, '--base', before, '--out', join(root, 'refus')],
      ...['--result', refusal, '--pull-request', '8'],
    ]);
    assert.equal(refused.code, 2);
    assert.match(refused.stdout, new RegExp(`${existing} : fichier existant modifié — l'archive ne fait qu'ajouter`));
    const comment = await readFile(join(refusal, 'commentaire.md'), 'utf8');
    assert.match(comment, /\*\*Proposition refusée\*\*/);
    const block = /^(`{3,})text\n([\s\S]*?)\n\1$/m.exec(comment);
    assert.ok(block, comment);
    assert.equal(block[1]!.length, 4, 'the fence is longer than the backticks of the file name');
    assert.ok(block[2]!.includes(hostile), block[2]);
    assert.doesNotMatch(comment.replace(block[0], ''), /@|\]\(|piege/);
  });

  it('reads owner/repo from GitHub remote addresses', () => {
    assert.equal(githubRepo('https://github.com/asso/screen-ta-prefecture.git'), 'asso/screen-ta-prefecture');
    assert.equal(githubRepo('git@github.com:benevole/screen-ta-prefecture.git'), 'benevole/screen-ta-prefecture');
    assert.equal(githubRepo('file:///tmp/upstream.git'), null);
  });
});
