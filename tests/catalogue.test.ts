import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright';
import { attempt } from '../scraper/navigate/attempt.ts';
import { launchBrowser, siteUrl } from '../scraper/navigate/browser.ts';
import { catalogueSites } from '../scraper/replica/catalogue.ts';
import { startReplica, type Replica } from '../scraper/replica/server.ts';
import { loadAllTargets, SEED_TARGETS, TARGETS_DIR } from '../scraper/target/load.ts';
import type { Motif, Target } from '../scraper/target/schema.ts';
import { runCli } from './helpers.ts';

process.env.STP_IP_ECHO_URL = 'off';

let targets: Target[];
let sites: ReturnType<typeof catalogueSites>;
let replica: Replica;
let browser: Browser;
before(async () => {
  targets = (await loadAllTargets()).map((t) => t.target);
  sites = catalogueSites(targets.filter((t) => !SEED_TARGETS.includes(t.id)));
  [replica, browser] = await Promise.all([startReplica({ extraSites: sites }), launchBrowser()]);
});
after(() => Promise.all([replica.close(), browser.close()]));

describe('the catalogue, tried on the replica drawn from its own files', () => {
  it('draws every motif of every file: its form and guichet, its index page and link, or its démarche', () => {
    assert.deepEqual(sites.problems, []);
    assert.ok(sites.legacy.some((site) => site.host === 'www.seine-maritime.gouv.fr' && site.forms.length === 4));
    assert.deepEqual(
      sites.legacy
        .find((site) => site.host === 'www.hauts-de-seine.gouv.fr')
        ?.forms.find((f) => f.id === '12083')
        ?.guichets.map((g) => g.label),
      // the file's guichet, and another, so that the form asks for a choice as the real one does
      ['Autre guichet du formulaire 12083', "Remise d'un titre de séjour - GUICHET 4 B - Nanterre"],
    );
  });

  it('goes through every motif whose way depends on its words, and one of each other kind, to its final page: no slot, or the captcha of RDV Préfecture', async () => {
    // The navigation of `npm run capture -- --dry-run` in one browser: the evidence it would then build (images,
    // records) is the same for every file and is tested elsewhere, and so are the seed préfectures' motifs on the
    // bundled replica (capture.test.ts). On a replica drawn from the files, a motif reached by its address alone
    // walks the very same pages as any other of its platform: one of each is tried. A guichet's label and an index
    // link's text are the file's own words, which the walk must find on the page: every such motif is tried.
    const kind = (m: Motif) => `${m.platform} ${m.entry.by} ${'planning' in m && m.planning ? 'guichet' : ''}`;
    const byWords = (m: Motif) => m.entry.by === 'link' || ('planning' in m && m.planning !== undefined);
    const catalogue = targets
      .filter((t) => !SEED_TARGETS.includes(t.id))
      .flatMap((target) => target.motifs.map((motif) => ({ target, motif })));
    const motifs = catalogue.filter(
      ({ motif }, i) => byWords(motif) || catalogue.findIndex((other) => kind(other.motif) === kind(motif)) === i,
    );
    assert.ok(new Set(motifs.map(({ motif }) => motif.platform)).size >= 2, 'both platforms are walked');
    // Three at a time: the machine's two cores stay busy while one attempt waits for a page to settle.
    const seen: string[] = new Array(motifs.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < motifs.length; i = next++) {
        const { target, motif } = motifs[i]!;
        const result = await attempt(browser, motif, {
          timeoutMs: 30_000,
          deadline: Date.now() + 60_000,
          siteUrl: (url) => siteUrl(url, replica.origin),
        });
        const outcome = result.kind === 'captured' ? result.verdict.outcome : `${result.kind} ${result.reason}`;
        seen[i] = `${target.id}/${motif.id} → ${outcome}`;
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    const expected = motifs.map(
      ({ target, motif }) =>
        `${target.id}/${motif.id} → ${motif.platform === 'rdv-prefecture' ? 'captcha' : 'no-slot'}`,
    );
    assert.deepEqual(seen, expected);
  });

  it('passes npm run capture -- --target <file> --dry-run, with a screenshot per step', async () => {
    const file = join(TARGETS_DIR, 'essonne.yaml'); // both platforms
    const result = await runCli(['capture', '--target', file, '--dry-run', '--replica', replica.origin], {
      STP_TSA_URLS: 'off',
      STP_IP_ECHO_URL: 'off',
    });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /3 motifs : 3 capturés\./);
    const trial = /Essai terminé : tout est dans (.+)$/m.exec(result.stdout)?.[1];
    assert.ok(trial, result.stdout);
    const steps = await readdir(join(trial, 'etapes', 'essonne', 'aes-vie-professionnelle-evry', 'essai-1'));
    assert.ok(
      steps.some((name) => name.endsWith('.png')),
      steps.join(', '),
    );
  });
});
