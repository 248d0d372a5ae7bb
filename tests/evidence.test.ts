import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { captureFiles } from '../scraper/archive/paths.ts';
import { bannerLines } from '../scraper/evidence/banner.ts';
import { bannerSizes, wrapText } from '../scraper/evidence/banner-layout.ts';
import { exhibitBanner, ExhibitError, renderExhibit } from '../scraper/evidence/exhibit.ts';
import { sha256Hex } from '../scraper/evidence/images.ts';
import type { EvidenceRecord } from '../scraper/evidence/record.ts';
import { generateArchive } from '../scraper/bench/archive-generator.ts';
import { ROOT, runCli, tempDir } from './helpers.ts';

const LONG_URL =
  'https://pprdv.interieur.gouv.fr.localhost:41234/booking/create/948/2?session=8f3b9c0d2e1a47f6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0&step=conditions&guichet=1043';

let archive: string;
let record: EvidenceRecord;
let image: Buffer;

/** A 1,280 px page (the capture viewport) with a pattern of colours, and a record that matches it. */
async function widePage(): Promise<{ image: Buffer; record: EvidenceRecord }> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="900"><rect width="100%" height="100%" fill="#fff"/>
    <rect width="1280" height="90" fill="#000091"/><rect x="40" y="300" width="500" height="200" fill="#e1000f" opacity="0.6"/>
    <text x="40" y="200" font-family="DejaVu Sans" font-size="30">Il n'existe plus de plage horaire libre</text></svg>`;
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  return { image: png, record: { ...record, url: LONG_URL, sha256: sha256Hex(png) } };
}

async function raw(png: Buffer) {
  return sharp(png).raw().toBuffer({ resolveWithObject: true });
}

/** Rows of the exhibit below the page image, as raw pixels. */
async function bannerOf(exhibit: Buffer, pageHeight: number) {
  const { data, info } = await raw(exhibit);
  const rowBytes = info.width * info.channels;
  return {
    data: data.subarray(pageHeight * rowBytes),
    width: info.width,
    height: info.height - pageHeight,
    channels: info.channels,
  };
}

before(async () => {
  archive = await tempDir('stp-evidence-');
  [record] = (await generateArchive(archive, { captures: 1, seed: 3 })) as [EvidenceRecord];
  image = await readFile(join(archive, captureFiles(record).image));
});

describe('stamped exhibit', () => {
  it('adds a banner below the page image, same width, taller than the page', async () => {
    const exhibit = await renderExhibit(image, record);
    const page = await sharp(image).metadata();
    const out = await sharp(exhibit).metadata();
    assert.equal(out.format, 'png');
    assert.equal(out.width, page.width);
    assert.ok(out.height! > page.height! + 150, `${out.height} ≤ ${page.height} + 150`);
  });

  it('leaves every pixel of the page image untouched above the banner', async () => {
    for (const { image: png, record: rec } of [{ image, record }, await widePage()]) {
      const page = await raw(png);
      const exhibit = await raw(await renderExhibit(png, rec));
      assert.equal(exhibit.info.channels, page.info.channels);
      assert.ok(exhibit.data.subarray(0, page.data.length).equals(page.data), 'page pixels changed');
    }
  });

  it('prints text in the banner: dark pixels on its light background', async () => {
    const banner = await bannerOf(await renderExhibit(image, record), (await sharp(image).metadata()).height!);
    let dark = 0;
    for (let i = 0; i < banner.data.length; i += banner.channels)
      if (banner.data[i]! < 80 && banner.data[i + 2]! < 80) dark++;
    const share = dark / (banner.width * banner.height);
    assert.ok(share > 0.02 && share < 0.5, `dark share ${share}`);
  });

  it('gives the same bytes for the same image and record, in this process and from the command', async () => {
    const first = await renderExhibit(image, record);
    const second = await renderExhibit(Buffer.from(image), structuredClone(record));
    assert.ok(first.equals(second));
    const out = join(archive, 'piece.png');
    const result = await runCli(['exhibit', record.id, '--archive', archive, '--out', out]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`Pièce écrite : ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.ok((await readFile(out)).equals(first), 'the command wrote other bytes');
  });

  it('wraps the long URL and motif label inside the banner, right margin left blank', async () => {
    for (const { image: png, record: rec } of [{ image, record: { ...record, url: LONG_URL } }, await widePage()]) {
      const page = await sharp(png).metadata();
      const exhibit = await renderExhibit(png, rec);
      const banner = await bannerOf(exhibit, page.height!);
      const margin = bannerSizes(banner.width).margin;
      const background = [
        ...banner.data.subarray(banner.width * banner.channels * 20, banner.width * banner.channels * 20 + 3),
      ];
      for (let y = 10; y < banner.height; y++) {
        for (let x = banner.width - margin + 2; x < banner.width; x++) {
          const at = (y * banner.width + x) * banner.channels;
          assert.deepEqual(
            [...banner.data.subarray(at, at + 3)],
            background,
            `ink at x=${x}, y=${y} (width ${banner.width})`,
          );
        }
      }
      const layout = exhibitBanner(bannerLines(rec), page.width!);
      assert.ok(layout.rows[2]!.value.length >= 2, 'the URL should wrap');
      assert.equal(layout.rows[2]!.value.join(''), rec.url);
    }
  });

  it('refuses an image that is not the one the record hashes, and the command writes nothing', async () => {
    const other = await sharp(image).flip().png().toBuffer();
    await assert.rejects(renderExhibit(other, record), ExhibitError);
    const dir = await tempDir();
    const files = captureFiles(record);
    for (const kind of ['record', 'thumbnail'] as const)
      await writeFile(join(dir, files[kind].split('/').pop()!), await readFile(join(archive, files[kind])));
    await writeFile(join(dir, record.image), other);
    const result = await runCli(['exhibit', join(dir, record.image), '--out', join(dir, 'piece.png')]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /l'image ne correspond pas à l'enregistrement .* SHA-256 [0-9a-f]{64} au lieu de/);
    assert.deepEqual(
      (await readdir(dir)).filter((f) => f.startsWith('piece')),
      [],
    );
  });

  it('names the file and the field of an invalid record, exit 2', async () => {
    const dir = await tempDir();
    const file = join(dir, 'capture.json');
    await writeFile(file, JSON.stringify({ ...record, capturedAt: 'hier' }));
    const result = await runCli(['exhibit', file, '--out', join(dir, 'piece.png')]);
    assert.equal(result.code, 2);
    assert.ok(result.stderr.includes(`${file} : enregistrement invalide`), result.stderr);
    assert.match(result.stderr, /capturedAt : /);
  });

  it('writes <prefecture>-<motif>-<stamp>-piece.png in the current folder by default, and says where', async () => {
    const cwd = await tempDir();
    const tsx = import.meta.resolve('tsx');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', tsx, join(ROOT, 'scraper', 'cli.ts'), 'exhibit', record.id, '--archive', archive],
      { cwd },
    );
    const name = `${record.prefecture}-${record.motif}-${record.id.split('/').pop()}-piece.png`;
    assert.deepEqual(await readdir(cwd), [name]);
    assert.ok(stdout.includes(join(cwd, name)), stdout);
  });
});

describe('banner lines', () => {
  it('print the Paris date in French with its offset, the first of the month as « 1er », and the UTC time', () => {
    const lines = (capturedAt: string) =>
      Object.fromEntries(bannerLines({ ...record, capturedAt }).map((l) => [l.label, l.value]));
    assert.equal(
      lines('2026-03-01T08:00:00.000Z')['Date et heure (Paris)'],
      'dimanche 1er mars 2026 à 09:00:00 (UTC+01:00)',
    );
    assert.equal(
      lines('2026-07-14T08:00:00.000Z')['Date et heure (Paris)'],
      'mardi 14 juillet 2026 à 10:00:00 (UTC+02:00)',
    );
    assert.equal(lines('2026-07-14T08:00:00.000Z')['Date et heure (UTC)'], '2026-07-14 08:00:00 UTC');
  });
});

describe('banner text wrapping', () => {
  const measure = (text: string) => text.length * 10;

  it('wraps on spaces and keeps every word whole when it fits', () => {
    assert.deepEqual(wrapText('Demande de titre de séjour pour raisons médicales', 200, measure), [
      'Demande de titre de',
      'séjour pour raisons',
      'médicales',
    ]);
  });

  it('cuts a word wider than the line after a slash or another URL separator', () => {
    const lines = wrapText('https://pprdv.interieur.gouv.fr/booking/create/948/2', 300, measure);
    assert.deepEqual(lines, ['https://pprdv.interieur.gouv.', 'fr/booking/create/948/2']);
    assert.ok(lines.every((l) => measure(l) <= 300));
  });

  it('cuts a hash anywhere, every piece within the width', () => {
    const hash = 'a'.repeat(64);
    const lines = wrapText(hash, 250, measure);
    assert.equal(lines.join(''), hash);
    assert.ok(lines.every((l) => measure(l) <= 250));
  });
});
