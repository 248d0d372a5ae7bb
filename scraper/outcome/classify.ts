/**
 * Decides what the final page of an attempt says. Pure: it reads a snapshot of the page (taken by the
 * navigation driver), lists every signal it carries (texts, slot radios, calendar cells, progress images,
 * the embedded `critere` state, a captcha, an error page), then decides. HTTP errors, firewalls and
 * overload pages win first, so old text left on a broken page decides nothing. A page whose signals
 * contradict each other (a no-slot sentence and slot radios, a captcha and a calendar) is never settled:
 * it is `unrecognized`, with every signal listed. The rule that decided has a stable name (rules.ts).
 * A site of its own (`steps` motifs) brings its texts, which replace the wordings of the two platforms.
 */
import type { Outcome } from './outcomes.ts';
import { readFacts, type PageFacts } from './facts.ts';
import { RULES, type RuleName } from './rules.ts';

export interface PageSnapshot {
  /** Final URL of the main frame. */
  url: string;
  /** HTTP status of the last main-frame document, null when none arrived (timeout, connection failure). */
  status: number | null;
  title: string;
  /** Texts of the visible h1, h2 and h3 elements, in page order (a hidden « Contacts » box is not read). */
  headings: string[];
  /** Visible text of the body, one line per block, white space folded within lines. */
  text: string;
  /** Selectors of captcha widgets found on the page (empty when none). */
  captcha: string[];
  /** Free cells of a legacy week calendar (`td.free`, `td.status-1`). */
  freeCells: number;
  /** Slot radios of RDV Préfecture (`trhId_…`). */
  slotRadios: number;
  /** File names of the legacy progress-bar images (`etape_3r.png`…), wherever the bar is. */
  progress: string[];
  /** `datePremiereDispo` of the embedded `"critere"` state: '' when no slot, null when the page has none. */
  firstSlotDate: string | null;
  /** Why navigation stopped early, when it did: a timeout or a network failure (one line). */
  failure: string | null;
  /** Why the driver stopped on a page it knows but cannot go past (a guichet that is not offered…). */
  stopReason: string | null;
}

/** One thing the page says about the outcome, and the page text (or element) that says it. */
export interface Signal {
  rule: RuleName;
  outcome: Outcome;
  text: string;
}

export interface Classification {
  outcome: Outcome;
  /** The text (or status) that decided the outcome, quoted in the record. */
  matchedText: string;
  /** Stable name of the deciding rule (rules.ts, docs/resultats.md). */
  rule: RuleName;
  /** Dates the page gives (next slot, publications), whatever the outcome. */
  facts: PageFacts;
  /** Every signal seen, the deciding one included. */
  signals: Signal[];
}

/** Compares texts the way a reader does: typographic apostrophes and spacing do not matter. */
export function fold(text: string): string {
  return text.replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A phrase found the way a reader finds it: any case, any spacing, either apostrophe. */
function phrase(text: string): RegExp {
  const words = text
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’‘`]/g, "['’‘`]"));
  return new RegExp(words.join('\\s+'), 'i');
}

/** The sentence of the page around a match, as written, for the record: within its line, between full stops. */
function sentence(text: string, found: RegExpExecArray): string {
  const before = text.slice(0, found.index);
  const start = Math.max(
    0,
    ...['\n', '. ', '! ', '? '].map((mark) => {
      const at = before.lastIndexOf(mark);
      return at < 0 ? 0 : at + mark.length;
    }),
  );
  const rest = text.slice(found.index + found[0].length);
  const end = rest.search(/[.!?](\s|$)|\n/);
  const ended = /[.!?]$/.test(found[0]);
  const stop = ended ? 0 : end < 0 ? rest.length : rest[end] === '\n' ? end : end + 1;
  return text
    .slice(start, found.index + found[0].length + stop)
    .trim()
    .slice(0, 400);
}

/** The texts of a site of its own that decide its outcome (target file, `texts` of a `steps` motif). */
export interface SiteTexts {
  noSlot: string[];
  slots: string[];
  error: string[];
}

// Texts of the real pages (docs/sites/legacy.md « Étape 2 : aucun créneau », docs/sites/legacy.md « Erreurs », docs/sites/rdv-prefecture.md « Page des créneaux » and docs/sites/legacy.md), each under the rule it feeds.
const LEGACY_NO_SLOT = phrase("Il n'existe plus de plage horaire libre");
const LEGACY_NO_CALENDAR = /pas\s+(?:de\s+)?calendrier\s+disponible/i;
const OVERLOAD = /surcharg[ée]/i;
const OVERLOAD_TEXT =
  /\b(?:service|serveur|site)\s+(?:est\s+)?(?:actuellement\s+|momentanément\s+)?surcharg|\best\s+actuellement\s+surcharg/i;
const RDV_FROM_DATE = phrase('Aucun créneau disponible à partir de cette date');
const RDV_EMPTY_WEEK = phrase('Aucun créneau disponible sur cette semaine');
const RDV_NEXT = /Prochaine\s+disponibilit[ée]\s+le\b/i;
const RDV_RETRY = phrase('Veuillez réessayer ultérieurement');
const RDV_NO_SLOT = phrase('Aucun créneau disponible');
const SLOT_HEADINGS = [phrase('Description de la nature du rendez-vous'), phrase("Choix d'une plage horaire")];
/**
 * The active step of the legacy progress bar, `r` (docs/sites/legacy.md « Étapes », docs/sites/legacy.md « Erreurs »): steps 3 and 4 come only with slots. Val-d'Oise marks
 * the current step with `G` (docs/sites/legacy.md « Étape 2 : aucun créneau »), but what `G` means elsewhere is not known: it decides nothing.
 */
const SLOT_PROGRESS = /^etape_[34]r\.(png|gif|jpe?g)$/;
const GATEWAY_HEADING = /^(?:erreur\s+)?50\d\b/i;
const BLOCK_HEADING = /\b403\b|Forbidden|Access denied|Accès refusé|Request unsuccessful|Incapsula/i;
const BLOCK_TEXTS = [phrase('Request forbidden by administrative rules'), /Incapsula incident/i];
const ERROR_TEXTS = [
  phrase('No server is available to handle this request'),
  phrase('The server returned an invalid or incomplete response'),
  // ANEF and FranceConnect say « temporairement », « est … indisponible », « s'est produite » (docs/capturer-soi-meme.md).
  /\bsite\s+(?:est\s+)?(?:momentanément\s+|temporairement\s+|actuellement\s+)?indisponible/i,
  /\bservice\s+(?:est\s+)?(?:momentanément\s+|temporairement\s+|actuellement\s+)?indisponible/i,
  /\ben\s+maintenance\b|\bmaintenance\s+en\s+cours\b|opération\s+de\s+maintenance/i,
  /\bune\s+erreur\s+(?:technique\s+|inattendue\s+)?(?:est\s+survenue|s['’]est\s+produite)/i,
  /\berreur\s+(?:technique|interne|inattendue)\b/i,
];

/** A page of the RDV Préfecture slot step: the only place where « Veuillez réessayer ultérieurement. » alone means no slot. */
function onRdvSlotPage(page: PageSnapshot): boolean {
  return (
    /\/creneau\b/i.test(page.url) ||
    page.firstSlotDate !== null ||
    [page.title, ...page.headings].some((t) => /choisissez votre créneau/i.test(t))
  );
}

/** Signals read from the embedded `critere` state rather than from what the page shows. */
const STATE_RULES = new Set<RuleName>(['rdv-critere-date', 'rdv-critere-empty']);

function signal(rule: RuleName, text: string): Signal {
  return { rule, outcome: RULES[rule].outcome, text };
}

function match(page: PageSnapshot, pattern: RegExp): string | null {
  const found = pattern.exec(page.text);
  return found ? sentence(page.text, found) : null;
}

/** The longest sentence holding the pattern: the one that explains, not a heading that names. */
function longest(page: PageSnapshot, pattern: RegExp): string | null {
  const all = [...page.text.matchAll(new RegExp(pattern.source, `${pattern.flags}g`))].map((m) =>
    sentence(page.text, m),
  );
  return all.reduce<string | null>((a, b) => (a === null || b.length > a.length ? b : a), null);
}

/** Signals that end the reading whatever else the page says: the site did not answer with its page. */
function hardSignals(p: PageSnapshot): Signal[] {
  const out: Signal[] = [];
  if (p.status === 403) out.push(signal('http-403', `HTTP 403 ${p.headings[0] ?? ''}`.trim()));
  const blockedHeading = p.headings.find((h) => BLOCK_HEADING.test(h));
  if (blockedHeading) out.push(signal('firewall-page', blockedHeading));
  for (const pattern of BLOCK_TEXTS) {
    const text = match(p, pattern);
    if (text) out.push(signal('firewall-page', text));
  }
  if (p.failure) out.push(signal('navigation-failure', p.failure));
  const overloadHeading = p.headings.find((h) => OVERLOAD.test(h));
  // The long sentence is ambiguous (overload « et/ou » no slot): the record keeps it whole.
  const overloadText = overloadHeading || OVERLOAD_TEXT.test(p.text) ? longest(p, OVERLOAD) : null;
  if (overloadHeading || overloadText) out.push(signal('overloaded', overloadText ?? overloadHeading!));
  const gateway = p.headings.find((h) => GATEWAY_HEADING.test(h));
  if (gateway) out.push(signal('gateway-error', gateway));
  if (p.status !== null && p.status >= 500) out.push(signal('http-5xx', `HTTP ${p.status}`));
  return out;
}

function platformSignals(p: PageSnapshot): Signal[] {
  const out: Signal[] = [];
  const add = (rule: RuleName, text: string | null) => {
    if (text) out.push(signal(rule, text));
  };
  for (const pattern of ERROR_TEXTS) add('error-text', match(p, pattern));
  // Slots.
  const next = RDV_NEXT.exec(p.text);
  if (next) add('rdv-next-availability', sentence(p.text, next));
  if (p.slotRadios > 0) add('rdv-slot-radios', `${p.slotRadios} créneau(x) proposé(s) (trhId)`);
  if (p.firstSlotDate) add('rdv-critere-date', `"datePremiereDispo": "${p.firstSlotDate}"`);
  if (p.freeCells > 0) add('legacy-free-cells', `${p.freeCells} plage(s) libre(s) dans le calendrier`);
  const slotHeading = p.headings.find((h) => SLOT_HEADINGS.some((s) => s.test(h)));
  add('legacy-slot-step', slotHeading ?? null);
  add('legacy-progress-image', p.progress.find((src) => SLOT_PROGRESS.test(src)) ?? null);
  // No slot.
  add('legacy-no-slot', match(p, LEGACY_NO_SLOT));
  add('legacy-no-calendar', match(p, LEGACY_NO_CALENDAR));
  add('rdv-no-slot-from-date', match(p, RDV_FROM_DATE));
  if (!next) add('rdv-empty-week', match(p, RDV_EMPTY_WEEK));
  if (onRdvSlotPage(p) && !RDV_FROM_DATE.test(p.text)) add('rdv-retry-later', match(p, RDV_RETRY));
  // The embedded state decides alone only when the page's texts say nothing (a bot reads it alone).
  if (p.firstSlotDate === '') add('rdv-critere-empty', '"datePremiereDispo": ""');
  if (!RDV_FROM_DATE.test(p.text) && !RDV_EMPTY_WEEK.test(p.text)) add('rdv-no-slot-text', match(p, RDV_NO_SLOT));
  return out;
}

function siteSignals(p: PageSnapshot, texts: SiteTexts): Signal[] {
  const find = (rule: RuleName, needles: string[]) =>
    needles.flatMap((needle) => {
      const text = match(p, phrase(needle));
      return text ? [signal(rule, text)] : [];
    });
  return [
    ...find('site-text-error', texts.error),
    ...find('site-text-slots', texts.slots),
    ...find('site-text-no-slot', texts.noSlot),
  ];
}

function captchaSignals(p: PageSnapshot): Signal[] {
  return p.captcha.length > 0 ? [signal('captcha', `captcha : ${p.captcha.join(', ')}`)] : [];
}

const describe = (s: Signal) => `${s.outcome} [${s.rule}] « ${s.text} »`;

/** `texts`: those of a site of its own; without them, the wordings of the legacy module and RDV Préfecture. */
export function classify(page: PageSnapshot, texts?: SiteTexts): Classification {
  const facts = texts ? {} : readFacts(page);
  const hard = hardSignals(page);
  const signals = [...hard, ...captchaSignals(page), ...(texts ? siteSignals(page, texts) : platformSignals(page))];
  const decide = (s: Signal): Classification => ({
    outcome: s.outcome,
    matchedText: s.text,
    rule: s.rule,
    facts,
    signals,
  });
  const unrecognized = (rule: RuleName, matchedText: string): Classification => ({
    outcome: 'unrecognized',
    matchedText,
    rule,
    facts,
    signals,
  });
  if (hard[0]) return decide(hard[0]);
  const of = (kind: string) => signals.filter((s) => RULES[s.rule].kind === kind);
  const [captcha, errors, slots, noSlot, weak] = ['captcha', 'error', 'slot', 'no-slot', 'weak-no-slot'].map(of) as [
    Signal[],
    Signal[],
    Signal[],
    Signal[],
    Signal[],
  ];
  const verdicts = [...slots, ...noSlot];
  // What the page shows, not the state its script carries: that state may ride along on the captcha page too.
  const shown = verdicts.filter((v) => !STATE_RULES.has(v.rule));
  // A captcha or an error text beside a page that says how booking stands, or slots beside a no-slot
  // sentence: the page cannot be settled, and a wrong « aucun créneau » is worse than none.
  const contradiction =
    (captcha.length > 0 && shown.length + weak.length > 0) ||
    (errors.length > 0 && shown.length > 0) ||
    (slots.length > 0 && noSlot.length > 0);
  if (contradiction) {
    const seen = [...captcha, ...errors, ...verdicts];
    return unrecognized('contradiction', `signaux contradictoires : ${seen.map(describe).join(' ; ')}`);
  }
  const first = captcha[0] ?? errors[0] ?? slots[0] ?? noSlot[0] ?? weak[0];
  if (first) return decide(first);
  if (page.stopReason) return unrecognized('driver-stopped', page.stopReason);
  const seen = page.headings.at(-1) ?? page.title;
  return unrecognized('unknown-page', seen ? `page inconnue : « ${seen} »` : 'page vide');
}
