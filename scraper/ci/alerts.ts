/**
 * Alerts, as GitHub issues, one per motif. Pure decisions: from each motif's latest captures and the
 * open alert issues, what to open, update or close. Two situations call for a person:
 * - a slot appeared (`slot-available` on the latest capture): someone may want to book it by hand;
 * - the last N attempts were all unrecognized, blocked or captcha pages, or could not reach the site: the
 *   site changed, or blocks the runner, or the runner's own network fails, and the target file or the runner
 *   needs care. A failure of the robot's network never decides a slot alert either way.
 * When the latest captures are back to normal, the issue is closed with a note.
 */
import type { EvidenceRecord } from '../evidence/record.ts';
import { deciding, decidingLine } from '../evidence/quote.ts';
import { parisDateTime } from '../evidence/time.ts';
import { cleanText } from '../evidence/page-text.ts';
import { fromTheSite, OUTCOME_LABELS, type Outcome } from '../outcome/outcomes.ts';

export type AlertKind = 'slot' | 'care';

export const ALERT_LABEL = 'alerte-capture';
export const NEEDS_CARE: Outcome[] = ['unrecognized', 'blocked', 'captcha', 'runner-network'];

export interface MotifState {
  /** `<prefecture>/<motif>` */
  key: string;
  kind: AlertKind | null;
  /** The motif's latest captures, oldest first. */
  recent: EvidenceRecord[];
}

export interface OpenIssue {
  number: number;
  title: string;
  body: string;
}

export type AlertAction =
  | { action: 'open'; key: string; title: string; body: string }
  | { action: 'update'; key: string; number: number; title: string; body: string; comment: string | null }
  | { action: 'close'; key: string; number: number; comment: string };

/** The state of one motif from its latest captures (any order). */
export function motifState(key: string, records: EvidenceRecord[], lastN: number): MotifState {
  const recent = [...records].sort((a, b) => a.capturedAt.localeCompare(b.capturedAt)).slice(-lastN);
  let kind: AlertKind | null = null;
  // A capture that could not reach the site says nothing of its slots: the latest that did decides.
  if (recent.filter(fromTheSite).at(-1)?.outcome === 'slot-available') kind = 'slot';
  else if (recent.length >= lastN && recent.every((r) => NEEDS_CARE.includes(r.outcome))) kind = 'care';
  return { key, kind, recent };
}

/**
 * The capture an alert speaks of: the latest, for a site or a runner that needs care; otherwise the latest that
 * reached the site, since a failure to reach it neither shows a new slot nor a return to normal.
 */
function latestOf(state: MotifState): EvidenceRecord | undefined {
  return (state.kind !== 'care' && state.recent.filter(fromTheSite).at(-1)) || state.recent.at(-1);
}

const marker = (name: string, value: string) => `<!-- stp-${name}:${value} -->`;
const markerValue = (body: string, name: string) => new RegExp(`<!-- stp-${name}:(\\S+) -->`).exec(body)?.[1] ?? null;

export function issueKey(issue: OpenIssue): string | null {
  return markerValue(issue.body, 'alerte');
}

function title(state: MotifState): string {
  const latest = latestOf(state)!;
  const what =
    state.kind === 'slot'
      ? 'Créneau disponible'
      : state.recent.every((r) => !fromTheSite(r))
        ? 'Réseau du robot à vérifier'
        : 'Site à vérifier';
  return `[alerte] ${what} — ${latest.prefectureName} : ${latest.motifLabel}`;
}

/**
 * Page text as a Markdown code span in a table cell: a code span neither mentions (@someone), nor links, nor
 * embeds an image, whatever the page wrote. The fence is longer than any run of backticks in the text; pipes
 * are escaped for the table (GitHub honours `\|` inside code spans there); one line, cleaned of controls.
 */
export function codeSpan(raw: string): string {
  const text = cleanText(raw, 300).replace(/\|/g, '\\|');
  if (text === '') return '';
  const fence = fenceFor(text, 1);
  return `${fence} ${text} ${fence}`;
}

/** A run of backticks longer than any in `text` (and at least `min`): no line of the text can close it. */
export function fenceFor(text: string, min: number): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(min, longest + 1));
}

function body(state: MotifState, imageUrl: (record: EvidenceRecord) => string): string {
  const latest = latestOf(state)!;
  const explanation =
    state.kind === 'slot'
      ? `La dernière tentative a trouvé un **créneau disponible**. Le robot ne réserve jamais : si quelqu’un en a besoin, il faut réserver à la main, vite.`
      : [
          `Les ${state.recent.length} dernières tentatives n’ont pas atteint la page des créneaux (page non reconnue, accès bloqué, captcha ou site non joint).`,
          '',
          `- *Page non reconnue* : le site a sans doute changé ; vérifiez \`scraper/targets/${latest.prefecture}.yaml\` (liens, libellés des guichets).`,
          '- *Accès bloqué* : le site refuse peut-être les adresses des serveurs de GitHub ; un runner auto-hébergé en France ou un proxy (`STP_PROXY`) peut aider.',
          '- *Captcha* : le robot ne résout jamais de captcha ; une capture assistée par une personne reste possible.',
          '- *Réseau du robot* : le robot n’a pas pu joindre le site (nom non résolu, connexion refusée ou coupée, proxy, TLS) ; vérifiez le réseau de la machine qui capture, le proxy (`STP_PROXY`) et l’adresse du site. Ces tentatives ne sont ni publiées ni comptées.',
        ].join('\n');
  const lines = state.recent.map(
    (r) =>
      `| ${parisDateTime(r.capturedAt)} | ${OUTCOME_LABELS[r.outcome]} | ${codeSpan(decidingLine(deciding(r.evidence, null)))} | [image](${imageUrl(r)}) |`,
  );
  return [
    marker('alerte', state.key),
    marker('derniere', latest.id),
    `**${latest.prefectureName}** — ${latest.motifLabel}`,
    '',
    explanation,
    '',
    '| Heure (Paris) | Résultat | Constat | Image |',
    '| --- | --- | --- | --- |',
    ...lines,
    '',
    'Ce ticket est tenu à jour par le workflow de capture, et fermé quand les captures redeviennent normales.',
  ].join('\n');
}

/** What to do on GitHub, given every tracked motif's state and the open alert issues. */
export function decideAlerts(
  states: MotifState[],
  open: OpenIssue[],
  imageUrl: (record: EvidenceRecord) => string,
): AlertAction[] {
  const actions: AlertAction[] = [];
  for (const state of states) {
    const issue = open.find((i) => issueKey(i) === state.key);
    const latest = latestOf(state);
    if (state.kind && !issue) {
      actions.push({ action: 'open', key: state.key, title: title(state), body: body(state, imageUrl) });
    } else if (state.kind && issue && latest && markerValue(issue.body, 'derniere') !== latest.id) {
      const changed = title(state) !== issue.title;
      const comment =
        state.kind === 'slot'
          ? `Nouveau créneau disponible relevé le ${parisDateTime(latest.capturedAt)} : [image](${imageUrl(latest)}).`
          : changed
            ? `La situation a changé : ${OUTCOME_LABELS[latest.outcome]} le ${parisDateTime(latest.capturedAt)}.`
            : null;
      actions.push({
        action: 'update',
        key: state.key,
        number: issue.number,
        title: title(state),
        body: body(state, imageUrl),
        comment,
      });
    } else if (!state.kind && issue && latest) {
      actions.push({
        action: 'close',
        key: state.key,
        number: issue.number,
        comment: `Retour à la normale : ${OUTCOME_LABELS[latest.outcome]} le ${parisDateTime(latest.capturedAt)} ([image](${imageUrl(latest)})).`,
      });
    }
  }
  return actions;
}
