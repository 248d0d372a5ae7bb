/**
 * Pages that attack or break the bot, through real Chromium on the replica's trap site (scraper/replica/hostile.ts):
 * each gives a record with the right outcome within the motif's budget, and the run's other motifs are captured.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { captureJobs, type Job, type JobResult } from '../scraper/capture/run.ts';
import { MAX_PAGE_HEIGHT } from '../scraper/navigate/snapshot.ts';
import { loadTarget } from '../scraper/target/load.ts';
import { targetSchema } from '../scraper/target/schema.ts';
import { HOSTILE_HOST, HOSTILE_NO_SLOT } from '../scraper/replica/hostile.ts';
import { startReplica, type Replica } from '../scraper/replica/server.ts';
import { bannerLines } from '../scraper/evidence/banner.ts';
import { renderExhibit } from '../scraper/evidence/exhibit.ts';
import { capturePage } from '../site/render/capture.ts';
import { descendants, tempDir } from './helpers.ts';

process.env.STP_IP_ECHO_URL = 'off';

const BUDGET_MS = 45_000;
const TRAPS = [
  'occupee',
  'interminable',
  'immense',
  'titre-enorme',
  'titre-piege',
  'telechargement',
  'dialogues',
  'fenetre',
  'boucle',
] as const;

const target = targetSchema.parse({
  id: 'pieges',
  name: 'Préfecture piégée',
  settings: { stepTimeoutMs: 10_000, motifBudgetMs: BUDGET_MS, retries: 0 },
  motifs: TRAPS.map((trap) => ({
    id: trap,
    label: `Piège ${trap}`,
    platform: 'steps',
    url: `https://${HOSTILE_HOST}/${trap}`,
    steps: [{ waitFor: HOSTILE_NO_SLOT }],
    texts: { noSlot: [HOSTILE_NO_SLOT] },
  })),
});

let replica: Replica;
let archive: string;
let results: Map<string, JobResult>;
let lines: string[] = [];

before(async () => {
  replica = await startReplica();
  const { target: seed } = await loadTarget('seine-saint-denis');
  const jobs: Job[] = [
    ...target.motifs.map((motif) => ({ target, motif })),
    { target: seed, motif: seed.motifs.find((m) => m.id === 'aes-le-raincy')! },
  ];
  archive = await tempDir();
  const summary = await captureJobs(jobs, {
    archive,
    replica: replica.origin,
    log: (line) => lines.push(line),
    sleep: async () => {},
  });
  results = new Map(summary.results.map((r) => [r.job.motif.id, r]));
  // The figures of the run, for the reader of the test output: how long each trap held the bot.
  console.log(
    summary.results
      .map((r) => `${r.job.motif.id} : ${r.captured ? `${r.record.outcome} en ${r.record.durationMs} ms` : r.reason}`)
      .join('\n'),
  );
});
after(() => replica.close());

function recordOf(motif: string) {
  const result = results.get(motif);
  assert.ok(
    result?.captured,
    `${motif}: ${result && !result.captured ? result.reason : 'no result'}\n${lines.join('\n')}`,
  );
  assert.ok(result.record.durationMs < BUDGET_MS, `${motif} took ${result.record.durationMs} ms`);
  return result.record;
}

describe('hostile pages', () => {
  it('records a page whose script never yields as a site error naming the hang, with its screenshot', () => {
    const record = recordOf('occupee');
    assert.equal(record.outcome, 'site-error');
    assert.match(record.evidence.matchedText, /page figée/);
  });

  it('records a page that never finishes loading as a site error (step timeout)', () => {
    const record = recordOf('interminable');
    assert.equal(record.outcome, 'site-error');
    assert.match(record.evidence.matchedText, /délai dépassé/);
  });

  it('cuts a 40,000 px page at the height cap and records its real height; the banner says « page tronquée »', async () => {
    const record = recordOf('immense');
    assert.equal(record.outcome, 'no-slot');
    assert.equal(record.imageSize.height, MAX_PAGE_HEIGHT);
    assert.ok((record.evidence.truncated?.height ?? 0) > 40_000, JSON.stringify(record.evidence));
    const result = results.get('immense');
    assert.ok(result?.captured);
    const meta = await sharp(await readFile(join(archive, result.files.image))).metadata();
    assert.equal(meta.height, MAX_PAGE_HEIGHT);
    assert.ok(bannerLines(record).some((l) => /tronquée/i.test(l.label)));
    assert.equal(recordOf('titre-piege').evidence.truncated, undefined);
  });

  it('keeps at most 300 characters of a 5 MB title', () => {
    const record = recordOf('titre-enorme');
    assert.equal(record.outcome, 'no-slot');
    assert.ok(record.evidence.title.length <= 300, String(record.evidence.title.length));
    assert.match(record.evidence.title, /^A+…$/);
  });

  it('removes control and bidi-override characters from the title', () => {
    const record = recordOf('titre-piege');
    assert.equal(record.outcome, 'no-slot');
    assert.equal(record.evidence.title, 'Aucun rendez-vous [31mgnp.exe fin');
  });

  it('records a download instead of a page as a site error', () => {
    const record = recordOf('telechargement');
    assert.equal(record.outcome, 'site-error');
    assert.match(record.evidence.matchedText, /fichier à télécharger/);
  });

  it('dismisses alert, confirm and prompt, keeping their words for the capture page and the exhibit; ignores a popup', async () => {
    const record = recordOf('dialogues');
    assert.equal(record.outcome, 'no-slot');
    assert.deepEqual(
      record.evidence.dialogs?.map((d) => [d.type, d.message]),
      [
        ['alert', 'Bienvenue'],
        ['confirm', 'Continuer ?'],
        ['prompt', 'Nom ?'],
      ],
    );
    const said = bannerLines(record).filter((l) => l.label === 'Message affiché par le site');
    assert.deepEqual(
      said.map((l) => l.value.replace(/ \(.*\)$/, '')),
      ['« Bienvenue »', '« Continuer ? »', '« Nom ? »'],
    );
    assert.match(said[1]!.value, /\(demande de confirmation, à \d\d:\d\d:\d\d, heure de Paris\)$/);
    const html = capturePage({ record, newer: null }, { repository: null }).join('');
    assert.match(html, /<dt>Message affiché par le site<\/dt><dd>« Bienvenue » \(alerte, à /);
    // The exhibit draws the same lines: three more rows than the same capture without its dialogs.
    const result = results.get('dialogues');
    assert.ok(result?.captured);
    const image = await readFile(join(archive, result.files.image));
    const { dialogs: _, ...without } = record.evidence;
    const heights = await Promise.all(
      [record, { ...record, evidence: without }].map(
        async (r) => (await sharp(await renderExhibit(image, r)).metadata()).height,
      ),
    );
    assert.ok(heights[0]! > heights[1]!, `exhibit ${heights[0]} px high with its dialogs, ${heights[1]} px without`);
    assert.equal(recordOf('fenetre').outcome, 'no-slot');
    assert.equal(recordOf('fenetre').evidence.dialogs, undefined);
  });

  it('records an endless redirect as a site error', () => {
    const record = recordOf('boucle');
    assert.equal(record.outcome, 'site-error');
    assert.match(record.evidence.matchedText, /ERR_TOO_MANY_REDIRECTS/);
  });

  it('still captures the run’s other motifs', () => {
    const result = results.get('aes-le-raincy');
    assert.ok(result?.captured);
    assert.equal(result.record.outcome, 'no-slot');
  });
});

describe('the run-level budget', () => {
  it('reports the motifs it had no time to begin as not captured, without a request to their site', async () => {
    const replica = await startReplica();
    try {
      const { target: seed } = await loadTarget('seine-saint-denis');
      const lines: string[] = [];
      const summary = await captureJobs(
        seed.motifs.map((motif) => ({ target: seed, motif })),
        { archive: await tempDir(), replica: replica.origin, log: (l) => lines.push(l), stopAt: Date.now() },
      );
      assert.ok(summary.results.every((r) => !r.captured && /temps du passage épuisé/.test(r.reason)));
      assert.equal(replica.requests.length, 0);
      assert.equal(summary.manifest, null);
    } finally {
      await replica.close();
    }
  });
});

describe('a browser that stops answering', () => {
  it('costs one motif: the browser is relaunched and the next motif captured', async () => {
    const slow = await startReplica({ slowMs: 4000, behaviours: { 'pprdv.interieur.gouv.fr/948': 'slow' } });
    const { target: paris } = await loadTarget('paris');
    const quick = { ...paris, settings: { ...paris.settings, stepTimeoutMs: 10_000, retries: 0 } };
    const jobs = ['aes-vpf-charcot', 'aes-vpf-truffaut'].map((id) => ({
      target: quick,
      motif: quick.motifs.find((m) => m.id === id)!,
    }));
    // The whole first browser freezes (SIGSTOP) while it waits for the first page: nothing it is asked answers.
    const stopped: number[] = [];
    const freeze = setInterval(async () => {
      if (stopped.length > 0 || !slow.requests.some((r) => r.path.includes('/948'))) return;
      for (const pid of await descendants(process.pid)) {
        const name = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
        if (!/chrom/i.test(name)) continue;
        process.kill(pid, 'SIGSTOP');
        stopped.push(pid);
      }
    }, 50);
    const lines: string[] = [];
    const started = Date.now();
    try {
      const summary = await captureJobs(jobs, {
        archive: await tempDir(),
        replica: slow.origin,
        log: (l) => lines.push(l),
        sleep: async () => {},
      });
      assert.ok(stopped.length > 0, 'the browser was frozen');
      const [first, second] = summary.results;
      assert.ok(first && !first.captured, lines.join('\n'));
      assert.ok(second?.captured, lines.join('\n'));
      assert.equal(second.record.outcome, 'no-slot');
      assert.ok(
        lines.some((l) => /navigateur bloqué : redémarrage/.test(l)),
        lines.join('\n'),
      );
      assert.ok(Date.now() - started < paris.settings.motifBudgetMs, `${Date.now() - started} ms`);
    } finally {
      clearInterval(freeze);
      for (const pid of stopped) process.kill(pid, 'SIGKILL');
      await slow.close();
    }
  });
});
