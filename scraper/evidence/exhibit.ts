/**
 * The stamped exhibit (« pièce ») shown to a court: the page image exactly as stored, with a banner added
 * below it that prints the lines of `bannerLines(record)` — never painted over the page. Rendered on
 * demand from image + record, deterministically (same inputs, same bytes), so anyone can re-create it
 * and compare. Reads nothing but its inputs and the installed DejaVu fonts; writes nothing.
 */
import { join } from 'node:path';
import sharp from 'sharp';
import { bannerLines, type BannerLine, type MaskZone } from './banner.ts';
import { BANNER_COLOURS, bannerTexts, layoutBanner, type BannerLayout, type BannerMeasure } from './banner-layout.ts';
import { sha256Hex } from './images.ts';
import type { EvidenceRecord } from './record.ts';
import { FONT_DIR, loadFontMetrics } from './text-width.ts';

export const FONT_FAMILY = 'DejaVu Sans';
const REGULAR = join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = join(FONT_DIR, 'DejaVuSans-Bold.ttf');

let fonts: BannerMeasure | undefined;
/** The installed DejaVu fonts' own widths: librsvg draws with these very fonts. */
function measure(): BannerMeasure {
  if (!fonts) {
    const [regular, bold] = [loadFontMetrics(REGULAR), loadFontMetrics(BOLD)];
    fonts = { label: (text, px) => regular.width(text, px), value: (text, px) => bold.width(text, px) };
  }
  return fonts;
}

/** The banner's layout for a page `width` px wide, measured with the fonts the exhibit is drawn with. */
export function exhibitBanner(lines: BannerLine[], width: number): BannerLayout {
  return layoutBanner(lines, width, measure());
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function bannerSvg(layout: BannerLayout): string {
  const { sizes, width, height } = layout;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">`,
    `<rect width="${width}" height="${height}" fill="${BANNER_COLOURS.background}"/>`,
    `<rect width="${width}" height="${sizes.rule}" fill="${BANNER_COLOURS.rule}"/>`,
  ];
  for (const { column, x, baseline, text } of bannerTexts(layout)) {
    const [sizePx, weight] = column === 'label' ? [sizes.labelPx, 'normal'] : [sizes.valuePx, 'bold'];
    parts.push(
      `<text x="${x}" y="${baseline}" font-family="${FONT_FAMILY}" font-size="${sizePx}" font-weight="${weight}" fill="${BANNER_COLOURS[column]}">${escapeXml(text)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

export class ExhibitError extends Error {
  override name = 'ExhibitError';
  readonly exitCode = 1;
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
  const layout = exhibitBanner(bannerLines(record, masks), width);
  const banner = sharp(Buffer.from(bannerSvg(layout)));
  const bannerRaw = await (channels === 4 ? banner.ensureAlpha() : banner.removeAlpha()).raw().toBuffer();
  return sharp(Buffer.concat([page.data, bannerRaw]), { raw: { width, height: height + layout.height, channels } })
    .png({ compressionLevel: 9, adaptiveFiltering: false, palette: false })
    .toBuffer();
}
