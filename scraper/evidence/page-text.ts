/**
 * Every text taken from a page (title, headings, matched text, choices) goes through here before it is kept:
 * a hostile or broken page must not put megabytes, terminal escapes, invalid XML or reversed text
 * (bidi overrides) into records, feeds, alerts or logs.
 */

/** Longest kept text of each kind, in characters. */
export const TEXT_LIMITS = { title: 300, heading: 300, headings: 40, text: 100_000, url: 2000 } as const;

// C0 and C1 controls (tab and newlines become spaces like any white space), the bidi embeddings, overrides and
// isolates, and what XML 1.0 forbids: lone surrogates and the two non-characters.
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const NOT_XML = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** One line of plain text, at most `max` characters (an ellipsis says it was cut). */
export function cleanText(raw: string, max: number): string {
  return capped(raw.replace(CONTROLS, ' ').replace(BIDI, '').replace(NOT_XML, '').replace(/\s+/g, ' ').trim(), max);
}

/** Text whose line breaks matter (the page's visible text): each line cleaned, empty ones dropped, the whole capped. */
export function cleanLines(raw: string, max: number): string {
  return capped(
    raw
      .split('\n')
      .map((line) => cleanText(line, max))
      .filter(Boolean)
      .join('\n'),
    max,
  );
}

function capped(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '') + '…';
}

/**
 * The page's visible text as kept beside its image (`<stamp>.txt`): Unicode NFC, cleaned line by line, one final
 * newline. Identical pages give identical files, which Git stores once.
 */
export function normalisePageText(raw: string): string {
  const text = cleanLines(raw.normalize('NFC').replace(/\r\n?/g, '\n'), TEXT_LIMITS.text);
  return text ? `${text}\n` : '';
}
