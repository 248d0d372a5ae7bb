/**
 * Decides what the final page of an attempt says. Pure: it reads a snapshot of the page
 * (taken by the navigation driver) and returns the outcome with the text that decided it.
 * Rules are tried in order; the first that matches wins, so errors and firewalls are recognised
 * before any text that a broken page might still contain. A site of its own (`steps` motifs) brings
 * its texts, which replace the wordings known for the two booking platforms.
 */
import type { Outcome } from './outcomes.ts';

export interface PageSnapshot {
  /** Final URL of the main frame. */
  url: string;
  /** HTTP status of the last main-frame document, null when none arrived (timeout, connection failure). */
  status: number | null;
  title: string;
  /** Texts of the h1 and h2 elements, in page order. */
  headings: string[];
  /** Visible text of the body, white space folded. */
  text: string;
  /** Selectors of captcha widgets found on the page (empty when none). */
  captcha: string[];
  /** Number of bookable slots seen (legacy calendar cells, rdv-prefecture radios). */
  freeSlots: number;
  /** Why navigation stopped early, when it did: a timeout or a network failure (one line). */
  failure: string | null;
  /** Why the driver stopped on a page it knows but cannot go past (a guichet that is not offered…). */
  stopReason: string | null;
}

export interface Classification {
  outcome: Outcome;
  /** The text (or status) that decided the outcome, quoted in the record. */
  matchedText: string;
}

// Exact wording of the legacy no-slot page (docs/sites/legacy.md « Étape 2 : aucun créneau ») and of RDV Préfecture
// (docs/sites/rdv-prefecture.md « Page des créneaux »); « Veuillez réessayer ultérieurement. » alone is what
// Seine-Saint-Denis showed in 2025 (docs/sites/legacy.md « Étape 2 : aucun créneau », [U]).
const NO_SLOT_TEXTS = [
  "Il n'existe plus de plage horaire libre pour votre demande de rendez-vous",
  'Aucun créneau disponible',
  'Veuillez réessayer ultérieurement',
  'Veuillez recommencer ultérieurement',
];
const SLOT_HEADINGS = ['Description de la nature du rendez-vous', "Choix d'une plage horaire"];
const OVERLOAD_TEXTS = ['Service surchargé'];
const GATEWAY_HEADING = /\b50[0-9]\b/;
const BLOCK_HEADING = /403|Forbidden|Access denied|Accès refusé|Request unsuccessful|Incapsula/i;

/** Compares texts the way a reader does: typographic apostrophes and spacing do not matter. */
export function fold(text: string): string {
  return text.replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

function findText(haystack: string, needles: string[]): string | null {
  const folded = fold(haystack);
  return needles.find((n) => folded.includes(fold(n))) ?? null;
}

/** The texts of a site of its own that decide its outcome (target file, `texts` of a `steps` motif). */
export interface SiteTexts {
  noSlot: string[];
  slots: string[];
  error: string[];
}

type Rule = (page: PageSnapshot, texts: SiteTexts | undefined) => Classification | null;

const rules: Rule[] = [
  (p) => (p.status === 403 ? { outcome: 'blocked', matchedText: `HTTP 403 ${p.headings[0] ?? ''}`.trim() } : null),
  (p) => {
    const heading = p.headings.find((h) => BLOCK_HEADING.test(h));
    return heading ? { outcome: 'blocked', matchedText: heading } : null;
  },
  (p) => (p.failure ? { outcome: 'site-error', matchedText: p.failure } : null),
  (p) => {
    const overload = findText(p.headings.join(' '), OVERLOAD_TEXTS);
    return overload ? { outcome: 'site-error', matchedText: overload } : null;
  },
  (p) => {
    const heading = p.headings.find((h) => GATEWAY_HEADING.test(h));
    if (heading) return { outcome: 'site-error', matchedText: heading };
    return p.status !== null && p.status >= 500 ? { outcome: 'site-error', matchedText: `HTTP ${p.status}` } : null;
  },
  (p, texts) => {
    const error = texts ? findText(p.text, texts.error) : null;
    return error ? { outcome: 'site-error', matchedText: error } : null;
  },
  (p) => (p.captcha.length > 0 ? { outcome: 'captcha', matchedText: `captcha : ${p.captcha.join(', ')}` } : null),
  (p) => (p.freeSlots > 0 ? { outcome: 'slot-available', matchedText: `${p.freeSlots} créneau(x) libre(s)` } : null),
  (p, texts) => {
    const slot = texts ? findText(p.text, texts.slots) : findText(p.headings.join(' '), SLOT_HEADINGS);
    return slot ? { outcome: 'slot-available', matchedText: slot } : null;
  },
  (p, texts) => {
    const text = findText(p.text, texts?.noSlot ?? NO_SLOT_TEXTS);
    return text ? { outcome: 'no-slot', matchedText: text } : null;
  },
];

/** `texts`: those of a site of its own; without them, the wordings of the legacy module and RDV Préfecture. */
export function classify(page: PageSnapshot, texts?: SiteTexts): Classification {
  for (const rule of rules) {
    const found = rule(page, texts);
    if (found) return found;
  }
  if (page.stopReason) return { outcome: 'unrecognized', matchedText: page.stopReason };
  const seen = page.headings.at(-1) ?? page.title;
  return { outcome: 'unrecognized', matchedText: seen ? `page inconnue : « ${seen} »` : 'page vide' };
}
