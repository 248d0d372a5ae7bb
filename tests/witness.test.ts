import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { captureFiles } from '../scraper/archive/paths.ts';
import { generateArchive } from '../scraper/bench/archive-generator.ts';
import { collectIncoming, PublishError } from '../scraper/ci/incoming.ts';
import { witnessCaptures, witnessLines } from '../scraper/ci/witness.ts';
import { provenanceLines } from '../scraper/dossier/notes.ts';
import { toDossierRecord } from '../scraper/dossier/entry.ts';
import type { EvidenceRecord } from '../scraper/evidence/record.ts';
import { deciding } from '../scraper/evidence/quote.ts';
import { recordFields } from '../site/render/fields.ts';
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
    assert.match(result.stdout, /1 zone masquée sur cette copie ; l'image originale n'est pas modifiée/);
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

const run = promisify(execFile);

/** A record of the generated archive turned into a witness capture (a person browsed), as `npm run witness` writes it. */
async function asWitness(dir: string, record: EvidenceRecord): Promise<EvidenceRecord> {
  const witness: EvidenceRecord = { ...record, mode: 'witness', assisted: true };
  await writeFile(join(dir, captureFiles(record).record), JSON.stringify(witness, null, 2) + '\n');
  return witness;
}

describe('witness captures and publishing', () => {
  it('npm run publish lists every witness capture (address, page title) and publishes them only with --allow-witness', async () => {
    const dir = await tempDir();
    const bots = await generateArchive(dir, { captures: 2, seed: 2, manifest: false });
    const targeted = await asWitness(dir, bots[0]!);
    const [personal] = await generateArchive(dir, { captures: 1, seed: 3, motifs: PERSONAL, manifest: false });
    const refused = await runCli(['publish', '--from', dir]);
    assert.equal(refused.code, 2);
    const listed = refused.stderr.split('\n').filter((l) => l.startsWith('  '));
    assert.deepEqual(
      listed,
      [
        `  ${targeted.id} — ${targeted.url} — « ${targeted.evidence.title} »`,
        `  ${personal!.id} — ${personal!.url} — « ${personal!.evidence.title} »`,
      ].sort(),
    );
    assert.match(refused.stderr, /^2 captures faites par une personne \(mode témoin\) :/);
    assert.match(refused.stderr, /relancez avec --allow-witness\.\nRien n’a été publié\./);
    // The proposal check still refuses a personal folder outright.
    await assert.rejects(collectIncoming([dir]), PublishError);

    const remote = join(await tempDir(), 'remote.git');
    await run('git', ['init', '-q', '--bare', remote]);
    const clone = join(await tempDir(), 'clone');
    await run('git', ['clone', '-q', remote, clone]);
    const allowed = await runCli(['publish', '--from', dir, '--repo', clone, '--allow-witness'], {
      GITHUB_OUTPUT: '',
      GITHUB_STEP_SUMMARY: '',
    });
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.match(allowed.stdout, /2 captures faites par une personne[^]*Publiées avec les autres \(--allow-witness\)/);
    const tree = (await run('git', ['ls-tree', '-r', '--name-only', 'archive'], { cwd: remote })).stdout;
    for (const r of [targeted, personal!, bots[1]!]) assert.ok(tree.includes(captureFiles(r).record), r.id);
  });

  it('lists a personal file without its record by path, and a page title on one line', () => {
    const file = (path: string) => ({ path, data: Buffer.from(''), sha256: '' });
    const listed = witnessCaptures(
      [file('personnel/compte/2026/12/2026-12-02T09-14-03Z.png'), file('paris/aes/2026/12/2026-12-02T09-14-03Z.png')],
      [],
    );
    assert.deepEqual(witnessLines(listed), ['  personnel/compte/2026/12/2026-12-02T09-14-03Z.png — fiche absente']);
    assert.deepEqual(
      witnessLines([
        { id: 'a/b/c', url: 'https://x.gouv.fr/', title: 'Mon compte\n::error::faux' },
        { id: 'a/b/d', url: 'https://x.gouv.fr/', title: ' ' },
      ]),
      ['  a/b/c — https://x.gouv.fr/ — « Mon compte ::error::faux »', '  a/b/d — https://x.gouv.fr/ — page sans titre'],
    );
  });

  it('never prints a person’s public IP, on the capture page or in a dossier, even from a record that holds one', async () => {
    const [bot] = await generateArchive(await tempDir(), { captures: 1, seed: 4 });
    const witness: EvidenceRecord = { ...bot!, mode: 'witness', assisted: true };
    const ip = bot!.provenance.publicIp!;
    const said = deciding(bot!.evidence, null);
    assert.ok(String(recordFields(bot!, said)).includes(ip), 'the bot’s runner address is printed');
    const page = String(recordFields(witness, said));
    assert.ok(!page.includes(ip));
    assert.match(
      page,
      /<dt>Adresse IP publique de la machine<\/dt><dd>non publiée \(capture faite par une personne\)<\/dd>/,
    );
    const entry = toDossierRecord(witness);
    assert.equal(entry.provenance?.publicIp, null, 'the dossier index the site publishes holds none');
    const notes = provenanceLines([entry, toDossierRecord(bot!)]).join('\n');
    assert.match(
      notes,
      /Adresses IP publiques : non publiée \(captures faites par une personne\) \(1\) ; 20\.0\.0\.1 \(1\)/,
    );
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
