/**
 * Decides what the final page of an attempt says. Pure: it reads a snapshot of the page (taken by the
 * navigation driver), lists every signal it carries (texts, slot radios, calendar cells, progress images,
 * the embedded `critere` state, a captcha, an error page), then decides. HTTP errors, firewalls and
 * overload pages win first, so old text left on a broken page decides nothing. A page whose signals
 * contradict each other (a no-slot sentence and slot radios, a captcha and a calendar) is never settled:
 * it is `unrecognized`, with every signal listed. The rule that decided has a stable name (rules.ts).
 * Each signal keeps apart what the page said, word for word (`quote`, only text found as written on the
 * page), and what the tool concluded (`description`, never between quotation marks).
 * A site of its own (`steps` motifs) brings its texts, which replace the wordings of the two platforms.
 */
import type { Outcome } from './outcomes.ts';
import { readFacts, type PageFacts } from './facts.ts';
import { RULES, type RuleName } from './rules.ts';
import type { PageDialog, PageSnapshot } from './page.ts';
import { onPage } from './verbatim.ts';

/** What the page said, and what the tool concluded from it. */
export interface Said {
  /** What the tool saw, in its own words (« 5 plages libres dans le calendrier », « réponse HTTP 403 »). */
  description: string;
  /** The page's text that says it, exactly as in the page text; absent when markup, a status or a count decided. */
  quote?: string;
}

/** One thing the page says about the outcome. */
export interface Signal extends Said {
  rule: RuleName;
  outcome: Outcome;
}

export interface Classification extends Said {
  outcome: Outcome;
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

/** What the captcha widgets are, for the description (navigate/captcha.ts lists the selectors). */
const CAPTCHA_KINDS: Record<string, string> = {
  'rdv-captchetat': 'CaptchEtat de RDV Préfecture',
  '#captchaFormulaireExtInput': 'champ de code de sécurité',
  '#BDC_CaptchaComponent': 'image de code CaptchEtat',
  '.g-recaptcha': 'reCAPTCHA de Google',
  'iframe[src*="recaptcha"]': 'reCAPTCHA de Google',
  '[name="eZHumanCAPTCHACode"]': 'champ de code eZHumanCAPTCHA',
  '.cf-turnstile': 'Turnstile de Cloudflare',
};

const counted = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/**
 * A signal in the tool's words (the rule's own description unless told); `quote`, the page's text that says it,
 * is kept only when it is on the page as written: a heading or a sentence, never a title, a selector or a count.
 */
function signal(rule: RuleName, page: PageSnapshot, said: { description?: string; quote?: string | null }): Signal {
  const { quote } = said;
  const description = said.description ?? RULES[rule].description;
  const verbatim = quote && onPage(quote, page.text) ? quote : null;
  // Words seen in a dialog, not in the page: the screenshot does not show them, the description says where they were.
  const dialog = verbatim ? page.dialogs.find((d) => onPage(verbatim, d.message)) : undefined;
  return {
    rule,
    outcome: RULES[rule].outcome,
    description: dialog ? `${description} (message affiché par le site, ${DIALOG_KINDS[dialog.type]})` : description,
    ...(verbatim ? { quote: verbatim } : {}),
  };
}

const DIALOG_KINDS: Record<PageDialog['type'], string> = {
  alert: 'boîte d’alerte',
  confirm: 'boîte de confirmation',
  prompt: 'boîte de saisie',
  beforeunload: 'avertissement avant de quitter la page',
};

/** The page's text followed by its dialogs' words, one line each: what the text rules read and quote from. */
const withDialogs = (page: PageSnapshot): PageSnapshot =>
  page.dialogs.length === 0 ? page : { ...page, text: [page.text, ...page.dialogs.map((d) => d.message)].join('\n') };

/** A signal that the page's own words carry. */
const quoted = (rule: RuleName, page: PageSnapshot, quote: string) => signal(rule, page, { quote });

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
  // First: when the site could not be reached, what the window shows is the browser's, not the site's. The tool's
  // own account of why: a description, never the page's words.
  if (p.failure?.side === 'runner') out.push(signal('runner-network', p, { description: p.failure.text }));
  if (p.status === 403) out.push(signal('http-403', p, { description: 'réponse HTTP 403', quote: p.headings[0] }));
  const blockedHeading = p.headings.find((h) => BLOCK_HEADING.test(h));
  if (blockedHeading) out.push(quoted('firewall-page', p, blockedHeading));
  for (const pattern of BLOCK_TEXTS) {
    const text = match(p, pattern);
    if (text) out.push(quoted('firewall-page', p, text));
  }
  // The tool's own account of why the page did not come: a description, never the page's words.
  if (p.failure?.side === 'site') out.push(signal('navigation-failure', p, { description: p.failure.text }));
  const overloadHeading = p.headings.find((h) => OVERLOAD.test(h));
  // The long sentence is ambiguous (overload « et/ou » no slot): the record keeps it whole.
  const overloadText = overloadHeading || OVERLOAD_TEXT.test(p.text) ? longest(p, OVERLOAD) : null;
  if (overloadHeading || overloadText) out.push(quoted('overloaded', p, overloadText ?? overloadHeading!));
  const gateway = p.headings.find((h) => GATEWAY_HEADING.test(h));
  if (gateway) out.push(quoted('gateway-error', p, gateway));
  if (p.status !== null && p.status >= 500)
    out.push(signal('http-5xx', p, { description: `réponse HTTP ${p.status}` }));
  return out;
}

function platformSignals(p: PageSnapshot): Signal[] {
  const out: Signal[] = [];
  const add = (rule: RuleName, text: string | null) => {
    if (text) out.push(quoted(rule, p, text));
  };
  const seen = (rule: RuleName, description: string) => out.push(signal(rule, p, { description }));
  for (const pattern of ERROR_TEXTS) add('error-text', match(p, pattern));
  // Slots.
  const next = RDV_NEXT.exec(p.text);
  if (next) add('rdv-next-availability', sentence(p.text, next));
  if (p.slotRadios > 0)
    seen('rdv-slot-radios', `${counted(p.slotRadios, 'créneau proposé', 'créneaux proposés')} (boutons trhId)`);
  if (p.firstSlotDate) seen('rdv-critere-date', `${RULES['rdv-critere-date'].description} : ${p.firstSlotDate}`);
  if (p.freeCells > 0)
    seen('legacy-free-cells', `${counted(p.freeCells, 'plage libre', 'plages libres')} dans le calendrier`);
  const slotHeading = p.headings.find((h) => SLOT_HEADINGS.some((s) => s.test(h)));
  add('legacy-slot-step', slotHeading ?? null);
  const progress = p.progress.find((src) => SLOT_PROGRESS.test(src));
  if (progress)
    seen('legacy-progress-image', `barre de progression à l’étape ${progress.charAt(6)} (image ${progress})`);
  // No slot.
  add('legacy-no-slot', match(p, LEGACY_NO_SLOT));
  add('legacy-no-calendar', match(p, LEGACY_NO_CALENDAR));
  add('rdv-no-slot-from-date', match(p, RDV_FROM_DATE));
  if (!next) add('rdv-empty-week', match(p, RDV_EMPTY_WEEK));
  if (onRdvSlotPage(p) && !RDV_FROM_DATE.test(p.text)) add('rdv-retry-later', match(p, RDV_RETRY));
  // The embedded state decides alone only when the page's texts say nothing (a bot reads it alone).
  if (p.firstSlotDate === '') seen('rdv-critere-empty', RULES['rdv-critere-empty'].description);
  if (!RDV_FROM_DATE.test(p.text) && !RDV_EMPTY_WEEK.test(p.text)) add('rdv-no-slot-text', match(p, RDV_NO_SLOT));
  return out;
}

function siteSignals(p: PageSnapshot, texts: SiteTexts): Signal[] {
  const find = (rule: RuleName, needles: string[]) =>
    needles.flatMap((needle) => {
      const text = match(p, phrase(needle));
      return text ? [quoted(rule, p, text)] : [];
    });
  return [
    ...find('site-text-error', texts.error),
    ...find('site-text-slots', texts.slots),
    ...find('site-text-no-slot', texts.noSlot),
  ];
}

function captchaSignals(p: PageSnapshot): Signal[] {
  const out: Signal[] = [];
  const kinds = [...new Set(p.captcha.map((s) => CAPTCHA_KINDS[s] ?? s))];
  if (p.captcha.length > 0)
    out.push(signal('captcha', p, { description: `captcha détecté : ${kinds.join(', ')} (${p.captcha.join(', ')})` }));
  const [label] = p.choices.codeFields;
  if (label !== undefined) out.push(signal('code-field-captcha', p, { quote: label }));
  return out;
}

/**
 * Choices a person would recognise on any site (navigate/choices.ts): they speak for slots only when some are
 * offered. None offered says nothing: a list may be filled later, or drawn in a way no rule knows.
 */
function choiceSignals(p: PageSnapshot): Signal[] {
  const { times, days, freeTexts } = p.choices;
  const out: Signal[] = [];
  if (times.length > 0)
    out.push(
      signal('offered-hours', p, {
        description: counted(times.length, 'heure proposée au choix', 'heures proposées au choix'),
        quote: times[0],
      }),
    );
  if (days.length > 0)
    out.push(
      signal('selectable-days', p, {
        description: `${counted(days.length, 'jour à choisir', 'jours à choisir')} dans un calendrier`,
      }),
    );
  if (freeTexts.length > 0)
    out.push(
      signal('free-cells-text', p, {
        description: `${counted(freeTexts.length, 'case de tableau dit', 'cases de tableau disent')} le créneau libre`,
        quote: freeTexts[0],
      }),
    );
  return out;
}

const describe = (s: Signal) => `${s.description} (${s.rule})`;

/** `texts`: those of a site of its own; without them, the wordings of the legacy module and RDV Préfecture. */
export function classify(seen: PageSnapshot, texts?: SiteTexts): Classification {
  const page = withDialogs(seen);
  const facts = texts ? {} : readFacts(page);
  const hard = hardSignals(page);
  const signals = [
    ...hard,
    ...captchaSignals(page),
    ...(texts ? siteSignals(page, texts) : platformSignals(page)),
    ...choiceSignals(page),
  ];
  const decide = ({ outcome, rule, description, quote }: Signal): Classification => ({
    outcome,
    rule,
    description,
    ...(quote ? { quote } : {}),
    facts,
    signals,
  });
  const unrecognized = (rule: RuleName, said: { description?: string; quote?: string | null }) =>
    decide(signal(rule, page, said));
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
    return unrecognized('contradiction', {
      description: `signaux contradictoires : ${seen.map(describe).join(' ; ')}`,
    });
  }
  const first = captcha[0] ?? errors[0] ?? slots[0] ?? noSlot[0] ?? weak[0];
  if (first) return decide(first);
  if (page.stopReason) return unrecognized('driver-stopped', { description: page.stopReason });
  // The last heading, as the page shows it; the title is not in the page text (the record keeps it apart).
  return unrecognized(
    'unknown-page',
    page.text.trim() || page.headings.length > 0 ? { quote: page.headings.at(-1) } : { description: 'page vide' },
  );
}
