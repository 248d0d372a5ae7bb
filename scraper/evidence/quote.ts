/**
 * What may be shown between quotation marks of what decided a capture, and what is said of it in the tool's
 * words: the one answer that the site (capture page, image alt text, Atom feed), run summaries and alerts use.
 * Quotation marks, `<q>` and « … » surround only `quote`; `description` is plain text.
 */
import { RULES, type RuleName } from '../outcome/rules.ts';
import { onPage } from '../outcome/verbatim.ts';
import type { EvidenceRecord } from './record.ts';

export interface Deciding {
  /** Page text, word for word; null when nothing of the page may be quoted. */
  quote: string | null;
  /** The tool's account; null only for an older record whose quote no known rule describes. */
  description: string | null;
}

export type DecidingEvidence = Pick<EvidenceRecord['evidence'], 'matchedText' | 'quote' | 'description' | 'rule'>;

/** Whether `deciding` needs the capture's page text: only for records made before quote and description. */
export const needsPageText = (evidence: DecidingEvidence) => evidence.description === undefined;

/**
 * Records with a `description` keep quote and description apart, and their quote was found on the page when
 * it was read (outcome/classify.ts). Older records have only `matchedText`, page text or the tool's words
 * (« captcha : .g-recaptcha », « HTTP 403 403 Forbidden »): it is quoted only when the page text kept beside
 * the record (`pageText`, null when there is none) contains it, and otherwise shown as the description.
 */
export function deciding(evidence: DecidingEvidence, pageText: string | null): Deciding {
  if (!needsPageText(evidence)) return { quote: evidence.quote ?? null, description: evidence.description! };
  const { matchedText, rule } = evidence;
  if (pageText === null || !onPage(matchedText, pageText)) return { quote: null, description: matchedText };
  return { quote: matchedText, description: rule && rule in RULES ? RULES[rule as RuleName].description : null };
}

/** `matchedText` of a new record, for readers made before quote and description: the quote, else the description. */
export const matchedTextOf = (said: { quote?: string; description: string }) => said.quote ?? said.description;

/** One line for plain text (run summary, alert, discover): the description, then the quote between « ». */
export function decidingLine({ quote, description }: { quote?: string | null; description: string | null }): string {
  const parts = [description, quote ? `texte de la page : « ${quote} »` : null];
  return parts.filter((part) => part !== null).join(' ; ');
}

/**
 * The page's words of each signal that carries some, for a page whose signals contradict (no single quote
 * decided it). Signals of older records mix page text and the tool's words in `text`: none of them is quoted.
 */
export function signalQuotes(evidence: Pick<EvidenceRecord['evidence'], 'signals'>): Required<Deciding>[] {
  return (evidence.signals ?? []).flatMap((s) =>
    'description' in s && s.quote ? [{ quote: s.quote, description: s.description }] : [],
  );
}
