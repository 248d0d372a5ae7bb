/**
 * Where a motif stands, for the home, préfecture and motif pages, said in one sentence that claims no more
 * than was seen: « aucun créneau » only about attempts that reached the slot page, « page des créneaux non
 * atteinte » about captchas, errors and blocks. The wording of every case is decided here, and only here.
 * Then the context (last slot seen, what the attempts since then found) and a warning when the latest
 * capture is too old (the pipeline stopped).
 */
import { frenchSpaces } from '../../scraper/evidence/french.ts';
import type { CaptureEntry, MotifIndex } from '../model/site-index.ts';
import { latestRun, slotStreak, STATUS_KIND, type Attempt, type StatusKind } from '../model/stats.ts';
import { OUTCOME_WORDS } from './cards.ts';
import { clockTime, dateTime, shortDate } from './dates.ts';
import { staleMessage } from './freshness.ts';
import { html, isWebUrl, type Html } from './html.ts';
import { count, plural } from './numbers.ts';
import { paths } from '../model/urls.ts';

export interface Freshness {
  now: Date;
  /** Hours without a capture after which the collection is said stopped. */
  limitHours: number;
}

/** The fields the sentence needs: a compact index entry has them. */
export type StatusAttempt = Attempt & Pick<CaptureEntry, 'nextAvailability'>;

export interface Status {
  kind: StatusKind | 'none';
  /** The sentence, without its final period: « Aucun créneau aux 12 dernières tentatives (depuis le 3 mars 2026) ». */
  sentence: string;
}

const at = (iso: string) => `le ${shortDate(iso)} à ${clockTime(iso)}`;

/** « à la dernière tentative, le 3 mars 2026 à 10:14 », « aux 12 dernières tentatives (depuis le 3 mars 2026) ». */
function attempts(n: number, since: string, whole: boolean): string {
  if (n === 1) return `à la dernière tentative, ${at(since)}`;
  return `aux ${n} dernières tentatives (depuis ${whole ? 'la première, ' : ''}le ${shortDate(since)})`;
}

/** `captures` newest first. */
export function statusOf(captures: readonly StatusAttempt[]): Status {
  const { kind, sentence } = wording(captures);
  return { kind, sentence: frenchSpaces(sentence) };
}

function wording(captures: readonly StatusAttempt[]): Status {
  const run = latestRun(captures);
  if (!run) return { kind: 'none', sentence: 'Aucune tentative pour l’instant' };
  const latest = captures[0]!;
  const { kind, since, whole } = run;
  const n = run.attempts;
  switch (kind) {
    case 'slot': {
      const next = latest.nextAvailability
        ? ` — prochaine disponibilité annoncée le ${shortDate(`${latest.nextAvailability}T12:00:00Z`)}`
        : '';
      const seen = n === 1 ? `Créneau vu ${at(latest.capturedAt)}` : `Créneaux vus ${attempts(n, since, whole)}`;
      return { kind, sentence: `${seen}${next}` };
    }
    case 'no-slot':
      return { kind, sentence: `Aucun créneau ${attempts(n, since, whole)}` };
    case 'stopped':
      return {
        kind,
        sentence: `Page des créneaux non atteinte ${attempts(n, since, whole)} : ${run.outcomes.map((o) => OUTCOME_WORDS[o]).join(', ')}`,
      };
    case 'unknown':
      return {
        kind,
        sentence: `${n === 1 ? 'Page non reconnue' : 'Pages non reconnues'} ${attempts(n, since, whole)} : le site a peut-être changé`,
      };
  }
}

/**
 * The home page's first line, over every motif and by where each stands, slots first: « 1 démarche avec un
 * créneau vu, 10 sans créneau. », « Aucune démarche avec un créneau vu : 8 sans créneau, 3 arrêtées avant la page
 * des créneaux. »
 */
export function summaryOf(kinds: readonly Status['kind'][]): { slots: number; lead: string; rest: string } {
  const n = (kind: Status['kind']) => kinds.filter((k) => k === kind).length;
  const slots = n('slot');
  const rest = [
    n('no-slot') > 0 ? `${count(n('no-slot'))} sans créneau` : '',
    n('stopped') > 0
      ? `${count(n('stopped'))} ${n('stopped') > 1 ? 'arrêtées' : 'arrêtée'} avant la page des créneaux`
      : '',
    n('unknown') > 0 ? `${count(n('unknown'))} sur une page non reconnue` : '',
    n('none') > 0 ? `${count(n('none'))} sans tentative` : '',
  ].filter(Boolean);
  return slots > 0
    ? {
        slots,
        lead: plural(slots, 'démarche avec un créneau vu', 'démarches avec un créneau vu'),
        rest: frenchSpaces(rest.length ? `, ${rest.join(', ')}.` : '.'),
      }
    : {
        slots,
        lead: 'Aucune démarche avec un créneau vu',
        rest: frenchSpaces(rest.length ? ` : ${rest.join(', ')}.` : '.'),
      };
}

/** What the attempts since the last slot found, beyond the run the sentence speaks of. */
function context(captures: readonly StatusAttempt[]): string {
  const streak = slotStreak(captures);
  if (streak.attempts === 0) return '';
  const counts: Record<'no-slot' | 'stopped' | 'unknown', number> = { 'no-slot': 0, stopped: 0, unknown: 0 };
  for (const c of captures.slice(0, streak.attempts)) counts[STATUS_KIND[c.outcome] as keyof typeof counts]++;
  const found = [
    counts['no-slot'] > 0 ? plural(counts['no-slot'], 'page « aucun créneau »', 'pages « aucun créneau »') : '',
    counts.stopped > 0
      ? plural(
          counts.stopped,
          'tentative arrêtée avant la page des créneaux',
          'tentatives arrêtées avant la page des créneaux',
        )
      : '',
    counts.unknown > 0 ? plural(counts.unknown, 'page non reconnue', 'pages non reconnues') : '',
  ].filter(Boolean);
  const last = streak.lastSlotAt
    ? `Dernier créneau vu le ${dateTime(streak.lastSlotAt)}`
    : `Pas de créneau vu depuis la première tentative, le ${shortDate(streak.since!)}`;
  return frenchSpaces(` ${last}. ${streak.lastSlotAt ? 'Depuis' : 'En tout'} : ${found.join(', ')}.`);
}

/** The `data-` attributes let the browser redo the check with today's date. */
export function freshnessWarning(latest: string, freshness: Freshness): Html {
  const message = staleMessage(latest, freshness.now, freshness.limitHours);
  return html`<p class="stale" role="status" data-last="${latest}" data-limit-hours="${freshness.limitHours}"${message ? '' : html` hidden`}>${message ?? ''}</p>`;
}

export function motifStatus(motif: MotifIndex, to: (path: string) => string, freshness: Freshness): Html {
  const status = statusOf(motif.captures);
  const latest = motif.captures[0]!;
  const when = latest.page
    ? html`<a href="${to(paths.capture(latest.id))}">${dateTime(latest.capturedAt)}</a>`
    : dateTime(latest.capturedAt);
  const book =
    status.kind === 'slot' && isWebUrl(motif.bookingUrl)
      ? html` <a class="book" href="${motif.bookingUrl}">Prendre rendez-vous sur le site de la préfecture</a>`
      : '';
  const flag = status.kind === 'slot' ? html`<strong class="flag">Créneau disponible</strong> ` : '';
  return html`<p class="status ${status.kind}">${flag}${status.sentence}.${book}</p>
<p class="context">Dernière tentative : ${when}.${context(motif.captures)}</p>
${freshnessWarning(latest.capturedAt, freshness)}`;
}
