/** The `dossier` command on generated archives and on real replica captures, read back with poppler-utils. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { captureFiles } from '../scraper/archive/paths.ts';
import { captureJobs } from '../scraper/capture/run.ts';
import { archiveImageLoader, imagePath, readMotifRecords } from '../scraper/dossier/archive-source.ts';
import { buildDossier, type DossierInput } from '../scraper/dossier/build.ts';
import { passThroughPng } from '../scraper/dossier/image.ts';
import type { EvidenceRecord } from '../scraper/evidence/record.ts';
import { parisTime } from '../scraper/evidence/time.ts';
import { loadTarget } from '../scraper/target/load.ts';
import { generateArchive } from '../scraper/bench/archive-generator.ts';
import { checkDossier, pdfTexts, squash } from './dossier-pdf.ts';
import { runCli, tempDir } from './helpers.ts';
import { startReplica } from '../scraper/replica/server.ts';

process.env.STP_IP_ECHO_URL = 'off';
const run = promisify(execFile);
const SITE = 'https://exemple.github.io/screen-ta-prefecture/';
const CHARCOT =
  'Demande d’admission exceptionnelle au séjour au titre de la situation personnelle et familiale (CRE Charcot)';

/** Renders pages to PNG with pdftoppm; returns the files. */
async function render(file: string, first: number, last: number): Promise<string[]> {
  const prefix = file.replace(/\.pdf$/, '');
  await run('pdftoppm', ['-r', '60', '-png', '-f', String(first), '-l', String(last), file, prefix]);
  const dir = prefix.slice(0, prefix.lastIndexOf('/'));
  return (await readdir(dir))
    .filter((n) => n.endsWith('.png') && n.startsWith(prefix.slice(dir.length + 1)))
    .map((n) => join(dir, n));
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

describe('dossier command on a generated archive', () => {
  let archive: string;
  let records: EvidenceRecord[];
  const charcot = () => records.filter((r) => r.motif === 'aes-vpf-charcot');
  const inDays = (from: string, to: string) =>
    charcot().filter(
      (r) => parisTime(r.capturedAt).format('YYYY-MM-DD') >= from && parisTime(r.capturedAt).format('YYYY-MM-DD') <= to,
    );
  const env = { STP_SITE_URL: SITE, GITHUB_REPOSITORY: 'exemple/screen-ta-prefecture' };
  const dossier = (out: string, ...more: string[]) =>
    runCli(
      ['dossier', '--target', 'paris', '--motif', 'aes-vpf-charcot', '--archive', archive, '--out', out, ...more],
      env,
    );

  before(async () => {
    archive = await tempDir('stp-dossier-');
    // 3 motifs, 4 captures a day each, from Monday 5 January 2026 for 4 weeks.
    records = await generateArchive(archive, {
      captures: 3 * 4 * 28,
      from: '2026-01-05T05:00:00Z',
      everyHours: 6,
      seed: 7,
    });
  });

  it('writes cover, summary, notes, table and one page per capture, with the figures, accents and hashes', async () => {
    const out = join(archive, 'out', 'trois-semaines.pdf');
    const result = await dossier(out, '--from', '2026-01-05', '--to', '2026-01-25');
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /Dossier écrit : .*trois-semaines\.pdf\n {2}\d+ pages, [\d,]+ (ko|Mo) ; \d+ captures sur 21 jours et 3 semaines distinctes/,
    );
    const expected = inDays('2026-01-05', '2026-01-25');
    const texts = await checkDossier(out, expected);
    const cover = squash(texts[0]!);
    assert.ok(cover.includes('Préfecture Préfecture de police de Paris'));
    assert.ok(cover.includes(`Démarche ${CHARCOT}`), cover);
    assert.ok(cover.includes('Période du 5 janvier 2026 au 25 janvier 2026 inclus (heure de Paris)'));
    assert.ok(cover.includes(`Archive publique ${SITE}`));
    const summary = squash(texts[1]!);
    assert.ok(summary.includes('Jours distincts 21'));
    assert.ok(summary.includes('Semaines distinctes (ISO 8601) 3 — 2026 : 2, 3, 4'));
    assert.ok(!summary.includes('ATTENTION'), 'three weeks: no warning');
    assert.ok(summary.includes(`Aucun créneau disponible ${expected.filter((r) => r.outcome === 'no-slot').length}`));
    assert.match(summary, /Première tentative lundi 5 janvier 2026 à \d\d:\d\d:\d\d \(UTC\+01:00\)/);
    const notes = squash(texts[2]!);
    assert.ok(notes.includes('(CE, 21 avril 2021, n° 448178)'));
    assert.ok(notes.includes('référé « mesures utiles » (article L. 521-3 du code de justice administrative)'));
    assert.ok(
      texts.some((t) =>
        squash(t).includes('gh attestation verify manifests/<fichier>.sha256 --repo exemple/screen-ta-prefecture'),
      ),
    );
    const table = texts.find((t) => t.trimStart().startsWith('3. Tableau des tentatives'))!;
    assert.ok(squash(table).includes(`sa page sur le site public est ${SITE}paris/aes-vpf-charcot/<capture>.html`));
    const pngs = await render(out, 1, 4);
    assert.equal(pngs.length, 4);
    for (const png of pngs) {
      const meta = await sharp(png).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height], ['png', 497, 702], png);
    }
  });

  it('warns on the summary page when the captures span fewer than 3 distinct weeks', async () => {
    const out = join(archive, 'deux-semaines.pdf');
    const result = await dossier(out, '--from', '2026-01-05', '--to', '2026-01-18');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Attention : moins de 3 semaines distinctes/);
    const summary = squash((await pdfTexts(out))[1]!);
    assert.ok(summary.includes('ATTENTION — moins de 3 semaines distinctes'), summary);
    assert.ok(summary.includes('ne couvrent que 2 semaines distinctes'));
  });

  it('keeps one capture per day, the first, with --one-per-day', async () => {
    const out = join(archive, 'un-par-jour.pdf');
    const result = await dossier(out, '--from', '2026-01-05', '--to', '2026-01-25', '--one-per-day');
    assert.equal(result.code, 0, result.stderr);
    const firsts = [
      ...new Map(
        inDays('2026-01-05', '2026-01-25')
          .reverse()
          .map((r) => [parisTime(r.capturedAt).format('YYYY-MM-DD'), r]),
      ).values(),
    ].reverse();
    assert.equal(firsts.length, 21);
    const texts = await checkDossier(out, firsts);
    assert.ok(
      squash(texts[0]!).includes('Sélection une tentative par jour (la première de chaque jour), tous les résultats'),
    );
    assert.ok(squash(texts[1]!).includes(`Tentatives dans la période ${inDays('2026-01-05', '2026-01-25').length}`));
  });

  it('keeps only the outcomes given with --outcomes', async () => {
    const out = join(archive, 'erreurs.pdf');
    const result = await dossier(out, '--from', '2026-01-05', '--to', '2026-02-01', '--outcomes', 'site-error,blocked');
    assert.equal(result.code, 0, result.stderr);
    const kept = inDays('2026-01-05', '2026-02-01').filter(
      (r) => r.outcome === 'site-error' || r.outcome === 'blocked',
    );
    assert.ok(kept.length > 0);
    const texts = await checkDossier(out, kept);
    assert.ok(
      squash(texts[0]!).includes(
        'résultats retenus : « Erreur du site de la préfecture », « Accès bloqué par le site »',
      ),
    );
    assert.ok(!squash(texts[1]!).includes('Aucun créneau disponible'));
  });

  it('lists a missing image and an altered one on their pages, and exits 0 with warnings', async () => {
    const copy = await tempDir('stp-dossier-missing-');
    const few = await generateArchive(copy, {
      captures: 12,
      from: '2026-01-05T05:00:00Z',
      motifs: [
        {
          prefecture: 'paris',
          prefectureName: 'Préfecture de police de Paris',
          motif: 'aes-vpf-charcot',
          motifLabel: CHARCOT,
        },
      ],
      seed: 3,
    });
    const [gone, altered, edited, linked] = [few[2]!, few[5]!, few[8]!, few[10]!];
    await rm(join(copy, captureFiles(gone).image));
    await writeFile(join(copy, captureFiles(altered).image), 'pas une image');
    // A record edited since its manifest (image untouched), and one that is a symlink to a file outside the archive.
    const outcome = edited.outcome === 'slot-available' ? 'no-slot' : 'slot-available';
    await writeFile(join(copy, captureFiles(edited).record), JSON.stringify({ ...edited, outcome }, null, 2) + '\n');
    const outside = join(await tempDir('stp-dossier-outside-'), 'secret.json');
    await writeFile(outside, JSON.stringify({ ...linked, outcome }));
    await rm(join(copy, captureFiles(linked).record));
    await symlink(outside, join(copy, captureFiles(linked).record));
    const out = join(copy, 'manquante.pdf');
    const result = await runCli(
      [
        'dossier',
        '--target',
        'paris',
        '--motif',
        'aes-vpf-charcot',
        '--archive',
        copy,
        '--out',
        out,
        '--from',
        '2026-01-05',
        '--to',
        '2026-01-10',
      ],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      new RegExp(
        `Attention : image manquante pour ${gone.id} \\(.*${captureFiles(gone).image}\\) — signalée page \\d+ du dossier`,
      ),
    );
    assert.match(
      result.stderr,
      new RegExp(`Attention : image non conforme \\(empreinte différente\\) pour ${altered.id}`),
    );
    assert.match(
      result.stderr,
      new RegExp(
        `Attention : fiche modifiée — ne pas utiliser, absente du dossier \\(npm run verify le confirme\\) : ${captureFiles(edited).record} : SHA-256 [0-9a-f]{64} au lieu de`,
      ),
    );
    assert.match(
      result.stderr,
      new RegExp(
        `Attention : relevé illisible, absent du dossier : ${captureFiles(linked).record} : lien symbolique refusé`,
      ),
    );
    const kept = few.filter((r) => r !== edited && r !== linked);
    const texts = await checkDossier(out, kept);
    const start = texts.length - kept.length;
    // The annex counts the protections these captures have: none of them was timestamped.
    const notes = squash(texts.slice(2, start).join(' '));
    assert.match(notes, /Horodatage RFC 3161 : aucune capture de ce dossier n’a d’horodatage vérifié/);
    assert.doesNotMatch(notes, /openssl ts -verify/);
    const missing = squash(texts[start + 2]!);
    assert.ok(missing.includes('IMAGE MANQUANTE'));
    // Long paths wrap where they overflow: compare without white space.
    assert.ok(missing.replace(/\s/g, '').includes(join(copy, captureFiles(gone).image)), 'expected path');
    assert.ok(missing.includes(gone.sha256), 'expected hash');
    assert.ok(squash(texts[start + 5]!).includes('IMAGE NON CONFORME'));
    assert.ok(squash(texts[1]!).includes(`ATTENTION — 2 images manquantes ou non conformes`));
    assert.ok(squash(texts[1]!).includes(`pages ${start + 3}, ${start + 6}`));
  });

  const refusals: [string, string[], RegExp][] = [
    [
      'an unknown target',
      ['--target', 'lyon', '--motif', 'x', '--from', '2026-01-05', '--to', '2026-01-06'],
      /lyon\.yaml: fichier introuvable/,
    ],
    [
      'an unknown motif',
      ['--target', 'paris', '--motif', 'nulle-part', '--from', '2026-01-05', '--to', '2026-01-06'],
      /motif inconnu pour paris : nulle-part\. Motifs disponibles : aes-vpf-charcot/,
    ],
    [
      'an empty period',
      ['--target', 'paris', '--motif', 'aes-vpf-charcot', '--from', '2025-06-01', '--to', '2025-06-30'],
      /Aucune capture de paris\/aes-vpf-charcot du 1er juin 2025 au 30 juin 2025/,
    ],
    [
      'inverted dates',
      ['--target', 'paris', '--motif', 'aes-vpf-charcot', '--from', '2026-01-20', '--to', '2026-01-05'],
      /Période inversée/,
    ],
    [
      'an invalid date',
      ['--target', 'paris', '--motif', 'aes-vpf-charcot', '--from', '2026-13-01', '--to', '2026-01-05'],
      /--from : « 2026-13-01 » n’est pas une date valide/,
    ],
    [
      'an unknown outcome',
      [
        '--target',
        'paris',
        '--motif',
        'aes-vpf-charcot',
        '--from',
        '2026-01-05',
        '--to',
        '2026-01-06',
        '--outcomes',
        'no-slots',
      ],
      /résultat inconnu « no-slots »/,
    ],
    [
      'a missing --target',
      ['--motif', 'aes-vpf-charcot', '--from', '2026-01-05', '--to', '2026-01-06'],
      /--target et --motif sont obligatoires/,
    ],
  ];
  for (const [what, args, message] of refusals) {
    it(`refuses ${what} with exit 2 and writes nothing`, async () => {
      const out = join(archive, `refus-${what.replace(/\W+/g, '-')}.pdf`);
      const result = await runCli(['dossier', '--archive', archive, '--out', out, ...args], env);
      assert.equal(result.code, 2, result.stdout + result.stderr);
      assert.match(result.stderr, message);
      assert.equal(await exists(out), false);
    });
  }

  it('says when no public site is configured, and gives the same bytes for the same captures', async () => {
    const { records: all } = await readMotifRecords(archive, 'paris', 'aes-vpf-charcot', '2026-01-05', '2026-01-07');
    const input: DossierInput = {
      records: all,
      criteria: {
        prefecture: 'paris',
        motif: 'aes-vpf-charcot',
        from: '2026-01-05',
        to: '2026-01-07',
        onePerDay: false,
        outcomes: null,
      },
      loadImage: archiveImageLoader(archive),
      imageLocation: imagePath,
      siteUrl: null,
      repository: null,
      generatedAt: '2026-01-08T10:00:00Z',
    };
    const [a, b] = [await buildDossier(input), await buildDossier(input)];
    assert.ok(Buffer.from(a.pdf).equals(Buffer.from(b.pdf)), 'deterministic');
    const out = join(archive, 'sans-site.pdf');
    await writeFile(out, a.pdf);
    const texts = await pdfTexts(out);
    assert.ok(squash(texts[0]!).includes('Archive publique (site public non configuré)'));
    assert.ok(squash(texts[0]!).includes('Document établi le jeudi 8 janvier 2026 à 11:00:00 (UTC+01:00)'));
  });
});

describe('dossier from real captures on the replica', () => {
  it('prints each page image losslessly, with its banner, and renders with pdftoppm', async () => {
    const archive = await tempDir('stp-dossier-replica-');
    const replica = await startReplica();
    const { target } = await loadTarget('paris');
    const jobs = target.motifs.filter((m) => m.id === 'aes-vpf-charcot').map((motif) => ({ target, motif }));
    try {
      for (let i = 0; i < 2; i++) {
        const summary = await captureJobs(jobs, {
          archive,
          replica: replica.origin,
          log: () => {},
          sleep: async () => {},
        });
        assert.ok(summary.results.every((r) => r.captured));
        await new Promise((done) => setTimeout(done, 1100)); // captures are named to the second
      }
    } finally {
      await replica.close();
    }
    const today = parisTime(new Date().toISOString()).format('YYYY-MM-DD');
    const yesterday = parisTime(new Date(Date.now() - 86_400_000).toISOString()).format('YYYY-MM-DD');
    const out = join(archive, 'replica.pdf');
    const result = await runCli(
      [
        'dossier',
        '--target',
        'paris',
        '--motif',
        'aes-vpf-charcot',
        '--archive',
        archive,
        '--out',
        out,
        '--from',
        yesterday,
        '--to',
        today,
      ],
      { STP_SITE_URL: SITE },
    );
    assert.equal(result.code, 0, result.stderr);
    const { records } = await readMotifRecords(archive, 'paris', 'aes-vpf-charcot', yesterday, today);
    assert.equal(records.length, 2);
    const texts = await checkDossier(out, records);
    assert.ok(squash(texts.at(-1)!).includes(`Adresse ${records[1]!.url}`));
    assert.ok(squash(texts[1]!).includes('ATTENTION — moins de 3 semaines distinctes'));

    const original = await readFile(join(archive, imagePath(records[0]!)));
    assert.ok(passThroughPng(original), 'a capture PNG goes into the PDF without being decoded');
    await run('pdfimages', [
      '-png',
      '-f',
      String(texts.length - 1),
      '-l',
      String(texts.length - 1),
      out,
      join(archive, 'extracted'),
    ]);
    const [extracted] = (await readdir(archive)).filter((n) => n.startsWith('extracted'));
    const [a, b] = await Promise.all([
      sharp(original).raw().toBuffer({ resolveWithObject: true }),
      sharp(join(archive, extracted!)).removeAlpha().raw().toBuffer({ resolveWithObject: true }),
    ]);
    assert.deepEqual([b.info.width, b.info.height], [a.info.width, a.info.height]);
    assert.ok(a.data.equals(b.data), 'same pixels as the capture');
    const pngs = await render(out, texts.length, texts.length);
    const stats = await sharp(pngs[0]!).stats();
    assert.ok(stats.channels[0]!.stdev > 10, 'the exhibit page shows the captured page, not a blank');
  });
});
