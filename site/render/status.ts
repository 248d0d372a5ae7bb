/**
 * Where a motif stands, for the home, préfecture and motif pages: latest attempt and outcome, how long no
 * slot has been found, and a warning when the latest capture is too old (the pipeline stopped).
 */
import type { CaptureEntry, MotifIndex } from '../pipeline/collect.ts';
import { slotStreak } from '../pipeline/stats.ts';
import { outcomeBadge } from './capture.ts';
import { dateTime, shortDate } from './dates.ts';
import { staleMessage } from './freshness.ts';
import { html, type Html } from './html.ts';
import { plural } from './numbers.ts';
import { paths } from '../model/urls.ts';

export interface Freshness {
  now: Date;
  /** Hours without a capture after which the collection is said stopped. */
  limitHours: number;
}

function streakSentence(captures: CaptureEntry[]): Html {
  const s = slotStreak(captures);
  if (s.attempts === 0)
    return html`<p class="streak slot">Un créneau était disponible lors de la dernière tentative.</p>`;
  const others = s.attempts - s.noSlot;
  const detail =
    others > 0
      ? ` (${plural(s.noSlot, 'page', 'pages')} « aucun créneau », ${plural(others, 'autre issue', 'autres issues')} : erreur, blocage, captcha ou page inconnue)`
      : '';
  const since = s.whole
    ? `depuis la première capture, le ${shortDate(s.since!)}`
    : `depuis le ${shortDate(s.since!)} ; dernier créneau vu le ${dateTime(s.lastSlotAt!)}`;
  return html`<p class="streak">Aucun créneau trouvé lors ${s.attempts > 1 ? 'des' : 'de la'} ${plural(s.attempts, 'dernière tentative', 'dernières tentatives')}, ${since}${detail}.</p>`;
}

/** The `data-` attributes let the browser redo the check with today's date. */
export function freshnessWarning(latest: string, freshness: Freshness): Html {
  const message = staleMessage(latest, freshness.now, freshness.limitHours);
  return html`<p class="stale" role="status" data-last="${latest}" data-limit-hours="${freshness.limitHours}"${message ? '' : html` hidden`}>${message ?? ''}</p>`;
}

export function motifStatus(motif: MotifIndex, to: (path: string) => string, freshness: Freshness): Html {
  const latest = motif.captures[0]!;
  const when = latest.page
    ? html`<a href="${to(paths.capture(latest.id))}">${dateTime(latest.capturedAt)}</a>`
    : dateTime(latest.capturedAt);
  return html`<p class="latest">Dernière tentative : ${when} ${outcomeBadge(latest.outcome)}</p>
${streakSentence(motif.captures)}
${freshnessWarning(latest.capturedAt, freshness)}`;
}
