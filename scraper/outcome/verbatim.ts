/**
 * Whether a text really is on a page, as a court reader checks a quotation: the same characters in the same
 * order. Only what cannot be seen is set aside, the same way on both sides: white space (a line break in the
 * page is a space in a sentence) and Unicode composition (the page text is kept in NFC).
 */
const folded = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** True when `quote` is non-empty and appears, as written, in `pageText`. */
export function onPage(quote: string, pageText: string): boolean {
  const wanted = folded(quote);
  return wanted !== '' && folded(pageText).includes(wanted);
}
