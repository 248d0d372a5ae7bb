/**
 * Contributions without push rights, against real local bare repositories: the main repository (upstream,
 * with its archive branch and, as on GitHub, each pull request's head under refs/pull/<n>/head) and the
 * volunteer's fork; the volunteer's clone has both as remotes. The trusted check reads pull requests as data
 * and talks to a local stand-in for the GitHub API.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before as setUp, describe, it } from 'node:test';
import { generateArchive } from '../scraper/bench/archive-generator.ts';
import { collectIncoming } from '../scraper/ci/incoming.ts';
import { publish } from '../scraper/ci/publish.ts';
import { checkProposal } from '../scraper/ci/proposal.ts';
import { checkArchiveTimestamps } from '../scraper/timestamp/check.ts';
import { githubApi, proposalPullRequest } from '../scraper/ci/github.ts';
import { githubRepo } from '../scraper/ci/pull-request.ts';
import { startAuthority, type TestAuthority } from '../scraper/replica/tsa.ts';
import { fakeGitHub } from './github-stand-in.ts';
import { runCli, tempDir } from './helpers.ts';

const run = promisify(execFile);
const git = async (cwd: string, ...args: string[]) => (await run('git', args, { cwd })).stdout.trim();

/** Files of a folder, relative, sorted. */
async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/**
 * A commit made with `git fast-import` on top of `parent`, under `ref` of the bare repository: `commands` are
 * fast-import's file commands (`M <mode> inline <path>` followed by its data, `D <path>`).
 */
async function importCommit(bare: string, ref: string, parent: string, commands: string | Buffer): Promise<string> {
  const child = spawn('git', ['--git-dir', bare, 'fast-import', '--quiet', '--done'], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<number | null>((resolve) => child.on('close', resolve));
  const message = 'proposition';
  child.stdin.end(
    Buffer.concat([
      Buffer.from(
        `commit ${ref}\ncommitter X <x@example.org> 1796601600 +0000\ndata ${message.length}\n${message}\nfrom ${parent}\n`,
      ),
      Buffer.from(commands),
      Buffer.from('done\n'),
    ]),
  );
  assert.equal(await done, 0, stderr);
  return git(bare, 'rev-parse', ref);
}

const inline = (mode: string, path: string, data: string) =>
  `M ${mode} inline ${path}\ndata ${Buffer.byteLength(data)}\n${data}\n`;

/** The replies `npm run verify` finds sound, with the bundled roots only. */
const soundTimestamps = async (dir: string) => (await checkArchiveTimestamps(dir, [])).seen;

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');

describe('publish --pull-request and the trusted check of proposals', () => {
  let root: string;
  let upstream: string;
  let fork: string;
  let before: string;
  let authority: TestAuthority;
  /** The head GitHub gives for pull request 7 (benevole/stp, branch `captures-a`); 8 comes from another fork. */
  let prHead = '';
  let github: Awaited<ReturnType<typeof fakeGitHub>>;

  setUp(async () => {
    root = await tempDir('stp-pr-');
    upstream = join(root, 'upstream.git');
    fork = join(root, 'fork.git');
    await run('git', ['init', '-q', '--bare', '-b', 'main', upstream]);
    await git(upstream, 'config', 'uploadpack.allowFilter', 'true');
    // The archive branch already holds earlier captures, published by the project's workflow.
    const seed = join(root, 'seed');
    await run('git', ['clone', '-q', `file://${upstream}`, seed]);
    const earlier = join(root, 'earlier');
    await generateArchive(earlier, { captures: 2, seed: 1 });
    await publish({ repo: seed, files: (await collectIncoming([earlier])).files, message: 'earlier' });
    before = await git(upstream, 'rev-parse', 'archive');
    await run('git', ['clone', '-q', '--bare', `file://${upstream}`, fork]);
    authority = await startAuthority('Bénévole');
    const pull = (number: number, repo: string, sha: string) => ({
      number,
      head: { sha, ref: 'captures-a', repo: { full_name: repo } },
      base: { ref: 'archive', repo: { full_name: 'asso/stp' } },
    });
    github = await fakeGitHub(({ method, url }) =>
      method === 'GET' && url.startsWith('/repos/asso/stp/pulls?')
        ? { status: 200, body: [pull(8, 'autre/stp', prHead), pull(7, 'benevole/stp', prHead)] }
        : { status: 201, body: {} },
    );
  });
  after(() => Promise.all([authority.close(), github.close()]));

  /** `npm run proposal` as the trusted workflow runs it, against the pull request's head in upstream. */
  const decide = (head: string, out: string, github_ = true) =>
    runCli(
      [
        'proposal',
        ...['--git', `file://${upstream}`, '--head', head, '--out', join(root, out), '--tsa-roots', authority.rootsDir],
        ...(github_ ? ['--github', '--head-repository', 'benevole/stp', '--head-branch', 'captures-a'] : []),
      ],
      {
        GITHUB_API_URL: github.url,
        GITHUB_REPOSITORY: 'asso/stp',
        GITHUB_TOKEN: 'jeton-de-test',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_RUN_ID: '99',
      },
    );
  /** What the check posted on GitHub since `from`: statuses (state and description) and comments. */
  const posted = (from: number) =>
    github.received.slice(from).flatMap(({ method, url, body }) => {
      if (method !== 'POST') return [];
      const b = body as { state?: string; description?: string; context?: string; body?: string };
      return [url.includes('/statuses/') ? { url, state: b.state, context: b.context } : { url, body: b.body }];
    });

  it('pushes the captures on a new branch of the fork, built on upstream archive, and prints the gh command', async () => {
    const clone = join(root, 'volunteer');
    await run('git', ['clone', '-q', `file://${fork}`, clone]);
    await git(clone, 'remote', 'add', 'upstream', `file://${upstream}`);
    await git(clone, 'config', 'user.name', 'Bénévole');
    await git(clone, 'config', 'user.email', 'benevole@example.org');

    // Captures made on the volunteer's machine, their manifest timestamped (npm run timestamp).
    const mine = join(root, 'mine');
    const from = new Date(Date.now() - 6 * 3600_000).toISOString();
    await generateArchive(mine, { captures: 3, seed: 9, from, runner: { kind: 'local', os: 'linux' } });
    const stamped = await runCli(['timestamp', '--archive', mine], { STP_TSA_URLS: authority.url });
    assert.equal(stamped.code, 0, stamped.stdout + stamped.stderr);
    // The proposal is refused without it: say here why the authority gave none, if it did not.
    assert.match(stamped.stdout, /1 horodatage obtenu/, stamped.stdout + stamped.stderr);
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

    // GitHub keeps the pull request's head in the main repository; the trusted check fetches it from there.
    await git(upstream, 'fetch', '-q', `file://${fork}`, `${branch}:refs/pull/7/head`);
    prHead = proposed;
    const sent = github.received.length;
    const gitDir = join(root, 'decision.git');
    const decision = await runCli(
      [
        'proposal',
        ...['--git', `file://${upstream}`, '--head', proposed, '--out', join(root, 'proposees')],
        ...['--git-dir', gitDir, '--tsa-roots', authority.rootsDir],
        ...['--github', '--head-repository', 'benevole/stp', '--head-branch', 'captures-a'],
      ],
      { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'asso/stp', GITHUB_TOKEN: 'jeton-de-test' },
    );
    assert.equal(decision.code, 0, decision.stdout + decision.stderr);
    assert.match(decision.stdout, /Proposition recevable : 14 fichiers ajoutés/);
    assert.match(decision.stdout, /3 captures, 12 fichiers, 1 manifeste /);
    // Only the proposed files were fetched and written: none of the archive's earlier images.
    assert.deepEqual(await filesOf(join(root, 'proposees')), [...added].sort());
    const earlierImage = await git(
      upstream,
      'rev-parse',
      `${before}:${(await git(upstream, 'ls-tree', '-r', '--name-only', before)).split('\n').find((p) => p.endsWith('.png'))}`,
    );
    await assert.rejects(run('git', ['--git-dir', gitDir, 'cat-file', '-e', earlierImage]));
    // The status on the head, pending then success; the comment on pull request 7 only (8 is another fork).
    const calls = posted(sent);
    assert.deepEqual(
      calls.filter((c) => 'state' in c).map((c) => [c.url, c.state, c.context]),
      [
        [`/repos/asso/stp/statuses/${proposed}`, 'pending', 'captures-proposees'],
        [`/repos/asso/stp/statuses/${proposed}`, 'success', 'captures-proposees'],
      ],
    );
    const comments = calls.filter((c) => 'body' in c);
    assert.deepEqual(
      comments.map((c) => c.url),
      ['/repos/asso/stp/issues/7/comments'],
    );
    assert.match(comments[0]!.body!, /\*\*Proposition recevable : 14 /);
    const query = github.received.find((r) => r.url.startsWith('/repos/asso/stp/pulls?'))!.url;
    assert.match(query, /base=archive/);
    assert.match(query, /head=benevole%3Acaptures-a/);

    // An added file altered after its manifest was made: refused, and the status says so.
    const checkout = join(root, 'pr');
    await run('git', ['clone', '-q', '--branch', branch, `file://${fork}`, checkout]);
    const commit = async (message: string) => {
      await git(checkout, '-c', 'user.name=X', '-c', 'user.email=x@example.org', 'commit', '-qam', message);
      const head = await git(checkout, 'rev-parse', 'HEAD');
      await git(checkout, 'push', '-q', `file://${upstream}`, '+HEAD:refs/pull/7/head');
      return head;
    };
    const image = added.find((p) => p.endsWith('.png'))!;
    await writeFile(join(checkout, image), 'pas une image');
    prHead = await commit('altered');
    const altered = await decide(prHead, 'alteree');
    assert.equal(altered.code, 2, altered.stdout + altered.stderr);
    assert.match(altered.stdout, new RegExp(`${image} n'a pas l'empreinte annoncée`));
    assert.equal(
      posted(0)
        .filter((c) => 'state' in c)
        .at(-1)!.state,
      'failure',
    );

    // A proposal that changes a capture already on the archive branch is refused, and its comment cannot mention,
    // link or embed, whatever the file names say.
    const [existing] = (await git(checkout, 'ls-tree', '-r', '--name-only', before)).split('\n');
    await writeFile(join(checkout, existing!), 'autre contenu');
    const hostile = '@mainteneur ![x](piege.example) [lien](javascript:piege) ```.txt';
    await writeFile(join(checkout, hostile), 'x');
    await git(checkout, 'add', '--', hostile);
    const changed = await commit('change');
    // The pull request that gets the comment: the one whose head is that repository, branch and commit.
    const api = githubApi({ GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'asso/stp', GITHUB_TOKEN: 'jeton' });
    const head = { repository: 'benevole/stp', branch: 'captures-a', base: 'archive', sha: changed };
    assert.equal(await proposalPullRequest(api, head), null, 'pull request 7 is still at the older commit');
    prHead = changed;
    assert.equal(await proposalPullRequest(api, head), 7);
    assert.equal(await proposalPullRequest(api, { ...head, repository: 'autre/stp' }), 8);
    assert.equal(await proposalPullRequest(api, { ...head, branch: 'captures-b' }), null);
    const refused = await decide(changed, 'refus');
    assert.equal(refused.code, 2);
    assert.match(refused.stdout, new RegExp(`${existing} : fichier existant modifié — l'archive ne fait qu'ajouter`));
    const comment = posted(0)
      .filter((c) => 'body' in c)
      .at(-1)!.body!;
    assert.match(comment, /\*\*Proposition refusée/);
    const block = /^(`{3,})text\n([\s\S]*?)\n\1$/m.exec(comment);
    assert.ok(block, comment);
    assert.equal(block[1]!.length, 4, 'the fence is longer than the backticks of the file name');
    assert.ok(block[2]!.includes(hostile), block[2]);
    assert.doesNotMatch(comment.replace(block[0], ''), /@|\]\(|piege/);
  });

  it('refuses, without fetching a blob, what is not a new regular file of the archive layout', async () => {
    const [listed, existing] = (await git(upstream, 'ls-tree', '-r', '--name-only', before)).split('\n');
    const gitlink = before; // any commit id: a gitlink only names one
    const head = await importCommit(
      upstream,
      'refs/pull/20/head',
      before,
      inline('100644', '.github/workflows/piege.yml', 'on: push\n') +
        inline('100644', '.gitattributes', '*.json filter=piege\n') +
        inline('100644', '.gitmodules', '[submodule "x"]\n') +
        `M 160000 ${gitlink} paris/aes/2026/11/module\n` +
        inline('120000', 'paris/aes/2026/11/2026-11-02T10-00-00Z.json', '/etc/passwd') +
        inline('100755', 'paris/aes/2026/11/2026-11-02T10-00-00Z.txt', 'texte\n') +
        inline('100644', 'README.md', 'autre\n') +
        inline('100644', listed!, 'remplacé\n') +
        `D ${existing}\n`,
    );
    const gitDir = join(root, 'crafted.git');
    const check = await checkProposal(
      { repository: `file://${upstream}`, head, baseRef: 'archive', gitDir },
      join(root, 'crafted-out'),
      soundTimestamps,
    );
    const problem = (path: string) => check.problems.find((p) => p.startsWith(`${path} : `));
    assert.match(problem('.github/workflows/piege.yml')!, /fichier caché ou de configuration/);
    assert.match(problem('.gitattributes')!, /fichier caché ou de configuration/);
    assert.match(problem('.gitmodules')!, /fichier caché ou de configuration/);
    assert.match(problem('paris/aes/2026/11/module')!, /sous-module \(gitlink\) \(mode 160000\)/);
    assert.match(problem('paris/aes/2026/11/2026-11-02T10-00-00Z.json')!, /lien symbolique \(mode 120000\)/);
    assert.match(problem('paris/aes/2026/11/2026-11-02T10-00-00Z.txt')!, /fichier exécutable \(mode 100755\)/);
    assert.match(problem('README.md')!, /hors de l'organisation de l'archive/);
    assert.match(problem(listed!)!, /fichier existant modifié/);
    assert.match(problem(existing!)!, /fichier existant supprimé/);
    assert.equal(check.problems.length, 9, check.problems.join('\n'));
    assert.deepEqual(await filesOf(join(root, 'crafted-out')), [], 'nothing written');
    const blob = await git(upstream, 'rev-parse', `${head}:.gitattributes`);
    await assert.rejects(run('git', ['--git-dir', gitDir, 'cat-file', '-e', blob]), 'no blob fetched');

    // Records that claim the project's GitHub runner, with a manifest that no authority timestamped.
    const bot = join(root, 'bot');
    await generateArchive(bot, { captures: 2, seed: 3, from: '2026-11-20T06:00:00Z' });
    const files = (await collectIncoming([bot])).files;
    const forged = await importCommit(
      upstream,
      'refs/pull/21/head',
      before,
      Buffer.concat(
        files.flatMap((f) => [
          Buffer.from(`M 100644 inline ${f.path}\ndata ${f.data.length}\n`),
          f.data,
          Buffer.from('\n'),
        ]),
      ),
    );
    const claimed = await checkProposal(
      { repository: `file://${upstream}`, head: forged, baseRef: 'archive', gitDir: join(root, 'forged.git') },
      join(root, 'forged-out'),
      soundTimestamps,
    );
    const records = files.filter((f) => f.path.endsWith('.json')).map((f) => f.path);
    assert.deepEqual(
      claimed.problems
        .filter((p) => /provenance\.runner\.kind « github-actions »/.test(p))
        .map((p) => p.split(' : ')[0]),
      records,
    );
    assert.equal(claimed.problems.filter((p) => /aucun horodatage RFC 3161 vérifié/.test(p)).length, 1);
    assert.equal(claimed.problems.length, records.length + 1, claimed.problems.join('\n'));

    // Already on the archive branch: nothing to add.
    const empty = await checkProposal(
      { repository: `file://${upstream}`, head: before, baseRef: 'archive', gitDir: join(root, 'empty.git') },
      join(root, 'empty-out'),
      soundTimestamps,
    );
    assert.match(empty.problems.join(), /déjà sur la branche archive : rien à ajouter/);
  });

  it("checks a month of one volunteer's captures (30,000 files) without a checkout nor one argument per file", async () => {
    const count = 30_000;
    const start = Date.parse('2026-11-01T06:00:00Z');
    const entries: { path: string; data: string }[] = [];
    for (let i = 0; i < count; i++) {
      const stamp = new Date(start + i * 60_000).toISOString().replace(/:/g, '-').replace('.000', '');
      // Ten motifs: a folder of the archive holds a few thousand entries at most.
      entries.push({ path: `paris/aes-${i % 10}/2026/11/${stamp}.txt`, data: `Rendez-vous ${i}\n` });
    }
    const manifest = entries.map((e) => `${sha256(e.data)}  ${e.path}\n`).join('');
    const head = await importCommit(
      upstream,
      'refs/pull/30/head',
      before,
      entries.map((e) => inline('100644', e.path, e.data)).join('') +
        inline('100644', 'manifests/2026-11-01T06-00-00Z-0123abcd.sha256', manifest),
    );
    const started = Date.now();
    const out = join(root, 'month');
    const check = await checkProposal(
      { repository: `file://${upstream}`, head, baseRef: 'archive', gitDir: join(root, 'month.git') },
      out,
      soundTimestamps,
    );
    const seconds = (Date.now() - started) / 1000;
    assert.equal(check.added.length, count + 1);
    // Read and checked against its manifest; only the missing timestamp stops it, before a capture file is written.
    assert.deepEqual(check.problems, [
      "manifests/2026-11-01T06-00-00Z-0123abcd.sha256 : aucun horodatage RFC 3161 vérifié — chaque manifeste proposé arrive avec la réponse d'une autorité (npm run timestamp)",
    ]);
    assert.deepEqual(await filesOf(out), ['manifests/2026-11-01T06-00-00Z-0123abcd.sha256']);
    console.log(`30 000 fichiers proposés vérifiés en ${seconds.toFixed(1)} s`);
  });

  it('reads owner/repo from GitHub remote addresses', () => {
    assert.equal(githubRepo('https://github.com/asso/screen-ta-prefecture.git'), 'asso/screen-ta-prefecture');
    assert.equal(githubRepo('git@github.com:benevole/screen-ta-prefecture.git'), 'benevole/screen-ta-prefecture');
    assert.equal(githubRepo('file:///tmp/upstream.git'), null);
  });
});
