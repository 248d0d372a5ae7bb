/**
 * The layout of the exhibit's banner, in one place: sizes for a page width, colours, word wrap and the two
 * columns (label, value). Pure: it measures text through the function it is given. The stamped exhibit (sharp),
 * the dossier's page (PDF) and the site's download (canvas) all draw these rows, so a court exhibit breaks its
 * lines at the same places whichever copy is printed.
 */
import type { BannerLine } from './banner.ts';

export const BANNER_COLOURS = { background: '#f6f6f6', rule: '#000091', label: '#3a3a3a', value: '#161616' } as const;

/** The page width the site and the dossier lay the banner out for: the capture viewport's. */
export const BANNER_REFERENCE_WIDTH = 1280;

/**
 * Sizes for a page `width` px wide. The viewport is 1,280 px: printed across an A4 page (~190 mm) a value
 * line of 22 px is ~9 pt, a label ~7.5 pt. Narrower pages keep at least 16 px so the screen stays readable.
 */
export function bannerSizes(width: number) {
  const valuePx = Math.max(16, Math.round((22 * width) / 1280));
  const labelPx = Math.round(valuePx * 0.82);
  const lineHeight = Math.round(valuePx * 1.4);
  const margin = Math.round(valuePx * 1.4);
  return {
    valuePx,
    labelPx,
    lineHeight,
    rowGap: Math.round(valuePx * 0.3),
    margin,
    /** Above and below the rows, inside the banner. */
    padding: Math.round(margin * 0.6),
    gap: valuePx,
    rule: Math.max(3, Math.round(valuePx / 6)),
    /** Baselines sit ~72 % down each line box, so that both columns share them. */
    baseline: Math.round(lineHeight * 0.72),
  };
}

export type BannerSizes = ReturnType<typeof bannerSizes>;

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

/** Widths in px of a label (regular weight) and of a value (bold), at the size asked. */
export interface BannerMeasure {
  label(text: string, sizePx: number): number;
  value(text: string, sizePx: number): number;
}

export interface BannerRow {
  label: string[];
  value: string[];
}

export interface BannerLayout {
  width: number;
  height: number;
  rows: BannerRow[];
  sizes: BannerSizes;
  /** x of the value column, and the widest either column may be. */
  valueX: number;
  labelWidth: number;
  valueWidth: number;
}

/** Wraps every line into two columns (label, value) that fit `width`. */
export function layoutBanner(lines: BannerLine[], width: number, measure: BannerMeasure): BannerLayout {
  const sizes = bannerSizes(width);
  const measureLabel = (text: string) => measure.label(text, sizes.labelPx);
  const measureValue = (text: string) => measure.value(text, sizes.valuePx);
  const inner = width - 2 * sizes.margin;
  // The label column is as wide as its longest label, up to a third of the banner (narrow pages wrap labels).
  const labelWidth = Math.min(Math.ceil(Math.max(...lines.map((l) => measureLabel(l.label)))), Math.floor(inner / 3));
  const valueX = sizes.margin + labelWidth + sizes.gap;
  const valueWidth = width - sizes.margin - valueX;
  const rows = lines.map((l) => ({
    label: wrapText(l.label, labelWidth, measureLabel),
    value: wrapText(l.value, valueWidth, measureValue),
  }));
  const height = sizes.rule + 2 * sizes.padding + rowsHeight(rows, sizes);
  return { width, height, rows, sizes, valueX, labelWidth, valueWidth };
}

const rowsHeight = (rows: BannerRow[], sizes: BannerSizes) =>
  rows.reduce((n, r) => n + Math.max(r.label.length, r.value.length), 0) * sizes.lineHeight +
  (rows.length - 1) * sizes.rowGap;

/** Where each text line of the banner goes: y of its baseline from the top of the banner, and its column. */
export function bannerTexts(
  layout: BannerLayout,
): { column: 'label' | 'value'; x: number; baseline: number; text: string }[] {
  const { sizes } = layout;
  const texts: { column: 'label' | 'value'; x: number; baseline: number; text: string }[] = [];
  let top = sizes.rule + sizes.padding;
  for (const row of layout.rows) {
    const baseline = (i: number) => top + i * sizes.lineHeight + sizes.baseline;
    row.label.forEach((text, i) => texts.push({ column: 'label', x: sizes.margin, baseline: baseline(i), text }));
    row.value.forEach((text, i) => texts.push({ column: 'value', x: layout.valueX, baseline: baseline(i), text }));
    top += Math.max(row.label.length, row.value.length) * sizes.lineHeight + sizes.rowGap;
  }
  return texts;
}
