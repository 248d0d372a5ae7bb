/**
 * Width of a line of text in an installed TrueType font, read from the font's own tables (cmap and hmtx),
 * so that the exhibit can wrap its banner before librsvg draws it. Sums advance widths without kerning:
 * DejaVu's kerning only narrows pairs, so the measure errs on the wide side and wrapped text always fits.
 */
import { readFileSync } from 'node:fs';

export const FONT_DIR = '/usr/share/fonts/truetype/dejavu';

export interface FontMetrics {
  /** Width of `text` drawn at `sizePx`, in pixels. */
  width(text: string, sizePx: number): number;
}

function tables(font: Buffer): Map<string, number> {
  const offsets = new Map<string, number>();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    offsets.set(font.toString('latin1', at, at + 4), font.readUInt32BE(at + 8));
  }
  return offsets;
}

/** Glyph index of each BMP character, from the Windows Unicode (3,1) subtable, format 4. */
function glyphLookup(font: Buffer, cmap: number): (code: number) => number {
  const count = font.readUInt16BE(cmap + 2);
  let sub = -1;
  for (let i = 0; i < count; i++) {
    const at = cmap + 4 + i * 8;
    if (font.readUInt16BE(at) === 3 && font.readUInt16BE(at + 2) === 1) sub = cmap + font.readUInt32BE(at + 4);
  }
  if (sub < 0 || font.readUInt16BE(sub) !== 4) throw new Error('police sans table Unicode (3,1) au format 4');
  const segments = font.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  return (code) => {
    for (let s = 0; s < segments; s++) {
      if (font.readUInt16BE(ends + s * 2) < code) continue;
      const start = font.readUInt16BE(starts + s * 2);
      if (start > code) return 0;
      const delta = font.readInt16BE(deltas + s * 2);
      const rangeAt = rangeOffsets + s * 2;
      const range = font.readUInt16BE(rangeAt);
      if (range === 0) return (code + delta) & 0xffff;
      const glyph = font.readUInt16BE(rangeAt + range + (code - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

export function loadFontMetrics(file: string): FontMetrics {
  let font: Buffer;
  try {
    font = readFileSync(file);
  } catch {
    throw new Error(`police introuvable : ${file}. Installez-la (Debian/Ubuntu : apt-get install fonts-dejavu-core).`);
  }
  const at = tables(font);
  const [head, hhea, hmtx, cmap] = ['head', 'hhea', 'hmtx', 'cmap'].map((tag) => {
    const offset = at.get(tag);
    if (offset === undefined)
      throw new Error(`${file} : table ${tag} absente, ce n'est pas une police TrueType utilisable`);
    return offset;
  }) as [number, number, number, number];
  const unitsPerEm = font.readUInt16BE(head + 18);
  const metricsCount = font.readUInt16BE(hhea + 34);
  const glyphOf = glyphLookup(font, cmap);
  const advance = (glyph: number) => font.readUInt16BE(hmtx + Math.min(glyph, metricsCount - 1) * 4);
  const cache = new Map<number, number>();
  const em = (code: number) => {
    let width = cache.get(code);
    if (width === undefined) {
      // A character the font lacks is drawn by a fallback font: count it a full em, wider than any DejaVu glyph but a few.
      const glyph = code > 0xffff ? 0 : glyphOf(code);
      width = glyph === 0 ? 1 : advance(glyph) / unitsPerEm;
      cache.set(code, width);
    }
    return width;
  };
  return {
    width(text, sizePx) {
      let total = 0;
      for (const char of text) total += em(char.codePointAt(0)!);
      return total * sizePx;
    },
  };
}
