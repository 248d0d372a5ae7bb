import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { captureFiles } from '../scraper/archive/paths.ts';
import { generateArchive } from '../scraper/bench/archive-generator.ts';
import { collectIncoming, PublishError } from '../scraper/ci/publish.ts';
import { bannerLines } from '../scraper/evidence/banner.ts';
import { sha256Hex } from '../scraper/evidence/images.ts';
import { personalJob, platformOf, withoutQuery } from '../scraper/capture/witness.ts';
import { runCli, tempDir } from './helpers.ts';

const PERSONAL = [
  {
    prefecture: 'personnel',
    prefectureName: 'Non précisée (capture personnelle)',
    motif: 'choisissez-votre-creneau-rdv-prefecture',
    motifLabel: 'Choisissez votre créneau - RDV Préfecture',
  },
];

describe('masked exhibit', () => {
  it('blacks out the zones on a copy, says « zones masquées » and keeps the original image and its hash', async () => {
    const archive = await tempDir();
    const [record] = await generateArchive(archive, { captures: 1, seed: 5 });
    const imagePath = join(archive, captureFiles(record!).image);
    const before = await readFile(imagePath);
    const out = join(await tempDir(), 'masquee.png');
    const result = await runCli(['exhibit', record!.id, '--archive', archive, '--out', out, '--mask', '10,20,300,40']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /1 zone\(s\) masquée\(s\) sur cette copie ; l'image originale n'est pas modifiée/);
    assert.ok((await readFile(imagePath)).equals(before), 'the original image is untouched');
    assert.equal(sha256Hex(before), record!.sha256);

    const page = await sharp(before).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    const masked = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    const { width, channels } = page.info;
    assert.equal(masked.info.channels, channels);
    const pixel = (data: Buffer, x: number, y: number) =>
      [...data.subarray((y * width + x) * channels, (y * width + x) * channels + 3)].join(',');
    for (const [x, y] of [
      [10, 20],
      [309, 59],
      [150, 40],
    ] as const)
      assert.equal(pixel(masked.data, x, y), '0,0,0', `masked at ${x},${y}`);
    assert.notEqual(pixel(page.data, 150, 40), '0,0,0', 'the zone was not black on the original');
    for (const [x, y] of [
      [9, 20],
      [310, 59],
      [10, 60],
      [600, 300],
    ] as const)
      assert.equal(pixel(masked.data, x, y), pixel(page.data, x, y), `unchanged at ${x},${y}`);

    const lines = bannerLines(record!, [{ x: 10, y: 20, width: 300, height: 40 }]);
    assert.match(lines.find((l) => l.label === 'Zones masquées')!.value, /^1 zone\(s\) noircie\(s\).*10, 20, 300, 40/);
    assert.deepEqual(lines.at(-1), { label: 'SHA-256 de l’image originale', value: record!.sha256 });
  });

  it('refuses a zone outside the image, and a malformed one, writing nothing', async () => {
    const archive = await tempDir();
    const [record] = await generateArchive(archive, { captures: 1, seed: 5 });
    const out = join(await tempDir(), 'x.png');
    const outside = await runCli(['exhibit', record!.id, '--archive', archive, '--out', out, '--mask', '0,0,5000,10']);
    assert.equal(outside.code, 1);
    assert.match(outside.stderr, /la zone 0,0,5000,10 dépasse de l'image/);
    const malformed = await runCli(['exhibit', record!.id, '--archive', archive, '--out', out, '--mask', '0,0,10']);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /--mask 0,0,10 : attendu quatre nombres entiers de pixels, x,y,largeur,hauteur/);
    await assert.rejects(readFile(out));
  });
});

describe('witness captures and publishing', () => {
  it('npm run publish refuses personnel/ captures unless told, and names the file', async () => {
    const dir = await tempDir();
    await generateArchive(dir, { captures: 2, seed: 2, motifs: PERSONAL });
    const result = await runCli(['publish', '--from', dir]);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /personnel\/choisissez-votre-creneau-rdv-prefecture\/.*: capture personnelle \(mode témoin\)/,
    );
    assert.match(result.stderr, /--allow-personnel/);
    await assert.rejects(collectIncoming([dir]), PublishError);
    const allowed = await collectIncoming([dir], new Date(), { allowPersonal: true });
    assert.equal(allowed.files.filter((f) => f.path.startsWith('personnel/')).length, 8); // two captures: image, thumbnail, text, record
  });

  it('names a capture without target after its page, and keeps addresses without what was typed in them', () => {
    const { target, motif } = personalJob('Choisissez votre créneau - RDV Préfecture', 'https://example.org/x');
    assert.deepEqual([target.id, motif.id], ['personnel', 'choisissez-votre-creneau-rdv-prefecture']);
    assert.equal(personalJob('  ', 'https://franceconnect.gouv.fr/a').motif.label, 'franceconnect.gouv.fr');
    assert.equal(
      withoutQuery('https://app.franceconnect.gouv.fr/login?code=123&nom=Dupont#x'),
      'https://app.franceconnect.gouv.fr/login',
    );
    assert.equal(platformOf('https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/x'), 'rdv-prefecture');
    assert.equal(platformOf('https://www.val-de-marne.gouv.fr/booking/create/4963/1'), 'legacy-booking');
    assert.equal(platformOf('https://app.franceconnect.gouv.fr/login'), 'autre');
  });

  it('witness exits 2 without a screen, or without a start page', async () => {
    const noScreen = await runCli(['witness', '--url', 'https://example.org/'], { DISPLAY: '', WAYLAND_DISPLAY: '' });
    assert.equal(noScreen.code, 2);
    assert.match(noScreen.stderr, /le mode témoin ouvre une fenêtre de navigateur où vous naviguez, mais aucun écran/);
    const nothing = await runCli(['witness'], { DISPLAY: ':0' });
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /indiquez la page de départ \(--url\) ou le motif \(--target et --motif\)/);
  });
});
