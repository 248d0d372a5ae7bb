import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright';
import { TO_COMPLETE } from '../scraper/discover/found.ts';
import { exploreMotives } from '../scraper/discover/motives.ts';
import { targetYaml } from '../scraper/discover/yaml.ts';
import { attempt } from '../scraper/navigate/attempt.ts';
import { launchBrowser, siteUrl } from '../scraper/navigate/browser.ts';
import { EAPPOINTMENT_HOST, EAPPOINTMENT_START, EAPPOINTMENT_TEXTS } from '../scraper/replica/eappointment/site.ts';
import { startReplica, type Replica } from '../scraper/replica/server.ts';
import { parseTarget } from '../scraper/target/load.ts';
import type { Motif } from '../scraper/target/schema.ts';

const START = `https://${EAPPOINTMENT_HOST}${EAPPOINTMENT_START}`;
const FIXTURE = new URL('./fixtures/targets/bellerive.yaml', import.meta.url);

let replica: Replica;
let browser: Browser;
before(async () => {
  [replica, browser] = await Promise.all([startReplica(), launchBrowser()]);
});
after(async () => {
  await browser.close();
  await replica.close();
});

/** The replica's first motive answers no slot; the two others offer slots, unless told otherwise. */
function behaviours(overrides: Record<string, 'bad-gateway'> = {}): void {
  replica.reset();
  replica.setBehaviour(`${EAPPOINTMENT_HOST}/70`, 'slots');
  replica.setBehaviour(`${EAPPOINTMENT_HOST}/120`, 'slots');
  for (const [key, behaviour] of Object.entries(overrides))
    replica.setBehaviour(`${EAPPOINTMENT_HOST}/${key}`, behaviour);
}

async function capture(motif: Motif) {
  const result = await attempt(browser, motif, {
    timeoutMs: 10_000,
    deadline: Date.now() + 60_000,
    siteUrl: (url) => siteUrl(url, replica.origin),
  });
  assert.equal(result.kind, 'captured', result.kind === 'not-captured' ? result.reason : '');
  return result as Extract<typeof result, { kind: 'captured' }>;
}

const said = (result: Awaited<ReturnType<typeof capture>>) =>
  `${result.verdict.outcome} | ${result.verdict.rule} | ${result.verdict.quote ?? ''}`;

describe('eAppointment replica through a steps target file', () => {
  it('records the alert’s no-slot, the calendar, the hours and the image code, each where its steps stop', async () => {
    behaviours();
    const target = parseTarget(await readFile(FIXTURE, 'utf8'), 'bellerive.yaml');
    const results: Awaited<ReturnType<typeof capture>>[] = [];
    for (const motif of target.motifs) results.push(await capture(motif));
    assert.deepEqual(Object.fromEntries(target.motifs.map((m, i) => [m.id, said(results[i]!)])), {
      'retrait-titre': `no-slot | site-text-no-slot | ${EAPPOINTMENT_TEXTS.noSlot}`,
      'premiere-demande': 'slot-available | selectable-days | ',
      'premiere-demande-heures': 'slot-available | offered-hours | A 09:45',
      'renouvellement-coordonnees': `captcha | code-field-captcha | ${EAPPOINTMENT_TEXTS.code}`,
    });
    const [noSlot] = results;
    // the answer came in an alert, over the motive page that never says it
    assert.deepEqual(
      noSlot!.snapshot.dialogs.map((d) => [d.type, d.message]),
      [['alert', EAPPOINTMENT_TEXTS.noSlot]],
    );
    assert.doesNotMatch(noSlot!.snapshot.text, /Aucun rendez-vous/);
    assert.match(results[1]!.snapshot.url, /\/element\/jsp\/appointment\.jsp$/, 'the script navigation was followed');
    assert.ok(
      replica.requests.some((r) => r.method === 'POST' && r.path.endsWith('/AjaxMotive.motiveMultiSiteSubmit.dwr')),
      'the motives were sent by DWR',
    );
  });

  it('records the error page the script opens after « Continuer » as a site error', async () => {
    behaviours({ '20': 'bad-gateway' });
    const target = parseTarget(await readFile(FIXTURE, 'utf8'), 'bellerive.yaml');
    const result = await capture(target.motifs[0]!);
    assert.equal(said(result), 'site-error | gateway-error | 502 Bad Gateway');
    assert.deepEqual(result.snapshot.dialogs, []);
  });
});

describe('discover on an eAppointment page', () => {
  it('proposes one motif per motive checkbox, shows the alert’s words to copy, and the file captures as is once completed', async () => {
    behaviours();
    const log: string[] = [];
    const found = await exploreMotives(browser, START, {
      replica: replica.origin,
      timeoutMs: 10_000,
      log: (l) => log.push(l),
    });
    assert.deepEqual(
      found.map((f) => [f.choice, f.steps]),
      [
        ['Retrait de titre', [{ check: 'Retrait de titre' }, { click: 'Continuer' }]],
        [
          'Première demande de titre de séjour',
          [{ check: 'Première demande de titre de séjour' }, { click: 'Continuer' }],
        ],
        ['Renouvellement de titre de séjour', [{ check: 'Renouvellement de titre de séjour' }, { click: 'Continuer' }]],
      ],
    );
    assert.match(log[0]!, /3 motifs à cocher, bouton « Continuer »/);
    const text = targetYaml(
      { source: START, siteName: 'Préfecture de Bellerive', found },
      { date: '07/12/2026 à 05:00', day: '2026-12-07' },
      'bellerive',
    );
    assert.equal(text.match(/# Boîte de dialogue maintenant : « Aucun rendez-vous n'est possible/g)?.length, 1);
    // the alert's sentence is quoted as the no-slot text to confirm; the motives with slots leave it to a person
    assert.equal(
      text.match(/noSlot: \[Aucun rendez-vous n'est possible pour les motifs .*\] # à confirmer/g)?.length,
      1,
      text,
    );
    const completed = parseTarget(text.replaceAll(TO_COMPLETE, "Aucun rendez-vous n'est possible"), 'bellerive.yaml');
    // where each address comes from, and when: the page explored, the day of the discovery
    assert.deepEqual(new Set(completed.motifs.map((m) => `${m.source} ${m.seen}`)), new Set([`${START} 2026-12-07`]));
    assert.deepEqual(
      completed.motifs.map((m) => [m.id, m.entry]),
      [
        ['prise-rendez-vous-retrait-titre', { by: 'url', url: START }],
        ['prise-rendez-vous-premiere-demande-titre-sejour', { by: 'url', url: START }],
        ['prise-rendez-vous-renouvellement-titre-sejour', { by: 'url', url: START }],
      ],
    );
    const outcomes: string[] = [];
    for (const motif of completed.motifs) outcomes.push((await capture(motif)).verdict.outcome);
    assert.deepEqual(outcomes, ['no-slot', 'slot-available', 'slot-available']);
  });

  it('proposes nothing on a page without a group of motive checkboxes', async () => {
    const found = await exploreMotives(
      browser,
      'https://rendez-vous.prefecture-exemple.fr/rendez-vous/titre-de-sejour',
      {
        replica: replica.origin,
        timeoutMs: 10_000,
        log: () => {},
      },
    );
    assert.deepEqual(found, []);
  });
});
