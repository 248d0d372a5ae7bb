/**
 * Lists of captures (month pages, latest captures). A capture with a page is a card: thumbnail, time and
 * outcome, linking to its page. One whose page the size budget left out is a compact row or table cell,
 * time and outcome only (no link to a page that does not exist, and ~30 bytes instead of ~350: after
 * years, most captures are listed this way).
 */
import type { CaptureEntry } from '../model/site-index.ts';
import { OUTCOME_LABELS, type Outcome } from '../../scraper/outcome/outcomes.ts';
import { clockTime, shortDate, weekdayAndDay } from './dates.ts';
import { html, type Html } from './html.ts';
import { wideTable } from './table.ts';
import { paths } from '../model/urls.ts';

const when = (c: CaptureEntry, withDate: boolean) =>
  withDate ? `${shortDate(c.capturedAt)} à ${clockTime(c.capturedAt)}` : clockTime(c.capturedAt);

export function outcomeBadge(outcome: Outcome): Html {
  return html`<span class="outcome ${outcome}">${OUTCOME_LABELS[outcome]}</span>`;
}

function cards(captures: readonly CaptureEntry[], to: (path: string) => string, withDate: boolean): Html {
  return html`<ul class="cards">${captures.map((c) => {
    const time = when(c, withDate);
    const thumb = c.thumbnail
      ? html`<img src="${to(paths.thumbnail(c.thumbnail))}" width="320" height="240" loading="lazy" alt="">`
      : html`<span class="nothumb">aperçu non publié</span>`;
    return html`<li${c.changed ? html` class="changed"` : ''}><a href="${to(paths.capture(c.id))}" aria-label="${time} : ${OUTCOME_LABELS[c.outcome]}">${thumb}<span class="when">${time}</span></a>${outcomeBadge(c.outcome)}</li>`;
  })}</ul>`;
}

/** The outcomes in a few words, for compact rows and the status sentence: the full labels would weigh 15 MB more after ten years at 100 motifs. */
export const OUTCOME_WORDS: Record<Outcome, string> = {
  'no-slot': 'aucun créneau',
  'slot-available': 'créneau disponible',
  captcha: 'captcha',
  'site-error': 'erreur du site',
  blocked: 'accès bloqué',
  unrecognized: 'page non reconnue',
  'runner-network': 'réseau du robot',
};

/** The outcome as a class (its colour), « aucun créneau » being the default, and a change of outcome. */
function rowClass(c: CaptureEntry): Html {
  const classes = `${c.outcome === 'no-slot' ? '' : c.outcome}${c.changed ? ' changed' : ''}`.trim();
  return classes ? html` class="${classes}"` : html``;
}

function rows(captures: readonly CaptureEntry[], withDate: boolean): Html {
  return html`<ul class="rows">${captures.map((c) => html`<li${rowClass(c)}>${when(c, withDate)} ${OUTCOME_WORDS[c.outcome]}</li>`)}</ul>`;
}

/**
 * Whole days of captures without a page, as one table: a row per day (its `th` heads the row, as the
 * table algorithm infers without `scope`), a cell per capture, time and outcome. Optional end tags are
 * left out: over ten years at 100 motifs, 1.4 million cells, ~30 bytes each.
 */
export function compactDays(days: readonly (readonly CaptureEntry[])[]): Html {
  const cell = (c: CaptureEntry) => html`<td${rowClass(c)}>${clockTime(c.capturedAt)} ${OUTCOME_WORDS[c.outcome]}`;
  return wideTable(
    'sans-page',
    'Captures sans page sur ce site, jour par jour (heure de Paris)',
    'rows',
    html`${days.map(
      (day) => html`
<tr><th>${weekdayAndDay(day[0]!.capturedAt)}${day.map(cell)}`,
    )}
`,
  );
}

/** Captures in the order given, cards and rows as each has a page or not. */
export function captureList(captures: readonly CaptureEntry[], to: (path: string) => string, withDate: boolean): Html {
  const runs: CaptureEntry[][] = [];
  for (const c of captures) {
    const run = runs.at(-1);
    if (run && run[0]!.page === c.page) run.push(c);
    else runs.push([c]);
  }
  return html`${runs.map((run) => (run[0]!.page ? cards(run, to, withDate) : rows(run, withDate)))}`;
}
