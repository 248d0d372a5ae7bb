/**
 * The stamped exhibit (« pièce ») shown to a court: the page image exactly as stored, with a banner added
 * below it that prints the lines of `bannerLines(record)` — never painted over the page. Rendered on
 * demand from image + record, deterministically (same inputs, same bytes), so anyone can re-create it
 * and compare. Reads nothing but its inputs and the installed DejaVu fonts; writes nothing.
 */
import { join } from 'node:path';
import sharp from 'sharp';
import { bannerLines, type BannerLine, type MaskZone } from './banner.ts';
import { sha256Hex } from './images.ts';
import type { EvidenceRecord } from './record.ts';
import { FONT_DIR, loadFontMetrics, type FontMetrics } from './text-width.ts';

export const FONT_FAMILY = 'DejaVu Sans';
const REGULAR = join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = join(FONT_DIR, 'DejaVuSans-Bold.ttf');
const COLOURS = { background: '#f6f6f6', rule: '#000091', label: '#3a3a3a', value: '#161616' };

/**
 * Sizes for a page `width` px wide. The viewport is 1,280 px: printed across an A4 page (~190 mm) a value
 * line of 22 px is ~9 pt, a label ~7.5 pt. Narrower pages keep at least 16 px so the screen stays readable.
 */
export function bannerSizes(width: number) {
  const valuePx = Math.max(16, Math.round((22 * width) / 1280));
  const labelPx = Math.round(valuePx * 0.82);
  return {
    valuePx,
    labelPx,
    lineHeight: Math.round(valuePx * 1.4),
    rowGap: Math.round(valuePx * 0.3),
    margin: Math.round(valuePx * 1.4),
    gap: valuePx,
    rule: Math.max(3, Math.round(valuePx / 6)),
  };
}

let fonts: { regular: FontMetrics; bold: FontMetrics } | undefined;
function metrics() {
  fonts ??= { regular: loadFontMetrics(REGULAR), bold: loadFontMetrics(BOLD) };
  return fonts;
}

// Where a URL or a hash may break when it is wider than the column: after one of these, else anywhere.
const SOFT_BREAK = /[/?&=._-]/;

function splitLongWord(word: string, fits: (text: string) => boolean): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest !== '' && !fits(rest)) {
    let end = 1;
    while (end < rest.length && fits(rest.slice(0, end + 1))) end++;
    let cut = end;
    for (let i = end; i > end / 2; i--) {
      if (SOFT_BREAK.test(rest[i - 1]!)) {
        cut = i;
        break;
      }
    }
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return rest === '' ? pieces : [...pieces, rest];
}

/** Greedy word wrap into lines no wider than `maxWidth`; a word wider than a line is cut. */
export function wrapText(text: string, maxWidth: number, measure: (text: string) => number): string[] {
  const fits = (candidate: string) => measure(candidate) <= maxWidth;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const joined = line === '' ? word : `${line} ${word}`;
    if (fits(joined)) {
      line = joined;
      continue;
    }
    if (line !== '') lines.push(line);
    const pieces = splitLongWord(word, fits);
    line = pieces.pop() ?? '';
    lines.push(...pieces);
  }
  return line === '' && lines.length > 0 ? lines : [...lines, line];
}

const padding = (sizes: ReturnType<typeof bannerSizes>) => Math.round(sizes.margin * 0.6);

export interface BannerRow {
  label: string[];
  value: string[];
}

export interface BannerLayout {
  width: number;
  height: number;
  rows: BannerRow[];
  sizes: ReturnType<typeof bannerSizes>;
  /** x of the value column, and the widest either column may be. */
  valueX: number;
  labelWidth: number;
  valueWidth: number;
}

/** Wraps every line into two columns (label, value) that fit `width`. Pure. */
export function layoutBanner(lines: BannerLine[], width: number): BannerLayout {
  const sizes = bannerSizes(width);
  const { regular, bold } = metrics();
  const measureLabel = (text: string) => regular.width(text, sizes.labelPx);
  const measureValue = (text: string) => bold.width(text, sizes.valuePx);
  const inner = width - 2 * sizes.margin;
  // The label column is as wide as its longest label, up to a third of the banner (narrow pages wrap labels).
  const labelWidth = Math.min(Math.ceil(Math.max(...lines.map((l) => measureLabel(l.label)))), Math.floor(inner / 3));
  const valueX = sizes.margin + labelWidth + sizes.gap;
  const valueWidth = width - sizes.margin - valueX;
  const rows = lines.map((l) => ({
    label: wrapText(l.label, labelWidth, measureLabel),
    value: wrapText(l.value, valueWidth, measureValue),
  }));
  const textLines = rows.reduce((n, r) => n + Math.max(r.label.length, r.value.length), 0);
  const height = sizes.rule + 2 * padding(sizes) + textLines * sizes.lineHeight + (rows.length - 1) * sizes.rowGap;
  return { width, height, rows, sizes, valueX, labelWidth, valueWidth };
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function textElement(x: number, y: number, sizePx: number, colour: string, weight: string, text: string): string {
  return `<text x="${x}" y="${y}" font-family="${FONT_FAMILY}" font-size="${sizePx}" font-weight="${weight}" fill="${colour}">${escapeXml(text)}</text>`;
}

export function bannerSvg(layout: BannerLayout): string {
  const { sizes, width, height } = layout;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">`,
    `<rect width="${width}" height="${height}" fill="${COLOURS.background}"/>`,
    `<rect width="${width}" height="${sizes.rule}" fill="${COLOURS.rule}"/>`,
  ];
  let top = sizes.rule + padding(sizes);
  for (const row of layout.rows) {
    // Baselines sit ~72 % down each line box, so that both columns share them.
    const baseline = (i: number) => top + i * sizes.lineHeight + Math.round(sizes.lineHeight * 0.72);
    row.label.forEach((text, i) =>
      parts.push(textElement(sizes.margin, baseline(i), sizes.labelPx, COLOURS.label, 'normal', text)),
    );
    row.value.forEach((text, i) =>
      parts.push(textElement(layout.valueX, baseline(i), sizes.valuePx, COLOURS.value, 'bold', text)),
    );
    top += Math.max(row.label.length, row.value.length) * sizes.lineHeight + sizes.rowGap;
  }
  parts.push('</svg>');
  return parts.join('\n');
}

export class ExhibitError extends Error {
  override name = 'ExhibitError';
}

/**
 * The exhibit as PNG bytes. Refuses an image whose SHA-256 is not the record's: the banner prints that
 * hash, so it must be the hash of the pixels above it. The page rows are copied byte for byte (raw
 * pixels joined, not composited), so no blending can touch them.
 */
export async function renderExhibit(image: Buffer, record: EvidenceRecord, masks: MaskZone[] = []): Promise<Buffer> {
  const actual = sha256Hex(image);
  if (actual !== record.sha256) {
    throw new ExhibitError(
      `l'image ne correspond pas à l'enregistrement ${record.id} : SHA-256 ${actual} au lieu de ${record.sha256}`,
    );
  }
  // A grey page (never made by Chromium) is widened to sRGB, which repeats each grey value: same pixels.
  const page = await sharp(image).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = page.info;
  for (const zone of masks) {
    if (zone.x + zone.width > width || zone.y + zone.height > height)
      throw new ExhibitError(
        `la zone ${zone.x},${zone.y},${zone.width},${zone.height} dépasse de l'image (${width} × ${height} px)`,
      );
    // Black, opaque: the masked copy hides the zone, the original image is left as it is.
    for (let y = zone.y; y < zone.y + zone.height; y++) {
      const row = (y * width + zone.x) * channels;
      page.data.fill(0, row, row + zone.width * channels);
      if (channels === 4) for (let i = row + 3; i < row + zone.width * 4; i += 4) page.data[i] = 255;
    }
  }
  const layout = layoutBanner(bannerLines(record, masks), width);
  const banner = sharp(Buffer.from(bannerSvg(layout)));
  const bannerRaw = await (channels === 4 ? banner.ensureAlpha() : banner.removeAlpha()).raw().toBuffer();
  return sharp(Buffer.concat([page.data, bannerRaw]), { raw: { width, height: height + layout.height, channels } })
    .png({ compressionLevel: 9, adaptiveFiltering: false, palette: false })
    .toBuffer();
}
