/**
 * Text that the PDF's standard fonts can print. pdf-lib's Helvetica and Courier encode WinAnsi only: French
 * letters, « », ’, —, …, × and ° are in it; thin spaces, ≥, → or a Cyrillic name are not and would make
 * pdf-lib throw. Every string drawn goes through `printable`; unknown characters become a close ASCII form.
 */
import type { PDFFont } from 'pdf-lib';
import { wrapText } from '../evidence/banner-layout.ts';

const REPLACEMENTS: Record<string, string> = {
  '\u202f': '\u00a0', // narrow no-break space, which Intl puts in French numbers
  '\u2009': ' ',
  '\u2007': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u200b': '',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2212': '-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2192': '->',
  '\u2190': '<-',
  '\u2713': 'v',
  '\u2714': 'v',
  '\u2717': 'x',
  '\u2718': 'x',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
  '\u2032': "'",
  '\u2033': '"',
};

/** `text` with every character the font cannot encode replaced: known look-alikes, then the letter without its accent, then `?`. */
export function printable(text: string, charset: ReadonlySet<number>): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    if (charset.has(code)) out += char;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else if (char in REPLACEMENTS && [...REPLACEMENTS[char]!].every((c) => charset.has(c.codePointAt(0)!)))
      out += REPLACEMENTS[char];
    else {
      const bare = char.normalize('NFD').replace(/\p{M}/gu, '');
      out += bare !== char && [...bare].every((c) => charset.has(c.codePointAt(0)!)) ? bare : '?';
    }
  }
  return out;
}

/** The character set of a pdf-lib font, for `printable`. */
export function charsetOf(font: PDFFont): Set<number> {
  return new Set(font.getCharacterSet());
}

/**
 * Splits printable text into lines no wider than `width` at `size`, the way the exhibit's banner does: at
 * spaces, and a word longer than a line (a URL, a hash) after a `/`, `?`, `&`, `=`, `.`, `_` or `-` if it can.
 */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  return wrapText(text, width, (s) => font.widthOfTextAtSize(s, size));
}

/** Printable text cut with « … » to fit `width`. */
export function ellipsize(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let end = text.length;
  while (end > 0 && font.widthOfTextAtSize(`${text.slice(0, end)}…`, size) > width) end--;
  return `${text.slice(0, end)}…`;
}
