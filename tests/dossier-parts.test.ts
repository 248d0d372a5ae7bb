/** The pure parts of the dossier: printable text, page images, selection and figures, the site's index and form. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { benchDossier } from '../scraper/bench/dossier.ts';
import { toDossierRecord, type DossierRecord } from '../scraper/dossier/entry.ts';
import { dossierForm } from '../site/render/dossier-form.ts';
import { drawEmbedded, embedPng, passThroughPng } from '../scraper/dossier/image.ts';
import { addPage, createKit } from '../scraper/dossier/pdf.ts';
import { parseDay, parseOutcomes, parsePeriod, selectRecords, type Criteria } from '../scraper/dossier/select.ts';
import { DossierIndexFiles, toIndexEntry } from '../site/pipeline/dossier-index.ts';
import { normRows } from '../scraper/dossier/criteria.ts';
import { protectionLines } from '../scraper/dossier/notes.ts';
import {
  capturePageUrl,
  dossierIndexPath,
  imageUrl,
  readIndex,
  recordsFromIndex,
} from '../scraper/dossier/site-records.ts';
import { pagesUrl, publicSiteUrl } from '../scraper/dossier/site-url.ts';
import { summarize, weekKey } from '../scraper/dossier/summary.ts';
import { charsetOf, printable, wrap } from '../scraper/dossier/text.ts';
import type { EvidenceRecord } from '../scraper/evidence/record.ts';
import { OUTCOME_LABELS } from '../scraper/outcome/outcomes.ts';
import { loadTarget } from '../scraper/target/load.ts';
import { generateArchive } from '../scraper/bench/archive-generator.ts';
import { tempDir } from './helpers.ts';

const run = promisify(execFile);

describe('dossier: text for the standard fonts', () => {
  let charset: Set<number>;
  before(async () => {
    charset = charsetOf(await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica));
  });
  const cases: [string, string][] = [
    ['é è à ç ù â ê î ô û ë ï œ É À Ç', 'é è à ç ù â ê î ô û ë ï œ É À Ç'],
    ['« étudiant » — l’accès… 3 × 4, n° 448178', '« étudiant » — l’accès… 3 × 4, n° 448178'],
    ['1\u202f234 et 5\u2009%', '1\u00a0234 et 5 %'],
    ['≥ 3 semaines → voir', '>= 3 semaines -> voir'],
    ['Łódź Đuro ǅ', 'Lódz Duro ?'],
    ['Мосва', '?????'],
    ['ligne\nsuivante\ttab', 'ligne suivante tab'],
  ];
  for (const [input, expected] of cases) {
    it(`prints « ${input.replace(/\s/g, ' ')} » as « ${expected.replace(/\s/g, ' ')} »`, () => {
      assert.equal(printable(input, charset), expected);
    });
  }
  it('can draw every character of the target files, the outcome labels and the banner', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const labels = [
      ...(await loadTarget('paris')).target.motifs,
      ...(await loadTarget('seine-saint-denis')).target.motifs,
    ].map((m) => m.label);
    for (const text of [
      ...labels,
      ...Object.values(OUTCOME_LABELS),
      'SHA-256 de l’image',
      'Préfecture de la Seine-Saint-Denis (Bobigny)',
    ]) {
      assert.equal(printable(text, charset), text.normalize('NFC'), 'nothing replaced');
      assert.doesNotThrow(() => font.encodeText(printable(text, charset)));
    }
  });
});

describe('dossier: page images', () => {
  it('puts RGB and grey PNGs in unchanged, decodes RGBA ones, and the PDF gives back the same pixels', async () => {
    const dir = await tempDir('stp-dossier-png-');
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><rect width="100%" height="100%" fill="#fff"/><rect width="300" height="40" fill="#000091"/><text x="10" y="120" font-size="24">Aucun créneau</text></svg>',
    );
    const pngs = {
      rgb: await sharp(svg).flatten({ background: '#fff' }).png().toBuffer(),
      grey: await sharp(svg).flatten({ background: '#fff' }).toColourspace('b-w').png().toBuffer(),
      rgba: await sharp(svg).png().toBuffer(),
    };
    assert.equal(passThroughPng(pngs.rgb)?.colors, 3);
    assert.equal(passThroughPng(pngs.grey)?.colors, 1);
    assert.equal(passThroughPng(pngs.rgba), null);
    const kit = await createKit({ title: 't', subject: 's', generatedAt: '2026-01-01T00:00:00Z' });
    for (const png of Object.values(pngs))
      drawEmbedded(addPage(kit), await embedPng(kit, png), { x: 50, y: 400, width: 300, height: 200 });
    const file = join(dir, 'images.pdf');
    await writeFile(file, await kit.doc.save());
    await run('pdfimages', ['-png', file, join(dir, 'out')]);
    const out = (await readdir(dir)).filter((n) => n.startsWith('out-')).sort();
    for (const [i, png] of [pngs.rgb, pngs.grey].entries()) {
      const [a, b] = await Promise.all([sharp(png).raw().toBuffer(), sharp(join(dir, out[i]!)).raw().toBuffer()]);
      assert.ok(a.equals(b), `image ${i}: same pixels`);
    }
  });
  it('wraps long values without losing a character', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Courier);
    const hash = 'f'.repeat(64);
    const lines = wrap(`SHA-256 ${hash}`, font, 10, 200);
    assert.ok(lines.every((l) => font.widthOfTextAtSize(l, 10) <= 200));
    assert.equal(lines.join('').replace(' ', ''), `SHA-256${hash}`);
  });
});

describe('dossier: choosing the captures', () => {
  const base = {
    prefecture: 'paris',
    prefectureName: 'P',
    motif: 'm',
    motifLabel: 'M',
    url: 'https://x/',
    assisted: false,
    sha256: 'a'.repeat(64),
    outcome: 'no-slot' as const,
  };
  const at = (id: string, capturedAt: string, outcome: EvidenceRecord['outcome'] = 'no-slot') => ({
    ...base,
    id,
    capturedAt,
    outcome,
  });
  const records = [
    at('late-sunday-utc', '2026-01-04T23:30:00Z'), // Paris: Monday 5 January 00:30
    at('monday-morning', '2026-01-05T08:00:00Z', 'site-error'),
    // The robot's network failed: it shows nothing of the préfecture, and no dossier holds it.
    at('monday-unreached', '2026-01-05T11:00:00Z', 'runner-network'),
    at('monday-evening', '2026-01-05T19:00:00Z'),
    at('tuesday', '2026-01-06T12:00:00Z'),
    at('next-week', '2026-01-12T12:00:00Z'),
    { ...at('other-motif', '2026-01-05T12:00:00Z'), motif: 'other' },
  ];
  const criteria: Criteria = {
    prefecture: 'paris',
    motif: 'm',
    from: '2026-01-05',
    to: '2026-01-06',
    onePerDay: false,
    outcomes: null,
  };
  const ids = (c: Partial<Criteria>) => selectRecords(records, { ...criteria, ...c }).records.map((r) => r.id);

  it('takes Paris days, both ends included, of the one motif, oldest first', () => {
    assert.deepEqual(ids({}), ['late-sunday-utc', 'monday-morning', 'monday-evening', 'tuesday']);
  });
  it('never takes a capture that could not reach the site, even when asked for it', () => {
    assert.ok(!ids({}).includes('monday-unreached'));
    assert.throws(() => ids({ outcomes: ['runner-network'] }), { message: /^Aucune capture de paris\/m/ });
    assert.throws(() => parseOutcomes('runner-network', '--outcomes'), {
      message: /^--outcomes : résultat inconnu « runner-network »/,
    });
  });
  it('keeps the first capture of each day with one per day', () => {
    assert.deepEqual(ids({ onePerDay: true }), ['late-sunday-utc', 'tuesday']);
  });
  it('keeps only the chosen outcomes, before picking one per day', () => {
    assert.deepEqual(ids({ outcomes: ['site-error'] }), ['monday-morning']);
    assert.deepEqual(ids({ outcomes: ['no-slot'], onePerDay: true }), ['late-sunday-utc', 'tuesday']);
  });
  it('says which filter left nothing', () => {
    assert.throws(() => ids({ from: '2026-02-01', to: '2026-02-02' }), {
      message: /^Aucune capture de paris\/m du 1er février 2026 au 2 février 2026/,
    });
    assert.throws(() => ids({ outcomes: ['captcha'] }), {
      message:
        /avec les résultats demandés \(Captcha avant la page des créneaux \(non résolu\)\) ; la période compte 4 captures d’autres résultats/,
    });
  });
  it('counts distinct days, ISO weeks, hours and the weekday × hour table in Paris time', () => {
    const s = summarize(selectRecords(records, { ...criteria, to: '2026-01-12' }).records);
    assert.equal(s.attempts, 5);
    assert.deepEqual(s.days, ['2026-01-05', '2026-01-06', '2026-01-12']);
    assert.deepEqual(s.weeks, ['2026-W02', '2026-W03']);
    assert.equal(s.fewWeeks, true);
    assert.deepEqual([s.earliest.time, s.latest.time], ['00:30', '20:00']);
    assert.equal(s.grid[0]![0], 1, 'Monday 00:30 Paris');
    assert.equal(s.grid[0]![13], 1, 'Monday 12:00 UTC → 13 h Paris');
    assert.deepEqual(s.outcomes, [
      { outcome: 'no-slot', count: 4 },
      { outcome: 'site-error', count: 1 },
    ]);
  });
  it('counts ISO weeks across a year end (31 December 2026 is in week 53)', () => {
    const s = summarize([at('a', '2026-12-31T12:00:00Z'), at('b', '2027-01-04T12:00:00Z')]);
    assert.deepEqual(s.weeks, ['2026-W53', '2027-W01']);
    // Weeks change at midnight in Paris, not in UTC.
    assert.equal(weekKey('2027-01-03T22:30:00Z'), '2026-W53', 'Sunday 23:30 in Paris');
    assert.equal(weekKey('2027-01-03T23:30:00Z'), '2027-W01', 'Monday 00:30 in Paris');
  });

  const bad: [string, () => unknown, RegExp][] = [
    ['a missing date', () => parseDay(undefined, '--from'), /^--from manque : donnez une date au format AAAA-MM-JJ/],
    [
      'a date that does not exist',
      () => parseDay('2026-02-30', '--to'),
      /^--to : « 2026-02-30 » n’est pas une date valide\. Donnez-la au format AAAA-MM-JJ/,
    ],
    ['a French-style date', () => parseDay('05/01/2026', '--from'), /n’est pas une date valide/],
    [
      'inverted dates',
      () => parsePeriod('2026-03-01', '2026-02-01', { from: '--from', to: '--to' }),
      /^Période inversée : le début \(--from 2026-03-01\) est après la fin \(--to 2026-02-01\)/,
    ],
    [
      'an unknown outcome',
      () => parseOutcomes('no-slot,rien', '--outcomes'),
      /^--outcomes : résultat inconnu « rien »\. Résultats possibles : no-slot \(Aucun créneau disponible\)/,
    ],
  ];
  for (const [what, call, message] of bad)
    it(`refuses ${what} with a French message`, () => assert.throws(call, { message }));
});

describe('dossier: public site, its index and the form', () => {
  it('finds the public site from --site-url, STP_SITE_URL, then GITHUB_REPOSITORY', () => {
    assert.equal(publicSiteUrl('https://a.example/x', {}), 'https://a.example/x/');
    assert.equal(
      publicSiteUrl(undefined, { STP_SITE_URL: 'https://b.example/', GITHUB_REPOSITORY: 'o/r' }),
      'https://b.example/',
    );
    assert.equal(
      publicSiteUrl(undefined, { GITHUB_REPOSITORY: 'Asso/screen-ta-prefecture' }),
      'https://asso.github.io/screen-ta-prefecture/',
    );
    assert.equal(pagesUrl('asso/asso.github.io'), 'https://asso.github.io/');
    assert.equal(publicSiteUrl(undefined, {}), null);
    assert.throws(() => publicSiteUrl('ftp://x', {}), /Adresse du site public invalide : « ftp:\/\/x »/);
  });
  it('publishes each motif’s captures in a small gzip index that the browser reads back as dossier records', async () => {
    const out = await tempDir('stp-dossier-index-');
    const records = await generateArchive(join(out, 'archive'), { captures: 6, seed: 5 });
    const files = new DossierIndexFiles((r: DossierRecord) => r);
    // The run's timestamps as the site reads them from the archive (the reply's path is not published).
    const stampsOf = (r: (typeof records)[number]) =>
      records.indexOf(r) % 2 ? [{ authority: 'tsa.example', genTime: r.capturedAt, reply: 'manifests/x.tsr' }] : [];
    for (const [i, record] of records.entries())
      files.add(toDossierRecord(record), { image: i !== 0, page: i > 3 }, stampsOf(record));
    const written = await files.write(join(out, 'site'));
    assert.deepEqual(written.files.sort(), [
      'donnees/dossier/paris/aes-travail-truffaut.json.gz',
      'donnees/dossier/paris/aes-vpf-charcot.json.gz',
      'donnees/dossier/seine-saint-denis/aes-le-raincy.json.gz',
    ]);
    const bytes = await readFile(join(out, 'site', dossierIndexPath('paris', 'aes-vpf-charcot')));
    assert.deepEqual(
      [...bytes.subarray(0, 2)],
      [0x1f, 0x8b],
      'gzip, as GitHub Pages serves it: raw bytes, no Content-Encoding',
    );
    const json = JSON.parse(gunzipSync(bytes).toString('utf8'));
    assert.deepEqual(await readIndex(new Uint8Array(bytes)), json);
    assert.deepEqual(
      await readIndex(new TextEncoder().encode(JSON.stringify(json))),
      json,
      'a server that unpacked it (Content-Encoding: gzip) hands over JSON',
    );
    assert.equal(
      written.bytes,
      (await Promise.all(written.files.map((f) => readFile(join(out, 'site', f))))).reduce(
        (sum, b) => sum + b.length,
        0,
      ),
    );
    const read = recordsFromIndex(json, 'paris', 'aes-vpf-charcot');
    const expected = records
      .filter((r) => r.motif === 'aes-vpf-charcot')
      .map((r) => ({
        ...toDossierRecord(r),
        imagePublished: r !== records[0],
        pagePublished: records.indexOf(r) > 3,
        ...(stampsOf(r).length ? { timestamps: [{ authority: 'tsa.example', genTime: r.capturedAt }] } : {}),
      }));
    assert.deepEqual(read, expected);
    assert.ok(read.some((r) => r.timestamps) && !JSON.stringify(json).includes('.tsr'));
    const badStamp = { ...json.captures[0], timestamps: [{ authority: 'tsa.example', genTime: 'hier' }] };
    assert.equal(recordsFromIndex({ captures: [badStamp] }, 'paris', 'aes-vpf-charcot')[0]!.timestamps, undefined);
    // A reply that failed the check reaches the browser as its authority and why, never with a time it could trust.
    const unchecked = [{ authority: 'a', unverified: 'signature invalide' }];
    assert.deepEqual(
      toIndexEntry(toDossierRecord(records[0]!), { image: true, page: true }, unchecked).timestamps,
      unchecked,
    );
    const claimed = [...unchecked, { authority: 'b', genTime: json.captures[0].capturedAt, unverified: 'forgée' }];
    const mixed = recordsFromIndex(
      { captures: [{ ...json.captures[0], timestamps: claimed }] },
      'paris',
      'aes-vpf-charcot',
    )[0]!;
    assert.deepEqual(mixed.timestamps, [...unchecked, { authority: 'b', unverified: 'forgée' }]);
    const clock = normRows([mixed]).find((row) => row.asked.startsWith('Heure exacte'))!;
    assert.match(clock.held, /horodatage RFC 3161 vérifié, par une autorité indépendante : 0 capture sur 1/);
    assert.match(
      protectionLines([mixed])[1]!,
      /aucune capture .* d’horodatage vérifié .*la capture en a un qui n’a pas passé/,
    );
    assert.equal(read[0]!.provenance!.machine, 'GitHub Actions, GitHub Actions 1 (linux)');
    assert.throws(
      () => recordsFromIndex({ captures: [{ ...json.captures[0], sha256: 'x' }] }, 'paris', 'aes-vpf-charcot'),
      { message: /index des captures du site est incomplet pour paris\/aes-vpf-charcot\// },
    );
    assert.throws(() => recordsFromIndex([], 'paris', 'aes-vpf-charcot'), {
      message: /index des captures du site est illisible/,
    });
    await assert.rejects(readIndex(new TextEncoder().encode('<html>')), {
      message: /index des captures du site est illisible \(JSON invalide\)/,
    });
  });
  it('keeps, through the published index, what a witness capture, page dates, a masked captcha and a cut page say', async () => {
    const out = await tempDir('stp-dossier-index-notes-');
    const [first] = await generateArchive(join(out, 'archive'), { captures: 1, seed: 7 });
    const record: EvidenceRecord = {
      ...first!,
      mode: 'witness',
      evidence: {
        ...first!.evidence,
        facts: {
          nextAvailability: '2027-01-12',
          lastPublication: { at: '2026-05-04T11:58:00+02:00', week: '2026-05-18' },
        },
        masked: ['img#captchaFR_CaptchaImage'],
        truncated: { height: 40_000 },
      },
    };
    const files = new DossierIndexFiles((r: DossierRecord) => r);
    files.add(toDossierRecord(record), { image: true, page: true }, []);
    await files.write(join(out, 'site'));
    const bytes = await readFile(join(out, 'site', dossierIndexPath(record.prefecture, record.motif)));
    const [read] = recordsFromIndex(JSON.parse(gunzipSync(bytes).toString('utf8')), record.prefecture, record.motif);
    assert.deepEqual(read, { ...toDossierRecord(record), imagePublished: true, pagePublished: true });
    assert.equal(read!.mode, 'witness');
    assert.deepEqual(read!.evidence, { masked: ['img#captchaFR_CaptchaImage'], truncated: { height: 40_000 } });
  });
  it('builds image and capture page addresses with the site’s own scheme', () => {
    const record = { id: 'paris/m/2026-01-05T06-00-00Z', sha256: 'b'.repeat(64) };
    assert.equal(imageUrl('https://s.example/site/', record), `https://s.example/site/img/${'b'.repeat(64)}.png`);
    assert.equal(
      capturePageUrl('https://s.example/site/', record),
      'https://s.example/site/paris/m/2026-01-05T06-00-00Z.html',
    );
  });
  it('writes an escaped form, hidden until the script runs, with the command line for no JavaScript', () => {
    const html = dossierForm({
      prefecture: 'paris',
      motif: 'aes',
      siteRoot: '../../',
      siteUrl: 'https://x.example/?a="b"&c',
      repository: 'o/r',
      firstDay: '2026-01-05',
      lastDay: '2026-03-31',
    }).text;
    assert.match(html, /data-site-url="https:\/\/x\.example\/\?a=&quot;b&quot;&amp;c"/);
    assert.match(html, /data-index="donnees\/dossier\/paris\/aes\.json\.gz"/);
    assert.match(html, /<form class="dossier-form" data-dossier [^>]* hidden>/);
    assert.match(html, /<input type="date" name="from" value="2026-01-05" min="2026-01-05" max="2026-03-31" required>/);
    assert.match(
      html,
      /<noscript>[\s\S]*npm run dossier -- --target paris --motif aes --from 2026-01-05 --to 2026-03-31 --archive archive[\s\S]*<\/noscript>/,
    );
    // The site's script loads the bundle when the form is first used: no <script> of its own.
    assert.match(html, / data-script="\.\.\/\.\.\/assets\/dossier\.js"/);
    assert.doesNotMatch(html, /<script/);
  });
});

describe('dossier benchmark', () => {
  it('builds a dossier from a generated archive and says how many captures, how long and how big', async () => {
    const result = await benchDossier({ days: 3, distinctImages: true });
    assert.equal(result.captures, 12);
    assert.ok(result.ms > 0 && result.bytes > 12 * 50_000, JSON.stringify(result));
  });
});
