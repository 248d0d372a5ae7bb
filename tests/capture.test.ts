import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Browser } from 'playwright';
import sharp from 'sharp';
import { captureJobs, NETWORK_RETRY_MS, type Job, type JobResult } from '../scraper/capture/run.ts';
import { sha256Hex } from '../scraper/evidence/images.ts';
import { recordSchema } from '../scraper/evidence/record.ts';
import { launchBrowser } from '../scraper/navigate/browser.ts';
import { loadTarget, parseTarget } from '../scraper/target/load.ts';
import { targetSchema, type Target } from '../scraper/target/schema.ts';
import { startReplica, type Replica } from '../scraper/replica/server.ts';
import { runCli, startCli, tempDir, waitFor } from './helpers.ts';

process.env.STP_IP_ECHO_URL = 'off';

let replica: Replica;
let seed: Job[];
// One browser for the runs of this file, as a run shares one between its motifs; a test that needs its own starts it.
let browser: Browser;
before(async () => {
  [replica, browser] = await Promise.all([startReplica(), launchBrowser()]);
  // The shipped préfectures only: a copy of the template adds its own, which the replica does not serve.
  seed = (await Promise.all(['paris', 'seine-saint-denis'].map(loadTarget))).flatMap(({ target }) =>
    target.motifs.map((motif) => ({ target, motif })),
  );
});
after(() => Promise.all([replica.close(), browser.close()]));

/** Captures the given jobs into a fresh archive on the replica. */
async function capture(jobs: Job[]) {
  const archive = await tempDir();
  const lines: string[] = [];
  const summary = await captureJobs(jobs, {
    archive,
    replica: replica.origin,
    log: (l) => lines.push(l),
    sleep: async () => {},
    browser,
  });
  return { archive, lines, summary };
}

function seedJob(id: string): Job {
  const job = seed.find((j) => `${j.target.id}/${j.motif.id}` === id);
  assert.ok(job, id);
  return job;
}

/** The same seed motif with quicker timeouts, so failures show within seconds. */
function quick(id: string, settings: Partial<Target['settings']>): Job {
  const job = seedJob(id);
  return {
    target: { ...job.target, settings: { ...job.target.settings, retryDelayMs: 10, ...settings } },
    motif: job.motif,
  };
}

function captured(result: JobResult | undefined) {
  assert.ok(result?.captured, result && !result.captured ? result.reason : 'no result');
  return result;
}

describe('capture on the replica', () => {
  it('captures every seed motif as no-slot, with a record, a decodable PNG and its SHA-256, one request chain at a time per site', async () => {
    replica.reset();
    const { archive, summary, lines } = await capture(seed);
    // never two request chains at once to the same site, while different sites run side by side
    const byHost = new Map<string, { startedAt: number; endedAt: number | null }[]>();
    for (const r of replica.requests) byHost.set(r.host, [...(byHost.get(r.host) ?? []), r]);
    for (const [host, requests] of byHost) {
      const sorted = [...requests].sort((a, b) => a.startedAt - b.startedAt);
      for (let i = 1; i < sorted.length; i++) {
        assert.ok(sorted[i]!.startedAt >= sorted[i - 1]!.endedAt!, `${host}: overlapping requests`);
      }
    }
    assert.ok(byHost.size >= 2);
    assert.equal(summary.results.length, 11);
    for (const result of summary.results) {
      const { record, files } = captured(result);
      assert.equal(record.outcome, 'no-slot', `${record.id}: ${record.evidence.matchedText}`);
      assert.equal(record.prefecture, result.job.target.id);
      assert.equal(record.motif, result.job.motif.id);
      assert.match(
        files.image,
        new RegExp(
          `^${record.prefecture}/${record.motif}/\\d{4}/\\d{2}/\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z\\.png$`,
        ),
      );
      const onDisk = recordSchema.parse(JSON.parse(await readFile(join(archive, files.record), 'utf8')));
      assert.deepEqual(onDisk, record);
      const png = await readFile(join(archive, files.image));
      assert.equal(sha256Hex(png), record.sha256);
      const meta = await sharp(png).metadata();
      assert.equal(meta.format, 'png');
      assert.equal(meta.width, 1280);
      assert.ok(record.url.includes('.localhost:'), record.url);
      assert.match(record.evidence.matchedText, /plage horaire libre/);
    }
    assert.ok(
      lines.some((l) => /paris \/ aes-vpf-charcot : Aucun créneau disponible \(no-slot\) en \d+,\d s/.test(l)),
      lines.join('\n'),
    );
    // Each attempt says phase by phase where it is, so that one that never ends says where it stopped.
    assert.deepEqual(
      lines.filter((l) => l.startsWith('  paris / aes-vpf-charcot — ')).map((l) => l.split(' — ')[1]),
      [
        'ÉTAPE [1/6] : ouverture',
        'ÉTAPE [2/6] : parcours des pages',
        'ÉTAPE [3/6] : chargement des images',
        'ÉTAPE [4/6] : lecture de la page',
        "ÉTAPE [5/6] : capture d'écran",
        'ÉTAPE [6/6] : identification du serveur',
      ],
    );
    assert.ok(summary.manifest);
  });

  it('chooses the guichet by its exact label: « salarié » and « salarié 2 » are different guichets', async () => {
    replica.reset();
    replica.setBehaviour('pprdv.interieur.gouv.fr/885/1043', 'slots');
    const { summary } = await capture([
      seedJob('paris/aes-travail-charcot-salarie'),
      seedJob('paris/aes-travail-charcot-salarie-2'),
    ]);
    const [first, second] = summary.results.map((r) => captured(r).record);
    assert.equal(first!.outcome, 'no-slot');
    assert.equal(second!.outcome, 'slot-available');
    assert.ok(first!.steps.some((s) => s.name === 'choose-guichet'));
  });

  it('follows an index link by its exact text, the second of two identical links when asked', async () => {
    replica.reset();
    const { summary } = await capture([seedJob('seine-saint-denis/aes-le-raincy')]);
    const { record } = captured(summary.results[0]);
    assert.equal(record.outcome, 'no-slot');
    assert.match(record.url, /\/10317\//);
    assert.deepEqual(
      record.steps.slice(0, 2).map((s) => s.name),
      ['open-index', 'accept-cookies'],
    );
  });

  const outcomes: [string, string, string, RegExp][] = [
    [
      'slot-available when the calendar shows free slots',
      'slots',
      'slot-available',
      /^2 plages libres dans le calendrier$/,
    ],
    ['site-error when the préfecture answers 502', 'bad-gateway', 'site-error', /502/],
    ['site-error when the préfecture answers 503', 'unavailable', 'site-error', /503/],
    ['site-error when the préfecture answers 504', 'gateway-timeout', 'site-error', /504/],
    [
      'site-error on « Service surchargé », keeping its whole sentence',
      'overloaded',
      'site-error',
      /^Le service que vous avez demandé est actuellement surchargé/,
    ],
    ['blocked when a firewall answers 403', 'forbidden', 'blocked', /403/],
    ['unrecognized on a page it does not know', 'unknown-page', 'unrecognized', /^Nouvelle procédure$/],
    ['captcha when a captcha stands before the result', 'captcha', 'captcha', /captcha/],
  ];
  for (const [what, behaviour, outcome, text] of outcomes) {
    it(`records ${what}, with a screenshot`, async () => {
      replica.reset();
      replica.setBehaviour('pprdv.interieur.gouv.fr/948', behaviour as never);
      const { summary, archive } = await capture([quick('paris/aes-vpf-charcot', { retries: 0 })]);
      const { record, files } = captured(summary.results[0]);
      assert.equal(record.outcome, outcome, record.evidence.matchedText);
      assert.match(record.evidence.matchedText, text);
      // the deciding rule is named, and is one of the signals seen (an unknown page has none)
      assert.ok(record.evidence.rule);
      if (outcome !== 'unrecognized') assert.ok(record.evidence.signals?.some((s) => s.rule === record.evidence.rule));
      assert.ok((await readFile(join(archive, files.image))).length > 1000);
    });
  }

  it('retries a site error with backoff and records the earlier tries', async () => {
    replica.reset();
    replica.setBehaviour('pprdv.interieur.gouv.fr/948', ['unavailable', 'overloaded', 'no-slot']);
    const { summary, lines } = await capture([quick('paris/aes-vpf-charcot', { retries: 2 })]);
    const { record } = captured(summary.results[0]);
    assert.equal(record.outcome, 'no-slot');
    assert.deepEqual(
      record.retries.map((r) => r.outcome),
      ['site-error', 'site-error'],
    );
    assert.equal(lines.filter((l) => /nouvel essai/.test(l)).length, 2);
  });

  it('gives up on a hanging site within the motif budget, records site-error, and goes on with the next motif', async () => {
    replica.reset();
    replica.setBehaviour('pprdv.interieur.gouv.fr/948', 'hang');
    const started = Date.now();
    const { summary } = await capture([
      quick('paris/aes-vpf-charcot', { stepTimeoutMs: 1500, motifBudgetMs: 4000, retries: 3 }),
      seedJob('paris/aes-vpf-truffaut'),
    ]);
    const [hung, next] = summary.results.map((r) => captured(r).record);
    assert.equal(hung!.outcome, 'site-error');
    assert.match(hung!.evidence.matchedText, /délai dépassé|temps maximal du motif dépassé/);
    assert.ok(hung!.durationMs < 4000 + 1000, `the hanging motif took ${hung!.durationMs} ms`);
    assert.equal(next!.outcome, 'no-slot');
    assert.ok(Date.now() - started < 60_000, `took ${Date.now() - started} ms`);
  });

  it('records a site it could not reach (name unknown, connection refused) as the robot’s network, tried once more soon', async () => {
    const closed = await startReplica();
    const port = closed.port;
    await closed.close();
    // Default settings: a site error would be tried again after 30 s, then 60 s.
    const unreachable = targetSchema.parse({
      id: 'injoignable',
      name: 'Préfecture injoignable',
      motifs: [
        ['nom-inconnu', 'https://nxdomain.invalid/rendez-vous'],
        ['connexion-refusee', `http://127.0.0.1:${port}/rendez-vous`],
      ].map(([id, url]) => ({
        id,
        label: id,
        platform: 'steps',
        url,
        steps: [{ waitFor: 'Aucun créneau' }],
        texts: { noSlot: ['Aucun créneau'] },
      })),
    });
    const waits: number[] = [];
    const lines: string[] = [];
    const summary = await captureJobs(
      unreachable.motifs.map((motif) => ({ target: unreachable, motif })),
      { archive: await tempDir(), log: (l) => lines.push(l), sleep: async (ms) => void waits.push(ms) },
    );
    const codes = ['ERR_NAME_NOT_RESOLVED', 'ERR_CONNECTION_REFUSED'];
    for (const [i, result] of summary.results.entries()) {
      const { record } = captured(result);
      assert.deepEqual([record.outcome, record.evidence.rule], ['runner-network', 'runner-network']);
      assert.match(record.evidence.matchedText, new RegExp(`^site non joint par le robot : .+ \\(net::${codes[i]}\\)`));
      assert.deepEqual(
        record.retries.map((r) => r.outcome),
        ['runner-network'],
      );
      // The address that could not be opened, not the browser's error page.
      assert.equal(record.url, record.startUrl);
    }
    // One wait of a few seconds per motif, where a site error would have waited 30 s, then 60 s.
    assert.deepEqual(waits, [NETWORK_RETRY_MS, NETWORK_RETRY_MS]);
    assert.equal(
      lines.filter((l) => l.includes('Réseau du robot : le site n’a pas pu être joint (runner-network)')).length,
      2,
    );
    assert.ok(!lines.some((l) => /Erreur du site/.test(l)), lines.join('\n'));
  });

  it('captures a préfecture that is not shipped, with three guichets, from its target file alone', async () => {
    replica.reset();
    const dir = await tempDir();
    const file = join(dir, 'hauts-de-seine.yaml');
    await writeFile(
      file,
      `id: hauts-de-seine
name: Préfecture des Hauts-de-Seine
motifs:
  - id: remise-guichet-3b
    label: Remise d'un titre de séjour (guichet 3 B)
    platform: legacy-booking
    url: https://www.hauts-de-seine.gouv.fr/booking/create/12083
    planning: Remise d'un titre de séjour - GUICHET 3 B - Nanterre
  - id: remise-guichet-9
    label: Remise d'un titre de séjour (guichet 9, qui n'existe pas)
    platform: legacy-booking
    url: https://www.hauts-de-seine.gouv.fr/booking/create/12083
    planning: GUICHET 9
`,
    );
    const archive = join(dir, 'archive');
    const result = await runCli(['capture', '--target', file, '--archive', archive, '--replica', replica.origin]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /hauts-de-seine \/ remise-guichet-3b : Aucun créneau disponible/);
    assert.match(result.stdout, /hauts-de-seine \/ remise-guichet-9 : Page non reconnue/);
    const months = await readdir(join(archive, 'hauts-de-seine', 'remise-guichet-9'), { recursive: true });
    const recordFile = months.find((f) => f.endsWith('.json'))!;
    const record = recordSchema.parse(
      JSON.parse(await readFile(join(archive, 'hauts-de-seine', 'remise-guichet-9', recordFile), 'utf8')),
    );
    assert.match(
      record.evidence.matchedText,
      /guichet absent : GUICHET 9 ; choix proposés : .*« [^»]*GUICHET 3 B - Nanterre »/,
    );
    parseTarget(await readFile(file, 'utf8'), file);
  });

  it('reports a crashed browser as not captured, never as an outcome, and exits 1', async () => {
    replica.reset();
    replica.setBehaviour('pprdv.interieur.gouv.fr/948', 'slow');
    const archive = await tempDir();
    const run = startCli([
      'capture',
      '--target',
      'paris',
      '--motif',
      'aes-vpf-charcot',
      '--archive',
      archive,
      '--replica',
      replica.origin,
    ]);
    // Kill the browser while it waits for the slow page.
    await waitFor(async () => replica.requests.some((r) => r.path === '/booking/create/948' && r.endedAt === null));
    // Chromium is a direct child of the capture process: kill it and only it.
    await promisify(execFile)('pkill', ['-9', '-P', String(run.pid), 'chrom']);
    const result = await run.result;
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /✗ paris \/ aes-vpf-charcot : NON CAPTURÉ — /);
    assert.match(result.stdout, /1 NON capturé/);
    const files = await readdir(archive, { recursive: true });
    assert.deepEqual(
      files.filter((f) => f.endsWith('.json') || f.endsWith('.png')),
      [],
    );
  });
});
