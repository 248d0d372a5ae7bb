// The dates a slot page gives, from the page to the judge: an RDV Préfecture page showing « Prochaine disponibilité le
// 12/01/2027 » is captured as slot-available with that date in the record, on the capture's page of the site and in the
// dossier's table. And records made before these fields still read.

import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import { captureJobs } from '../scraper/capture/run.ts';
import { captureFiles } from '../scraper/archive/paths.ts';
import { parseRecord } from '../scraper/archive/read-record.ts';
import { archiveImageLoader, imagePath, readMotifRecords } from '../scraper/dossier/archive-source.ts';
import { buildDossier } from '../scraper/dossier/build.ts';
import type { EvidenceRecord } from '../scraper/evidence/record.ts';
import { parisTime } from '../scraper/evidence/time.ts';
import { startReplica, type Replica } from '../scraper/replica/server.ts';
import { parseTarget } from '../scraper/target/load.ts';
import { capturePage } from '../site/render/capture.ts';
import { pdfTexts, squash } from './dossier-pdf.ts';
import { tempDir } from './helpers.ts';

process.env.STP_IP_ECHO_URL = 'off';

const target = parseTarget(
  `id: creteil
name: Préfecture du Val-de-Marne
motifs:
  - id: titre
    label: Titre de séjour - Créteil
    platform: rdv-prefecture
    url: https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/16040/
`,
  'creteil.yaml',
);

/** The person of an assisted run, played by the test: the bot never solves a captcha itself. */
async function person(page: Page): Promise<boolean> {
  await page.locator('#captchaFormulaireExtInput').fill('K7M2QX');
  await Promise.all([page.waitForURL(/creneau/), page.getByRole('button', { name: 'Suivant' }).click()]);
  return true;
}

let replica: Replica;
let archive: string;
let record: EvidenceRecord;
before(async () => {
  replica = await startReplica({ behaviours: { 'www.rdv-prefecture.interieur.gouv.fr/16040': 'next-availability' } });
  archive = await tempDir('stp-facts-');
  const summary = await captureJobs(
    target.motifs.map((motif) => ({ target, motif })),
    { archive, replica: replica.origin, log: () => {}, sleep: async () => {}, solveCaptcha: person },
  );
  const result = summary.results[0];
  assert.ok(result?.captured, result && !result.captured ? result.reason : 'no result');
  record = result.record;
});
after(() => replica.close());

describe('facts read from the page', () => {
  it('records « Prochaine disponibilité le 12/01/2027 » as slot-available with nextAvailability 2027-01-12', () => {
    assert.equal(record.outcome, 'slot-available');
    assert.equal(record.evidence.rule, 'rdv-next-availability');
    assert.equal(record.evidence.matchedText, 'Prochaine disponibilité le 12/01/2027');
    assert.equal(record.evidence.quote, 'Prochaine disponibilité le 12/01/2027');
    assert.equal(record.evidence.description, 'prochaine disponibilité annoncée par la page');
    assert.deepEqual(record.evidence.facts, { nextAvailability: '2027-01-12' });
  });

  it('shows the date on the capture’s page of the site, with the rule that decided', () => {
    const html = capturePage({ record, newer: null }, { repository: null }).join('');
    assert.match(html, /<dt>Prochaine disponibilité annoncée<\/dt><dd>le 12\/01\/2027<\/dd>/);
    assert.match(html, /<code>rdv-next-availability<\/code>/);
  });

  it('shows the date in the dossier’s table of attempts', async () => {
    const day = parisTime(record.capturedAt).format('YYYY-MM-DD');
    const { records } = await readMotifRecords(archive, 'creteil', 'titre', day, day);
    assert.deepEqual(records[0]?.facts, { nextAvailability: '2027-01-12' });
    const dossier = await buildDossier({
      records,
      criteria: { prefecture: 'creteil', motif: 'titre', from: day, to: day, onePerDay: false, outcomes: null },
      loadImage: archiveImageLoader(archive),
      imageLocation: imagePath,
      siteUrl: null,
      repository: null,
      generatedAt: record.capturedAt,
    });
    const file = join(archive, 'dossier.pdf');
    await writeFile(file, dossier.pdf);
    const table = (await pdfTexts(file)).map(squash).find((t) => t.trim().startsWith('3. Tableau des tentatives'));
    assert.match(table ?? '', /Créneau disponible (\* )?dispo\. le 12\/01\/2027/);
  });

  it('still reads a record made before rule, facts and signals existed', async () => {
    const text = await readFile(join(archive, captureFiles(record).record), 'utf8');
    const old = JSON.parse(text) as { evidence: Record<string, unknown> };
    delete old.evidence.rule;
    delete old.evidence.facts;
    delete old.evidence.signals;
    const reading = parseRecord(JSON.stringify(old));
    assert.ok(reading.record, reading.problems?.join(' ; '));
    const html = capturePage({ record: reading.record, newer: null }, { repository: null });
    assert.doesNotMatch(html.join(''), /Dates lues sur la page/);
  });

  it('lists the page’s words of each signal when the signals contradict, never the text of older signals', () => {
    const contradiction: EvidenceRecord = {
      ...record,
      outcome: 'unrecognized',
      evidence: {
        ...record.evidence,
        rule: 'contradiction',
        description: 'signaux contradictoires : …',
        quote: undefined,
        signals: [
          {
            rule: 'rdv-next-availability',
            outcome: 'slot-available',
            description: 'prochaine',
            quote: 'Prochaine disponibilité le 12/01/2027',
          },
          { rule: 'rdv-critere-empty', outcome: 'no-slot', description: 'état embarqué vide' },
          { rule: 'captcha', outcome: 'captcha', text: 'captcha : .g-recaptcha' },
        ],
      },
    };
    const html = capturePage({ record: contradiction, newer: null }, { repository: null }).join('');
    assert.ok(html.includes('<li><q>Prochaine disponibilité le 12/01/2027</q> (prochaine)</li></ul>'));
    assert.equal(html.match(/<q>/g)?.length, 1, 'one quotation: the signal that has page words');
    assert.ok(!html.includes('.g-recaptcha') && !html.includes('état embarqué vide'));
  });

  it('quotes an older record’s matched text only when the page text kept beside it holds it', async () => {
    const text = await readFile(join(archive, captureFiles(record).text), 'utf8');
    const old = (matchedText: string) => {
      const { description: _d, quote: _q, ...evidence } = record.evidence;
      return { ...record, evidence: { ...evidence, matchedText } };
    };
    const shown = (r: EvidenceRecord, pageText: string | null) =>
      capturePage({ record: r, text: pageText, newer: null }, { repository: null }).join('');
    const onPage = shown(old('Prochaine disponibilité le 12/01/2027'), text);
    assert.match(onPage, /<q>Prochaine disponibilité le 12\/01\/2027<\/q>/);
    assert.match(onPage, /alt="[^"]*: « Prochaine disponibilité le 12\/01\/2027 »"/);
    assert.match(onPage, /<dd>prochaine disponibilité annoncée par la page<\/dd>/, 'its rule describes it');
    // The tool's words of older records, and page text that cannot be checked, are shown unquoted.
    for (const page of [shown(old('HTTP 403 403 Forbidden'), text), shown(old(record.evidence.quote!), null)]) {
      assert.doesNotMatch(page, /<q>|« (HTTP|Prochaine)/);
      assert.match(page, /<dt>Ce que le robot a constaté<\/dt><dd>(HTTP 403 403 Forbidden|Prochaine disponibilité)/);
    }
  });
});
