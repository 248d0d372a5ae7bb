/**
 * Publishing to the archive branch, against real local bare repositories (file:// like a remote, with
 * partial fetch allowed like GitHub): the orphan first commit, idempotence, refusals, and four publishers
 * pushing 8 runs each at the same time without losing a capture.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmod, mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { before, describe, it } from 'node:test';
import { writeManifest, parseManifest } from '../scraper/archive/manifest.ts';
import { captureFiles, stampOf } from '../scraper/archive/paths.ts';
import { sha256Hex } from '../scraper/evidence/images.ts';
import type { EvidenceRecord } from '../scraper/evidence/record.ts';
import { attestationSubjects, collectIncoming, PublishError } from '../scraper/ci/incoming.ts';
import { publish, pushFailure } from '../scraper/ci/publish.ts';
import { generateArchive } from '../scraper/bench/archive-generator.ts';
import { startAuthority } from '../scraper/replica/tsa.ts';
import { labelOf } from '../scraper/timestamp/authorities.ts';
import { runCli, tempDir } from './helpers.ts';

const run = promisify(execFile);
const git = async (cwd: string, ...args: string[]) =>
  (await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 })).stdout.trim();
const IDENTITY = ['-c', 'user.name=Test', '-c', 'user.email=test@example.org'];

/** A bare "remote" with a main branch, and a shallow clone of it per publisher (like actions/checkout). */
async function remoteWithClones(root: string, clones: number): Promise<{ url: string; bare: string; repos: string[] }> {
  const bare = join(root, 'remote.git');
  await run('git', ['init', '-q', '--bare', '-b', 'main', bare]);
  await git(bare, 'config', 'uploadpack.allowFilter', 'true');
  const seed = join(root, 'seed');
  await run('git', ['init', '-q', '-b', 'main', seed]);
  await writeFile(join(seed, 'README.md'), 'main\n');
  await git(seed, 'add', 'README.md');
  await git(seed, ...IDENTITY, 'commit', '-q', '-m', 'main');
  const url = `file://${bare}`;
  await git(seed, 'push', '-q', url, 'main');
  const repos: string[] = [];
  for (let i = 0; i < clones; i++) {
    const repo = join(root, `clone-${i}`);
    await run('git', ['clone', '-q', '--depth=1', url, repo]);
    repos.push(repo);
  }
  return { url, bare, repos };
}

/** Splits one generated archive into runs of `perRun` captures, each folder with its own manifest, as a capture job leaves it. */
async function runFolders(
  root: string,
  runs: number,
  perRun: number,
  from?: string,
): Promise<{ dirs: string[]; records: EvidenceRecord[] }> {
  const pool = join(root, 'pool');
  const records = await generateArchive(pool, {
    captures: runs * perRun,
    manifest: false,
    seed: 11,
    everyHours: 3,
    ...(from ? { from } : {}),
  });
  const dirs: string[] = [];
  for (let r = 0; r < runs; r++) {
    const dir = join(root, `run-${r}`);
    const entries = [];
    for (const record of records.slice(r * perRun, (r + 1) * perRun)) {
      const files = captureFiles({ prefecture: record.prefecture, motif: record.motif, capturedAt: record.capturedAt });
      for (const path of Object.values(files)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await rename(join(pool, path), join(dir, path));
        entries.push({ path, sha256: sha256Hex(await readFile(join(dir, path))) });
      }
    }
    await writeManifest(dir, records[r * perRun]!.startedAt, entries);
    dirs.push(dir);
  }
  return { dirs, records };
}

const message = 'Captures (test)';

/** Installs a pre-receive hook on the bare remote, as GitHub runs its own checks (file size…) on every push. */
async function preReceive(bare: string, script: string): Promise<void> {
  const hook = join(bare, 'hooks', 'pre-receive');
  await writeFile(hook, script);
  await chmod(hook, 0o755);
}

describe('publishing captures to the archive branch', () => {
  let root: string;
  before(async () => {
    root = await tempDir('stp-publish-');
  });

  it('creates the branch as an orphan holding only archive files, leaving the clone untouched', async () => {
    const dir = join(root, 'orphan');
    const { bare, repos } = await remoteWithClones(dir, 1);
    const { dirs } = await runFolders(dir, 1, 3);
    const repo = repos[0]!;
    const head = await git(repo, 'rev-parse', 'HEAD');
    const { files } = await collectIncoming(dirs);
    const result = await publish({ repo, files, message });
    assert.ok(result.commit);
    assert.equal(await git(bare, 'rev-list', '--count', 'archive'), '1');
    assert.equal(await git(bare, 'log', '-1', '--format=%P', 'archive'), '', 'no parent: an orphan branch');
    const tree = (await git(bare, 'ls-tree', '-r', '--name-only', 'archive')).split('\n');
    assert.deepEqual(tree, files.map((f) => f.path).sort());
    assert.ok(!tree.includes('README.md'), 'nothing from main');
    assert.equal(await git(repo, 'rev-parse', 'HEAD'), head);
    assert.equal(await git(repo, 'status', '--porcelain'), '');
  });

  it('publishes again as a no-op; a capture already there with other bytes is left out, named, and the rest published', async () => {
    const dir = join(root, 'again');
    const { bare, repos } = await remoteWithClones(dir, 1);
    const { dirs } = await runFolders(dir, 2, 2);
    const { files } = await collectIncoming([dirs[0]!]);
    const first = await publish({ repo: repos[0]!, files, message });
    const again = await publish({ repo: repos[0]!, files, message });
    assert.equal(again.commit, null);
    assert.deepEqual(again.clashes, []);
    assert.equal(await git(bare, 'rev-parse', 'archive'), first.commit);
    const clashing = files.find((f) => f.path.endsWith('.png'))!;
    const altered = files.map((f) => (f === clashing ? { ...f, data: Buffer.concat([f.data, Buffer.from('x')]) } : f));
    const next = (await collectIncoming([dirs[1]!])).files;
    const lines: string[] = [];
    const result = await publish({ repo: repos[0]!, files: [...altered, ...next], message, log: (l) => lines.push(l) });
    assert.deepEqual(result.clashes, [clashing.path]);
    assert.ok(lines.some((l) => l.includes(clashing.path) && /laissé de côté/i.test(l)));
    const tree = (await git(bare, 'ls-tree', '-r', '--name-only', 'archive')).split('\n');
    for (const f of next) assert.ok(tree.includes(f.path), `${f.path} published`);
    assert.equal(
      await git(bare, 'rev-parse', `archive:${clashing.path}`),
      await git(bare, 'rev-parse', `${first.commit}:${clashing.path}`),
      'the capture on the branch is never replaced',
    );
    assert.match(
      await git(bare, 'log', '-1', '--format=%B', 'archive'),
      new RegExp(`Déjà sur la branche avec un autre contenu, non publié : ${clashing.path}`),
    );
    // A clashing manifest takes the captures it lists with it: none would be published without a manifest.
    const manifest = next.find((f) => f.path.startsWith('manifests/'))!;
    const third = (await runFolders(join(dir, 'third'), 1, 1, '2030-01-01T00:00:00Z')).dirs[0]!;
    const newer = (await collectIncoming([third])).files.map((f) =>
      f.path.startsWith('manifests/') ? { ...f, path: manifest.path } : f,
    );
    const clash = await publish({ repo: repos[0]!, files: newer, message });
    assert.deepEqual([clash.commit, clash.clashes], [null, [manifest.path]]);
  });

  it('refuses a folder with a stray file or a manifest that does not match, naming the file', async () => {
    const dir = join(root, 'refuse');
    const { dirs } = await runFolders(dir, 2, 1);
    await writeFile(join(dirs[0]!, 'notes.txt'), 'hello');
    await assert.rejects(
      collectIncoming([dirs[0]!]),
      (e: Error) => e instanceof PublishError && e.message.includes('notes.txt'),
    );
    const manifestDir = join(dirs[1]!, 'manifests');
    const [name] = await readdir(manifestDir);
    const text = await readFile(join(manifestDir, name!), 'utf8');
    await writeFile(join(manifestDir, name!), text.replace(/^[0-9a-f]{8}/, '00000000'));
    await assert.rejects(
      collectIncoming([dirs[1]!]),
      (e: Error) => e instanceof PublishError && e.message.includes("n'a pas l'empreinte annoncée"),
    );
  });

  it('lists unlisted captures in a new manifest, and attests the files with the manifests', async () => {
    const dir = join(root, 'unlisted');
    const { dirs, records } = await runFolders(dir, 1, 2);
    const manifestDir = join(dirs[0]!, 'manifests');
    for (const name of await readdir(manifestDir)) await writeFile(join(manifestDir, name), '');
    const { files, manifests } = await collectIncoming(dirs, new Date('2027-02-01T10:00:00Z'));
    // Named after its earliest capture, as a run's manifest after its start (verify's window for its captures).
    const earliest = records.map((r) => r.capturedAt).sort()[0]!;
    const made = manifests.find((m) => m.startsWith(`manifests/${stampOf(earliest)}-`))!;
    const listed = parseManifest(files.find((f) => f.path === made)!.data.toString('utf8')).map((e) => e.path);
    assert.deepEqual(
      listed,
      files
        .filter((f) => !f.path.startsWith('manifests/'))
        .map((f) => f.path)
        .sort(),
    );
    const subjects = attestationSubjects(files, manifests);
    assert.deepEqual(subjects.map((s) => s.path).sort(), files.map((f) => f.path).sort());
    for (const s of subjects) assert.equal(s.sha256, files.find((f) => f.path === s.path)!.sha256);
  });

  // Four publishers at once race on every push: 8 runs each are enough for each to lose and retry several times.
  const RUNS = 8;
  it('four publishers pushing 8 runs each at the same time lose nothing, and the archive verifies', async () => {
    const dir = join(root, 'race');
    const { url, bare, repos } = await remoteWithClones(dir, 4);
    const { dirs, records } = await runFolders(dir, 4 * RUNS, 3);
    const started = Date.now();
    const results = await Promise.all(
      repos.map(async (repo, p) => {
        const outcomes = [];
        for (let r = 0; r < RUNS; r++) {
          const { files } = await collectIncoming([dirs[p * RUNS + r]!]);
          outcomes.push(await publish({ repo, files, message: `run ${p}-${r}`, maxAttempts: 40 }));
        }
        return outcomes;
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    const attempts = results.flat().map((r) => r.attempts);
    console.log(
      `${4 * RUNS} publications en ${seconds.toFixed(1)} s ; essais : max ${Math.max(...attempts)}, total ${attempts.reduce((a, b) => a + b, 0)}`,
    );
    assert.ok(
      results.flat().every((r) => r.commit),
      'every run made its commit',
    );
    assert.equal(await git(bare, 'rev-list', '--count', 'archive'), String(4 * RUNS), 'one commit per run');
    assert.ok(Math.max(...attempts) > 1, 'the publishers did race');

    const check = join(dir, 'check');
    await run('git', ['clone', '-q', '--branch', 'archive', url, check]);
    for (const record of records) {
      const files = captureFiles({ prefecture: record.prefecture, motif: record.motif, capturedAt: record.capturedAt });
      assert.equal(sha256Hex(await readFile(join(check, files.image))), record.sha256, files.image);
    }
    assert.equal((await readdir(join(check, 'manifests'))).length, 4 * RUNS);
    const sums = await run('sh', ['-c', 'cat manifests/*.sha256 | sha256sum -c --quiet && echo ok'], { cwd: check });
    assert.equal(sums.stdout.trim(), 'ok');
    const verify = await runCli(['verify', '--archive', check]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, new RegExp(`${4 * RUNS * 3} captures`));

    // The publishers fetch trees, not the images that the others pushed. Once, under load, the first publisher
    // ended up with all of them (cause not found): the check is that not every publisher has them.
    const missing = await Promise.all(
      repos.map(
        async (r) =>
          (await git(r, 'rev-list', '--objects', '--missing=print', 'origin/archive'))
            .split('\n')
            .filter((l) => l.startsWith('?')).length,
      ),
    );
    assert.ok(
      missing.some((n) => n > 0),
      `images missing per publisher: ${missing.join(', ')}`,
    );
  });

  it('tells a lost race from a refusal naming our files and from a passing failure (GitHub’s own words)', () => {
    const big = 'paris/aes/2026/02/2026-02-01T10-00-00Z.png';
    assert.deepEqual(
      pushFailure(' ! [rejected]        abc -> archive (fetch first)\nerror: failed to push some refs', [big]),
      { kind: 'race' },
    );
    assert.deepEqual(pushFailure(' ! [rejected]        abc -> archive (non-fast-forward)', [big]), { kind: 'race' });
    assert.deepEqual(
      pushFailure(
        `remote: error: File ${big} is 120.00 MB; this exceeds GitHub's file size limit of 100.00 MB\n` +
          'remote: error: GH001: Large files detected.\n ! [remote rejected] abc -> archive (pre-receive hook declined)',
        [big, 'manifests/x.sha256'],
      ),
      { kind: 'refused', paths: [big] },
    );
    assert.deepEqual(
      pushFailure(' ! [remote rejected] abc -> archive (pre-receive hook declined)', [big]),
      { kind: 'transient' },
      'a hook that names none of our files may pass next time',
    );
    assert.deepEqual(
      pushFailure("fatal: unable to access 'https://github.com/a/b/': The requested URL returned error: 502", [big]),
      { kind: 'transient' },
    );
    assert.deepEqual(pushFailure('fatal: unable to access: Could not resolve host: github.com', []), {
      kind: 'transient',
    });
    assert.equal(pushFailure('fatal: not a git repository', [big]), null);
  });

  it('leaves out a file the server refuses for its size, names it, and publishes the rest', async () => {
    const dir = join(root, 'too-large');
    const { bare, repos } = await remoteWithClones(dir, 1);
    // GitHub's size limit is a pre-receive hook; here 100 kB stands for its 100 MB.
    await preReceive(
      bare,
      `#!/bin/sh
status=0
while read old new ref; do
  for path in $(git ls-tree -r -l "$new" | awk '$4 > 100000 {print $5}'); do
    echo "error: File $path is 0.20 MB; this exceeds GitHub's file size limit of 100.00 MB" >&2
    status=1
  done
done
[ $status = 1 ] && echo "error: GH001: Large files detected." >&2
exit $status
`,
    );
    const { dirs } = await runFolders(dir, 1, 3);
    const incoming = await collectIncoming(dirs);
    const big = incoming.files.find((f) => f.path.endsWith('.png'))!;
    const data = Buffer.concat([big.data, Buffer.alloc(200_000, 7)]);
    const files = incoming.files.map((f) => {
      if (f === big) return { ...f, data, sha256: sha256Hex(data) };
      if (!f.path.startsWith('manifests/')) return f;
      const text = Buffer.from(f.data.toString('utf8').replace(big.sha256, sha256Hex(data)));
      return { ...f, data: text, sha256: sha256Hex(text) };
    });
    const lines: string[] = [];
    const result = await publish({ repo: repos[0]!, files, message, log: (l) => lines.push(l) });
    assert.deepEqual(
      result.refused.map((r) => r.path),
      [big.path],
    );
    assert.match(result.refused[0]!.reason, /exceeds GitHub's file size limit/);
    assert.ok(lines.some((l) => l.includes(big.path) && /Refusé par le serveur/.test(l)));
    const tree = (await git(bare, 'ls-tree', '-r', '--name-only', 'archive')).split('\n');
    const capture = big.path.replace(/\.png$/, '');
    assert.ok(!tree.some((p) => p.startsWith(capture)), 'the refused capture is left out whole');
    assert.equal(tree.filter((p) => p.endsWith('.png')).length, 2, 'the two other captures are published');
    const manifest = tree.find((p) => p.startsWith('manifests/'))!;
    const listed = parseManifest(await git(bare, 'show', `archive:${manifest}`));
    assert.equal(listed.length, 8, 'the manifest lists what was published, and only that (two captures of four files)');
    assert.match(
      await git(bare, 'log', '-1', '--format=%B', 'archive'),
      new RegExp(`Refusé par le serveur.*${big.path}`),
    );
  });

  it('retries a push that a hook fails twice without naming a file, then publishes', async () => {
    const dir = join(root, 'flaky');
    const { bare, repos } = await remoteWithClones(dir, 1);
    await preReceive(
      bare,
      `#!/bin/sh
n=$(cat "$GIT_DIR/failures" 2>/dev/null || echo 0)
if [ "$n" -lt 2 ]; then echo $((n + 1)) > "$GIT_DIR/failures"; echo "error: 503 Service Unavailable" >&2; exit 1; fi
exit 0
`,
    );
    const { dirs } = await runFolders(dir, 1, 2);
    const { files } = await collectIncoming(dirs);
    const waits: number[] = [];
    const result = await publish({
      repo: repos[0]!,
      files,
      message,
      sleep: async (ms) => void waits.push(ms),
      transientDelayMs: 100,
    });
    assert.equal(result.attempts, 3);
    assert.deepEqual(waits, [100, 200], 'a doubling wait');
    assert.equal(result.refused.length, 0);
    assert.equal(await git(bare, 'rev-parse', 'archive'), result.commit);
  });

  it('picks up the captures of a recent failed run (its artifact on GitHub), timestamps them and publishes them with this run’s', async (t) => {
    const dir = join(root, 'pickup');
    const { bare, repos } = await remoteWithClones(dir, 1);
    // The failed run was two days ago, and its job stopped before any timestamp.
    const { dirs, records } = await runFolders(
      join(dir, 'src'),
      2,
      1,
      new Date(Date.now() - 2 * 86_400_000).toISOString(),
    );
    const authority = await startAuthority('Reprise');
    t.after(() => authority.close());
    const [pickedManifest] = await readdir(join(dirs[0]!, 'manifests'));
    const zip = join(dir, 'failed.zip');
    await run('zip', ['-q', '-r', zip, '.'], { cwd: dirs[0]! });
    const seen: string[] = [];
    // A local stand-in for the GitHub API: run 7 failed and kept its artifact; 9 is this run.
    const server = createServer((req, res) => {
      seen.push(`${req.url} ${req.headers.authorization ?? ''}`);
      const json = (value: unknown) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (req.url!.startsWith('/repos/asso/stp/actions/workflows/capture.yml/runs?status=failure'))
        return json({ workflow_runs: [9, 7].map((id) => ({ id, created_at: '2026-02-01T10:00:00Z' })) });
      if (req.url === '/repos/asso/stp/actions/runs/9/artifacts?per_page=100') return json({ artifacts: [] });
      if (req.url === '/repos/asso/stp/actions/runs/7/artifacts?per_page=100')
        return json({
          artifacts: [
            { id: 70, name: 'captures-paris', expired: false, archive_download_url: '' },
            { id: 71, name: 'subjects', expired: false, archive_download_url: '' },
          ],
        });
      if (req.url === '/repos/asso/stp/actions/artifacts/70/zip')
        return res.writeHead(302, { location: '/storage/70.zip?sig=1' }).end();
      if (req.url === '/storage/70.zip?sig=1') return void readFile(zip).then((data) => res.writeHead(200).end(data));
      res.writeHead(404).end('{}');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const artifacts = join(dir, 'artifacts');
      await run('sh', ['-c', 'mkdir -p "$1" && cp -R "$0"/. "$1"/', dirs[1]!, artifacts]);
      const env = {
        GITHUB_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        GITHUB_REPOSITORY: 'asso/stp',
        GITHUB_TOKEN: 'jeton',
        GITHUB_RUN_ID: '9',
        GITHUB_OUTPUT: '',
        GITHUB_STEP_SUMMARY: '',
        STP_TSA_URLS: authority.url,
      };
      const result = await runCli(['publish', '--artifacts', artifacts, '--repo', repos[0]!, '--pickup'], env);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /Passage 7 .* 1 artefact repris/);
      const tree = await git(bare, 'ls-tree', '-r', '--name-only', 'archive');
      for (const record of records) assert.ok(tree.includes(captureFiles(record).image), record.id);
      // The picked-up run's manifest got its reply before publishing, and it verifies.
      const reply = `manifests/${pickedManifest}.${labelOf(authority.url)}.tsr`;
      assert.ok(tree.split('\n').includes(reply), tree);
      const published = join(dir, 'published');
      await run('git', ['clone', '-q', '--branch', 'archive', bare, published]);
      const verify = await runCli(['verify', '--archive', published, '--tsa-roots', authority.rootsDir]);
      assert.equal(verify.code, 0, verify.stdout + verify.stderr);
      assert.match(
        verify.stdout,
        new RegExp(`Horodatages RFC 3161 de manifests/${pickedManifest!.replace(/\./g, '\\.')} : `),
      );
      assert.ok(!seen.some((l) => l.startsWith('/repos/asso/stp/actions/runs/9/')), 'this run is not picked up');
      // The next run picks up run 7 again (still failed, its artifact still there): nothing of it is replayed, not
      // even a second reply for its manifest, which would clash with the one published.
      const asked = authority.requests;
      const next = await runCli(
        ['publish', '--artifacts', join(dir, 'artifacts-next'), '--repo', repos[0]!, '--pickup'],
        { ...env, GITHUB_RUN_ID: '10' },
      );
      assert.equal(next.code, 0, next.stdout + next.stderr);
      assert.match(next.stdout, /Passage 7 .* 1 artefact repris/);
      assert.match(next.stdout, /Rien à publier/);
      assert.equal(authority.requests, asked, 'no second timestamp of a manifest already published');
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it('runs as `npm run publish` on downloaded artifacts and writes the attestation subjects', async () => {
    const dir = join(root, 'cli');
    const { bare, repos } = await remoteWithClones(dir, 1);
    const { dirs } = await runFolders(join(dir, 'artifacts-src'), 2, 2);
    // download-artifact with merge-multiple: both capture jobs' files in one folder.
    const artifacts = join(dir, 'artifacts');
    await run('sh', ['-c', 'mkdir -p "$2" && cp -R "$0"/. "$2"/ && cp -R "$1"/. "$2"/', dirs[0]!, dirs[1]!, artifacts]);
    const subjects = join(dir, 'subjects.sha256');
    const summary = join(dir, 'summary.md');
    await writeFile(summary, '');
    const expected = JSON.stringify({ include: [{ target: 'paris', motifs: 'aes-vpf-charcot,aes-vpf-truffaut' }] });
    const ok = await runCli(['publish', '--artifacts', artifacts, '--repo', repos[0]!, '--subjects', subjects], {
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: '',
      GITHUB_REPOSITORY: 'asso/stp',
      STP_EXPECTED: expected,
    });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /fichiers publiés sur archive/);
    // The run's report: a table with a link to each image of the new commit, an error for the motif left without capture.
    const commit = await git(bare, 'rev-parse', 'archive');
    const table = await readFile(summary, 'utf8');
    assert.match(
      table,
      /<th>Préfecture<\/th><th>Motif<\/th><th>Résultat<\/th><th>Heure \(Paris\)<\/th><th>Image<\/th>/,
    );
    assert.equal(table.match(/<tr>/g)!.length, 1 + 4);
    assert.ok(table.includes(`https://github.com/asso/stp/blob/${commit}/paris/aes-vpf-charcot/`));
    assert.match(ok.stdout, /::error title=Non capturé — paris \/ aes-vpf-truffaut::/);
    assert.doesNotMatch(ok.stdout, /Non capturé — paris \/ aes-vpf-charcot/);
    const listed = parseManifest(await readFile(subjects, 'utf8'));
    assert.equal(listed.length, 2 * 2 * 4 + 2, 'every file (image, thumbnail, text, record) and both manifests');
    assert.equal(await git(bare, 'rev-list', '--count', 'archive'), '1');
    // A later run whose manifest lands on a published manifest's path: left out with its capture, named, exit 0.
    const later = (await runFolders(join(dir, 'later'), 1, 1, '2030-01-01T00:00:00Z')).dirs[0]!;
    const [ours] = await readdir(join(later, 'manifests'));
    const taken = listed.find((s) => s.path.startsWith('manifests/'))!.path;
    await rename(join(later, 'manifests', ours!), join(later, taken));
    const clash = await runCli(['publish', '--from', later, '--repo', repos[0]!], { GITHUB_OUTPUT: '' });
    assert.equal(clash.code, 0, clash.stderr);
    assert.match(
      clash.stdout,
      // Actions escapes the comma of the title.
      new RegExp(`::error title=Déjà sur la branche avec un autre contenu%2C non publié::${taken}`),
    );
    assert.equal(await git(bare, 'rev-list', '--count', 'archive'), '1', 'nothing else to publish');
    const none = await runCli(['publish', '--artifacts', join(dir, 'no-artifact'), '--repo', repos[0]!]);
    assert.equal(none.code, 0, none.stderr);
    assert.match(none.stdout, /Rien à publier/);
    const missing = await runCli(['publish', '--from', join(dir, 'nowhere'), '--repo', repos[0]!]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /dossier introuvable/);
  });
});
