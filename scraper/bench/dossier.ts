/**
 * Benchmark of the dossier: three months of one motif at four captures a day (≈ 360 captures) from a
 * generated archive in a temporary folder, read and built as the `dossier` command does. By default the
 * captures share a few images, as real no-slot pages do; `distinctImages` gives every capture its own
 * full-width page image (the worst case for time and size).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { generateArchive } from './archive-generator.ts';
import { sha256Hex } from '../evidence/images.ts';
import type { EvidenceRecord } from '../evidence/record.ts';
import { captureFiles } from '../archive/paths.ts';
import { archiveImageLoader, imagePath, readMotifRecords } from '../dossier/archive-source.ts';
import { buildDossier } from '../dossier/build.ts';

export interface BenchOptions {
  /** Days of captures (default 90), four a day. */
  days?: number;
  distinctImages?: boolean;
}

const MOTIF = {
  prefecture: 'paris',
  prefectureName: 'Préfecture de police de Paris',
  motif: 'aes-vpf-charcot',
  motifLabel:
    'Demande d’admission exceptionnelle au séjour au titre de la situation personnelle et familiale (CRE Charcot)',
};

/**
 * Gives each record a page image of its own: one text page rendered once, 1280 px wide and RGB like a
 * Chromium screenshot, with a different band of pixels per capture (rendering text 360 times is slow).
 */
async function ownImages(archive: string, records: EvidenceRecord[]): Promise<void> {
  const lines = Array.from(
    { length: 40 },
    (_, i) =>
      `<text x="40" y="${140 + i * 26}" font-family="DejaVu Sans" font-size="16">Ligne ${i + 1} : il n’existe plus de plage horaire libre pour votre demande de rendez-vous.</text>`,
  );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="1200"><rect width="100%" height="100%" fill="#fff"/><rect width="100%" height="90" fill="#000091"/>${lines.join('')}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .flatten({ background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  for (const [i, record] of records.entries()) {
    const pixels = Buffer.from(data);
    for (let x = 0; x < 32; x++)
      if ((i >> (x % 12)) & 1) pixels.fill(0, (100 * info.width + x * 40) * 3, (100 * info.width + x * 40 + 30) * 3);
    const png = await sharp(pixels, { raw: info }).png({ compressionLevel: 6, palette: false }).toBuffer();
    const files = captureFiles(record);
    await writeFile(join(archive, files.image), png);
    const updated = {
      ...record,
      sha256: sha256Hex(png),
      imageSize: { width: info.width, height: info.height, bytes: png.length },
    };
    await writeFile(join(archive, files.record), JSON.stringify(updated, null, 2) + '\n');
  }
}

export async function benchDossier(
  options: BenchOptions = {},
): Promise<{ captures: number; ms: number; bytes: number }> {
  const days = options.days ?? 90;
  const archive = await mkdtemp(join(tmpdir(), 'stp-bench-dossier-'));
  try {
    const from = '2026-01-05';
    const generated = await generateArchive(archive, {
      captures: days * 4,
      from: `${from}T05:00:00Z`,
      everyHours: 6,
      motifs: [MOTIF],
      seed: 42,
      manifest: false,
    });
    if (options.distinctImages) await ownImages(archive, generated);
    const to = new Date(Date.parse(`${from}T00:00:00Z`) + (days + 1) * 86_400_000).toISOString().slice(0, 10);
    const started = performance.now();
    const { records } = await readMotifRecords(archive, MOTIF.prefecture, MOTIF.motif, from, to);
    const dossier = await buildDossier({
      records,
      criteria: { prefecture: MOTIF.prefecture, motif: MOTIF.motif, from, to, onePerDay: false, outcomes: null },
      loadImage: archiveImageLoader(archive),
      imageLocation: imagePath,
      siteUrl: 'https://exemple.github.io/screen-ta-prefecture/',
      repository: 'exemple/screen-ta-prefecture',
      generatedAt: new Date().toISOString(),
    });
    return { captures: dossier.records.length, ms: Math.round(performance.now() - started), bytes: dossier.pdf.length };
  } finally {
    await rm(archive, { recursive: true, force: true });
  }
}
