/**
 * The person's own dossier: witness captures (records made by the project's generator, `mode: "witness"`) and journal
 * entries in one personal archive → the PDF, read back with pdftotext: every step, its checks' verdicts, the public
 * context, the attempts since a court order.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { writeCapture } from '../scraper/archive/write.ts';
import { generateArchive, syntheticPageText, syntheticRecord } from '../scraper/bench/archive-generator.ts';
import { runDossier } from '../scraper/commands/dossier.ts';
import { sha256Hex, thumbnail } from '../scraper/evidence/images.ts';
import { recordSchema, type EvidenceRecord } from '../scraper/evidence/record.ts';
import { addJournalEntry } from '../scraper/journal/store.ts';
import { personalChecks, type PersonalStep } from '../scraper/dossier/personal/checks.ts';
import type { Outcome } from '../scraper/outcome/outcomes.ts';
import { pdfTexts, squash } from './dossier-pdf.ts';
import { scratchFolders } from './helpers.ts';

const folder = scratchFolders();
const NO_TSA = { authorities: [], timeoutMs: 1000, rootDirs: [] as string[] };
const PERSONAL = {
  prefecture: 'personnel',
  prefectureName: 'Non précisée (capture personnelle)',
  motif: 'choisissez-votre-creneau-rdv-prefecture',
  motifLabel: 'Choisissez votre créneau - RDV Préfecture',
  platform: 'rdv-prefecture',
};
const ANEF = 'https://administration-etrangers-en-france.interieur.gouv.fr/particuliers/#/espace-personnel/';

/** A witness capture written by the archive writer, from the project's record generator. */
async function witness(archive: string, at: string, outcome: Outcome, url?: string): Promise<EvidenceRecord> {
  // One image per capture, so that each hash names one capture.
  const shade = Number(at.slice(8, 10)) * 8;
  const png = await sharp({ create: { width: 64, height: 40, channels: 3, background: { r: shade, g: 255, b: 255 } } })
    .png()
    .toBuffer();
  const thumb = await thumbnail(png);
  const image = { png, width: 64, height: 40, sha256: sha256Hex(png), thumbSha256: sha256Hex(thumb) };
  const record = recordSchema.parse({
    ...syntheticRecord(PERSONAL, at, outcome, image, 0),
    ...(url ? { url } : {}),
    mode: 'witness',
    assisted: true,
  });
  const text = Buffer.from(syntheticPageText(outcome));
  await writeCapture(archive, record, {
    image: png,
    thumbnail: thumb,
    text,
    record: Buffer.from(JSON.stringify(record)),
  });
  return record;
}

describe('npm run dossier -- --personnel', () => {
  let archive: string;
  let publicArchive: string;
  let captures: EvidenceRecord[];
  let mailSha: string;

  before(async () => {
    archive = await folder('stp-personal-');
    // Week 2026-W45 (2–8 November): three captures at three hours, the ANEF error, the e-mail, the call, the visit.
    captures = [
      await witness(archive, '2026-11-02T08:10:00Z', 'no-slot'),
      await witness(archive, '2026-11-03T12:20:00Z', 'site-error', ANEF),
      await witness(archive, '2026-11-05T17:40:00Z', 'no-slot'),
      // Weeks W46 and W47, after the order of 10 November.
      await witness(archive, '2026-11-12T07:05:00Z', 'no-slot'),
      await witness(archive, '2026-11-18T15:30:00Z', 'no-slot'),
    ];
    const mail = join(await folder('stp-mail-'), 'relance.pdf');
    await writeFile(mail, '%PDF-1.4 relance envoyée au bureau des étrangers');
    mailSha = sha256Hex('%PDF-1.4 relance envoyée au bureau des étrangers');
    const log = () => undefined;
    for (const step of [
      {
        kind: 'courriel',
        at: '2026-11-03T16:00:00Z',
        note: 'Relance au bureau des étrangers, sans réponse',
        files: [mail],
      },
      { kind: 'appel', at: '2026-11-04T09:15:00Z', note: 'Centre de contact ANTS : rappeler plus tard', files: [] },
      { kind: 'visite', at: '2026-11-06T10:00:00Z', note: 'Point d’accueil numérique de la préfecture', files: [] },
    ] as const)
      await addJournalEntry(archive, { ...step, files: [...step.files] }, NO_TSA, log);
    publicArchive = await folder('stp-public-');
    await generateArchive(publicArchive, { captures: 40, from: '2026-11-02T06:00:00Z', everyHours: 36, seed: 3 });
  });

  async function dossier(...more: string[]): Promise<string> {
    const out = join(await folder('stp-out-'), 'mon-dossier.pdf');
    assert.equal(await runDossier(['--personnel', '--archive', archive, '--out', out, ...more]), 0);
    return squash((await pdfTexts(out)).join(' '));
  }

  it('lists every capture and journal entry with its date, note and file hash; three weeks meet n° 435594', async (t) => {
    t.mock.method(console, 'log', () => undefined);
    const text = await dossier('--to', '2026-11-30');
    for (const record of captures) assert.ok(text.includes(`SHA-256 ${record.sha256}`), record.id);
    for (const line of [
      'mar. 03/11/2026 17:00:00 (heure déclarée) — Courriel envoyé',
      'Note de la personne : Relance au bureau des étrangers, sans réponse',
      'Fichier : relance.pdf',
      `SHA-256 ${mailSha}`,
      'mer. 04/11/2026 10:15:00 (heure déclarée) — Appel téléphonique',
      'ven. 06/11/2026 11:00:00 (heure déclarée) — Visite sur place',
      'lun. 02/11/2026 09:10:00 — Capture témoin : Aucun créneau',
      'mar. 03/11/2026 13:20:00 — Capture témoin sur le site ANEF : erreur du site ANEF (pas une absence de créneau)',
    ])
      assert.ok(text.includes(line), line);
    assert.match(
      text,
      /Tentatives sur au moins 3 semaines différentes : fait 5 tentatives sur 3 semaines ISO \(2026-W45, 2026-W46, 2026-W47\).*n° 435594\) ; l’exigence de cette décision est remplie/,
    );
    assert.match(text, /Relance écrite à la préfecture : fait/);
    assert.match(
      text,
      /centre de contact ANTS, puis point d’accueil numérique : fait erreur ANEF le 03\/11\/2026, centre de contact le 04\/11\/2026, point d’accueil numérique le 06\/11\/2026/,
    );
    assert.match(text, /Urgence présumée pour un renouvellement : à vérifier/);
    assert.doesNotMatch(text, /Contexte : archive publique|Depuis l’ordonnance/);
  });

  it('one week only: says it falls short of n° 435594', async (t) => {
    t.mock.method(console, 'log', () => undefined);
    const text = await dossier('--from', '2026-11-01', '--to', '2026-11-08');
    assert.match(
      text,
      /Tentatives sur au moins 3 semaines différentes : manque 3 tentatives sur 1 semaine ISO \(2026-W45\) : toutes la même semaine.*n° 435594\) ; le dossier n’y satisfait pas/,
    );
    assert.ok(!text.includes(captures[3]!.sha256), 'a capture after --to is left out');
  });

  it('--public adds the public archive as third-party context; --since-order counts only the later attempts', async (t) => {
    t.mock.method(console, 'log', () => undefined);
    const text = await dossier(
      ...['--to', '2026-11-30', '--since-order', '2026-11-10'],
      ...['--public', publicArchive, '--target', 'paris', '--motif', 'aes-vpf-charcot'],
    );
    assert.match(text, /4\. Contexte : archive publique \(pièces de tiers\)/);
    assert.match(text, /faites par d’autres .* elles ne remplacent pas les tentatives de la personne/);
    assert.match(text, /1\d captures sur 1\d jours et 3 semaines ISO/);
    assert.match(text, /paris\/aes-vpf-charcot\/2026-11-0\dT/);
    assert.match(
      text,
      /Depuis l’ordonnance du 10\/11\/2026 : fait 2 tentatives depuis cette date, sur 2 semaines, dont 2 sans rendez-vous/,
    );
    assert.match(text, /Pièces de cette période : n° 7 \(12\/11\/2026 08:05\), n° 8 \(18\/11\/2026 16:30\)\./);
  });

  it('says « à vérifier » for two weeks, and puts first a capture that showed slots', () => {
    const step = (at: string, outcome: Outcome): PersonalStep => ({
      kind: 'capture',
      at,
      what: '',
      note: '',
      files: [],
      timestamps: [],
      outcome,
      anef: false,
      source: '',
      altered: [],
    });
    const checks = personalChecks([
      step('2026-11-02T08:00:00Z', 'no-slot'),
      step('2026-11-10T16:00:00Z', 'slot-available'),
    ]);
    assert.deepEqual(
      checks.slice(0, 2).map((c) => [c.point, c.verdict]),
      [
        ['Créneaux proposés lors d’une tentative', 'à vérifier'],
        ['Tentatives sur au moins 3 semaines différentes', 'à vérifier'],
      ],
    );
    assert.match(checks[0]!.text, /^1 capture montre des créneaux disponibles \(10\/11\/2026\)/);
    // A step whose files changed is listed, never counted.
    const altered = { ...step('2026-11-17T09:00:00Z', 'no-slot'), altered: ['x.png'] };
    assert.match(
      personalChecks([altered]).find((c) => c.point.startsWith('Tentatives sur'))!.text,
      /^Aucune tentative/,
    );
  });
});
