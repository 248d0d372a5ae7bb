/**
 * « Pour un dossier complet, il manque sur les 4 dernières semaines (depuis le …) : … » on a motif's page: what a
 * référé still lacks over the last four weeks, or that a slot was seen, and the witness mode for a motif behind a
 * captcha (scraper/dossier/due.ts, as `npm run due` says it); then the next suggested times, also as a calendar
 * file beside the page that volunteers import. The same suggestions all day for one motif.
 */
import { calendar } from '../../scraper/dossier/ics.ts';
import {
  dueAdvice,
  motifDue,
  periodText,
  seededRandom,
  suggestionEvents,
  suggestionLine,
  suggestTimes,
} from '../../scraper/dossier/due.ts';
import { frenchSpaces } from '../../scraper/evidence/french.ts';
import type { MotifIndex } from '../model/site-index.ts';
import { html, type Html } from './html.ts';

const WEEKS = 4;
const SUGGESTIONS = 5;

/** The calendar file of a motif, beside its page. */
export const calendarPath = (prefecture: string, motif: string) => `${prefecture}/${motif}/tentatives.ics`;

/** The motif page and its calendar file say the same: made once per motif and build time. */
const made = new WeakMap<MotifIndex, { generatedAt: string; value: ReturnType<typeof suggest> }>();

function suggest(motif: MotifIndex, generatedAt: string) {
  const now = new Date(generatedAt);
  const since = new Date(now.getTime() - WEEKS * 7 * 86_400_000).toISOString();
  // Newest first: the weeks counted are the first captures, not the ten years behind them.
  const end = motif.captures.findIndex((c) => c.capturedAt < since);
  const due = motifDue(end === -1 ? motif.captures : motif.captures.slice(0, end), now, since);
  const random = seededRandom(`${motif.prefecture}/${motif.motif}/${generatedAt.slice(0, 10)}`);
  return { due, now, since, times: suggestTimes(now, SUGGESTIONS, random, due.hours) };
}

function suggestions(motif: MotifIndex, generatedAt: string) {
  const known = made.get(motif);
  if (known?.generatedAt === generatedAt) return known.value;
  const value = suggest(motif, generatedAt);
  made.set(motif, { generatedAt, value });
  return value;
}

export function motifCalendar(motif: MotifIndex, generatedAt: string): string {
  const { now, times } = suggestions(motif, generatedAt);
  // A public file: what to do in words, never a command line.
  return calendar(`Captures — ${motif.motifLabel}`, suggestionEvents(times, motif, false), now);
}

/** `href`: the calendar file, as the page links it. */
export function dueSection(motif: MotifIndex, generatedAt: string, href: string): Html {
  const { due, since, times } = suggestions(motif, generatedAt);
  const said = dueAdvice(due, periodText(WEEKS, since), motif.platform);
  return html`<section id="a-capturer" aria-labelledby="a-capturer-titre"><h2 id="a-capturer-titre">Captures à faire</h2>
${said.map((line) => html`<p>${frenchSpaces(line)}</p>`)}
<p>Prochaines tentatives suggérées (heure de Paris) :</p>
<ul>${times.map((t) => html`<li>${frenchSpaces(suggestionLine(t))}</li>`)}</ul>
<p><a href="${href}" download>Ajouter ces tentatives à mon agenda (.ics)</a></p></section>`;
}
