/**
 * « Pour un dossier complet, il manque : … » on a motif's page: what a référé still lacks over the last four
 * weeks (scraper/dossier/due.ts, as `npm run due` says it), and the next suggested times as a calendar file
 * volunteers import (inline, so the build writes no extra file). Same suggestions all day for one motif.
 */
import { calendar } from '../../scraper/dossier/ics.ts';
import { motifDue, seededRandom, suggestionEvents, suggestionLine, suggestTimes } from '../../scraper/dossier/due.ts';
import type { MotifIndex } from '../model/site-index.ts';
import { frenchSpaces } from '../../scraper/evidence/french.ts';
import { html, type Html } from './html.ts';

const WEEKS = 4;
const SUGGESTIONS = 5;

export function dueSection(motif: MotifIndex, generatedAt: string): Html {
  const now = new Date(generatedAt);
  const since = new Date(now.getTime() - WEEKS * 7 * 86_400_000).toISOString();
  const due = motifDue(motif.captures, now, since);
  const random = seededRandom(`${motif.prefecture}/${motif.motif}/${generatedAt.slice(0, 10)}`);
  const times = suggestTimes(now, SUGGESTIONS, random, due.hours);
  const ics = calendar(`Captures — ${motif.motifLabel}`, suggestionEvents(times, motif), now);
  return html`<section id="a-capturer" aria-labelledby="a-capturer-titre"><h2 id="a-capturer-titre">Captures à faire</h2>
<p>${frenchSpaces(due.missing.length ? `Pour un dossier complet, il manque : ${due.missing.join(' ; ')}.` : `Dossier complet sur les ${WEEKS} dernières semaines : plusieurs semaines, plusieurs heures, des tentatives récentes.`)}</p>
<p>Prochaines tentatives suggérées (heure de Paris) :</p>
<ul>${times.map((t) => html`<li>${frenchSpaces(suggestionLine(t))}</li>`)}</ul>
<p><a download="captures-${motif.prefecture}-${motif.motif}.ics" href="data:text/calendar;charset=utf-8,${encodeURIComponent(ics)}">Ajouter ces tentatives à mon agenda (.ics)</a></p></section>`;
}
