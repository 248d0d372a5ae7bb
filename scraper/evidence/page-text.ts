/**
 * The page's visible text, normalised so that identical pages give identical files (and one Git blob):
 * Unicode NFC, spaces collapsed within each line, blank lines dropped, one final newline.
 */
export function normalisePageText(text: string): string {
  const lines = text
    .normalize('NFC')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[\s\u00a0\u200b]+/g, ' ').trim())
    .filter((line) => line !== '');
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
