import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { watch } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { platform } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { captureJobs, type Job, type RunSummary } from '../scraper/capture/run.ts';
import { sha256Hex } from '../scraper/evidence/images.ts';
import { runnerOf } from '../scraper/evidence/provenance.ts';
import type { EvidenceRecord } from '../scraper/evidence/record.ts';
import { chromiumPath } from '../scraper/navigate/browser.ts';
import { loadAllTargets } from '../scraper/target/load.ts';
import { descendants, ROOT, runCli, startCli, tempDir, waitFor } from './helpers.ts';
import { startReplica, type Replica } from '../scraper/replica/server.ts';

// A local run: what the CI runner's own variables would change is tested apart, through runnerOf.
for (const name of Object.keys(process.env)) if (name.startsWith('GITHUB_')) delete process.env[name];

const run = promisify(execFile);
const ECHOED_IP = '203.0.113.7';

let replica: Replica;
let echo: Server;
let echoHits = 0;
let closedPortUrl: string;
const runs: { archive: string; summary: RunSummary; records: EvidenceRecord[] }[] = [];

async function listen(server: Server): Promise<number> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

/** One capture run of two motifs on two sites, with the public IP learnt from `echoUrl`. */
async function captureWith(jobs: Job[], echoUrl: string) {
  process.env.STP_IP_ECHO_URL = echoUrl;
  const archive = await tempDir('stp-evidence-capture-');
  const summary = await captureJobs(jobs, { archive, replica: replica.origin, log: () => {} });
  const records = summary.results.map((r) => {
    assert.ok(r.captured, r.captured ? '' : r.reason);
    return r.record;
  });
  return { archive, summary, records };
}

const file = (archive: string, record: EvidenceRecord, name: string) =>
  readFile(
    join(
      archive,
      record.id.split('/').slice(0, 2).join('/'),
      record.capturedAt.slice(0, 4),
      record.capturedAt.slice(5, 7),
      name,
    ),
  );

before(async () => {
  replica = await startReplica();
  echo = createServer((_, res) => {
    echoHits++;
    res.end(`${ECHOED_IP}\n`);
  });
  const echoPort = await listen(echo);
  const closed = createServer();
  closedPortUrl = `http://127.0.0.1:${await listen(closed)}/`;
  await new Promise((done) => closed.close(done));
  const jobs = (await loadAllTargets())
    .flatMap(({ target }) => target.motifs.map((motif) => ({ target, motif })))
    .filter((j) =>
      ['paris/aes-vpf-charcot', 'seine-saint-denis/aes-le-raincy'].includes(`${j.target.id}/${j.motif.id}`),
    );
  runs.push(await captureWith(jobs, closedPortUrl));
  runs.push(await captureWith(jobs, `http://127.0.0.1:${echoPort}/ip`));
});

after(async () => {
  await replica.close();
  await new Promise((done) => echo.close(done));
});

describe('capture evidence on the replica', () => {
  it('stores the same page twice as byte-identical page images and thumbnails', async () => {
    const [first, second] = runs as [(typeof runs)[0], (typeof runs)[0]];
    for (let i = 0; i < first.records.length; i++) {
      const [a, b] = [first.records[i]!, second.records[i]!];
      assert.notEqual(a.id, b.id);
      assert.ok(
        (await file(first.archive, a, a.image)).equals(await file(second.archive, b, b.image)),
        `${a.motif}: page images differ`,
      );
      assert.ok(
        (await file(first.archive, a, a.thumbnail)).equals(await file(second.archive, b, b.thumbnail)),
        `${a.motif}: thumbnails differ`,
      );
      assert.equal(a.sha256, b.sha256);
    }
    assert.notEqual(first.records[0]!.sha256, first.records[1]!.sha256, 'two different pages gave one image');
  });

  it('records the hashes and sizes of the files it wrote: lossless PNG page image, 320×240 WebP thumbnail', async () => {
    for (const { archive, records } of runs) {
      for (const record of records) {
        const png = await file(archive, record, record.image);
        const webp = await file(archive, record, record.thumbnail);
        assert.equal(sha256Hex(png), record.sha256);
        assert.equal(sha256Hex(webp), record.thumbnailSha256);
        const meta = await sharp(png).metadata();
        assert.deepEqual(
          [meta.format, meta.width, meta.height, png.length],
          ['png', record.imageSize.width, record.imageSize.height, record.imageSize.bytes],
        );
        const thumb = await sharp(webp).metadata();
        assert.deepEqual([thumb.format, thumb.width, thumb.height], ['webp', 320, 240]);
      }
    }
  });

  it('records the browser, its user agent, the viewport, a fresh profile, no proxy and a local runner', async () => {
    const { stdout } = await run(chromiumPath()!, ['--version']);
    const version = /(\d+\.\d+\.\d+\.\d+)/.exec(stdout)![1]!;
    for (const { provenance } of runs.flatMap((r) => r.records)) {
      assert.deepEqual(provenance.browser, { name: 'chromium', version });
      assert.match(provenance.userAgent, new RegExp(`Chrome/${version.split('.')[0]}\\.`));
      assert.deepEqual(provenance.viewport, { width: 1280, height: 800 });
      assert.equal(provenance.freshProfile, true);
      assert.equal(provenance.proxy, false);
      assert.equal(provenance.runner.kind, 'local');
      assert.ok(provenance.runner.os.startsWith(platform()), provenance.runner.os);
    }
  });

  it('records no public IP when the echo service cannot be reached, and the echoed one when it can', () => {
    assert.deepEqual(
      runs[0]!.records.map((r) => r.provenance.publicIp),
      [null, null],
    );
    assert.deepEqual(
      runs[1]!.records.map((r) => r.provenance.publicIp),
      [ECHOED_IP, ECHOED_IP],
    );
    assert.equal(echoHits, 1, 'the public IP is learnt once per run');
  });

  it('records the software version and commit, and the préfecture’s own clock', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
    const commit = await run('git', ['rev-parse', 'HEAD'], { cwd: ROOT }).then(
      (r) => r.stdout.trim(),
      () => null,
    );
    for (const record of runs.flatMap((r) => r.records)) {
      assert.deepEqual(record.provenance.software, { name: pkg.name, version: pkg.version, commit });
      assert.ok(record.evidence.serverDate, 'no Date header recorded');
      const skew = Math.abs(Date.parse(record.evidence.serverDate) - Date.parse(record.capturedAt));
      assert.ok(skew < 10_000, `server date ${record.evidence.serverDate} vs ${record.capturedAt}`);
      assert.equal(record.evidence.httpStatus, 200);
      assert.ok(record.evidence.title.length > 0);
      assert.ok(Date.parse(record.startedAt) <= Date.parse(record.capturedAt));
      assert.ok(
        record.steps.length >= 2 && record.steps.every((s) => Number.isInteger(s.durationMs) && s.durationMs >= 0),
      );
    }
  });

  it('keeps the page’s visible text beside the image, hashed in the record, identical for identical pages', async () => {
    const [first, second] = runs as [(typeof runs)[0], (typeof runs)[0]];
    assert.ok(
      first.records.some((r) => r.evidence.quote),
      'a sentence decided at least one capture',
    );
    for (let i = 0; i < first.records.length; i++) {
      const [a, b] = [first.records[i]!, second.records[i]!];
      assert.equal(a.text, a.image.replace(/\.png$/, '.txt'));
      const text = await file(first.archive, a, a.text!);
      assert.equal(sha256Hex(text), a.textSha256);
      assert.ok(text.equals(await file(second.archive, b, b.text!)), `${a.motif}: texts differ`);
      assert.equal(a.textSha256, b.textSha256);
      const content = text.toString('utf8');
      const { quote } = a.evidence;
      assert.ok(quote === undefined || content.includes(quote), `${a.motif}: the quoted text is in the file`);
      assert.match(content, /^\S.*\n$/s);
      assert.doesNotMatch(
        content,
        /\n\n| {2}|[ \t]\n/,
        'normalised: no blank line, no double space, no trailing space',
      );
    }
    assert.notEqual(first.records[0]!.textSha256, first.records[1]!.textSha256);
  });

  it('records the server’s address and port, no TLS over plain HTTP, and our clock’s offset from the server’s', () => {
    for (const record of runs.flatMap((r) => r.records)) {
      assert.deepEqual(record.evidence.server, { ip: '127.0.0.1', port: replica.port });
      assert.equal(record.evidence.tls, null);
      const offset = record.evidence.clockOffsetMs;
      // Same machine: only the Date header's whole seconds (and a loaded machine's delays) part the two clocks.
      assert.ok(typeof offset === 'number' && offset <= 1000 && offset > -5000, `offset ${offset}`);
    }
  });

  it('names the GitHub Actions run, its URL and the runner in a CI run', () => {
    const runner = runnerOf({
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'asso/stp',
      GITHUB_RUN_ID: '42',
      GITHUB_SERVER_URL: 'https://github.com',
      RUNNER_NAME: 'GitHub Actions 3',
    });
    assert.deepEqual(
      { ...runner, os: '' },
      {
        kind: 'github-actions',
        os: '',
        repository: 'asso/stp',
        runId: '42',
        runUrl: 'https://github.com/asso/stp/actions/runs/42',
        runnerName: 'GitHub Actions 3',
      },
    );
  });

  it('writes a manifest of the run that sha256sum -c accepts and verify finds intact', async () => {
    const { archive, summary } = runs[0]!;
    const { stdout } = await run('sha256sum', ['-c', summary.manifest!], { cwd: archive });
    assert.equal(
      stdout
        .trim()
        .split('\n')
        .filter((l) => l.endsWith(': OK')).length,
      8,
    );
    const result = await runCli(['verify', '--archive', archive]);
    assert.equal(result.code, 0, result.stdout);
  });
});

describe('a capture killed in the middle', () => {
  let slow: Replica;
  before(async () => {
    slow = await startReplica({
      slowMs: 800,
      behaviours: { 'pprdv.interieur.gouv.fr/948': 'slow', 'pprdv.interieur.gouv.fr/953': 'slow' },
    });
  });
  after(() => slow.close());

  const records = async (archive: string) =>
    (await readdir(archive, { recursive: true })).filter((f) => /\/\d{4}\/\d{2}\/[^/]+\.json$/.test(f));

  /** Starts a capture of two slow motifs, kills it with SIGKILL when `moment` resolves, then runs verify. */
  async function killWhen(moment: (archive: string, kill: () => void) => Promise<void>) {
    const archive = await tempDir('stp-killed-');
    const capture = startCli([
      'capture',
      '--target',
      'paris',
      '--motif',
      'aes-vpf-charcot',
      '--motif',
      'aes-vpf-truffaut',
      '--archive',
      archive,
      '--replica',
      slow.origin,
    ]);
    let browser: number[] = [];
    const kill = () => {
      process.kill(capture.pid, 'SIGKILL');
    };
    const tracking = setInterval(
      () => void descendants(capture.pid).then((pids) => pids.length && (browser = pids)),
      100,
    );
    try {
      await moment(archive, kill);
      const result = await capture.result;
      assert.notEqual(result.code, 0, `the capture ended before the kill:\n${result.stdout}`);
    } finally {
      clearInterval(tracking);
      for (const pid of browser) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone with its parent
        }
      }
    }
    // Read-only verify leaves a killed run's staging alone: --repair finishes or drops it first.
    const verify = await runCli(['verify', '--archive', archive, '--repair']);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, /Archive intacte/);
    assert.deepEqual(
      await readdir(join(archive, '.staging')).catch(() => []),
      [],
      'recovery left a staged capture behind',
    );
    return { archive, verify: verify.stdout, captures: (await records(archive)).length };
  }

  /** Kills the capture the moment `name` appears at the archive root (inotify: within a millisecond or so). */
  const whenCreated = (name: string) => (archive: string, kill: () => void) =>
    new Promise<void>((done) => {
      const watcher = watch(archive, (_, entry) => {
        if (entry !== name) return;
        kill();
        watcher.close();
        done();
      });
    });

  it('leaves nothing while the page is loading', async () => {
    const { captures } = await killWhen(async (_, kill) => {
      await waitFor(() => slow.requests.some((r) => r.path.includes('/948') && r.endedAt === null));
      kill();
    });
    assert.equal(captures, 0);
  });

  it('leaves a complete capture or nothing when killed as the first capture is staged', async () => {
    const { captures } = await killWhen(whenCreated('.staging'));
    assert.ok(captures <= 1);
  });

  it('leaves a complete capture when killed as the first capture moves into place', async () => {
    // The first move into place creates the préfecture folder: the capture is wholly staged by then.
    const { captures, verify } = await killWhen(whenCreated('paris'));
    assert.equal(captures, 1, verify);
    assert.match(verify, /1 capture, 4 fichiers, 0 manifeste /);
  });

  it('keeps the first capture, listed in no manifest yet, when killed while the next page loads', async () => {
    const { captures, verify } = await killWhen(async (archive, kill) => {
      await waitFor(async () => (await records(archive).catch(() => [])).length > 0);
      await waitFor(() => slow.requests.some((r) => r.path.includes('/953') && r.endedAt === null));
      kill();
    });
    assert.equal(captures, 1);
    assert.match(verify, /Avertissement : 4 fichiers listés dans aucun manifeste/);
  });
});
