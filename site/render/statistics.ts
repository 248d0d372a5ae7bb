/**
 * The statistics block of a motif or préfecture page: coverage in words, totals per outcome, charts and
 * tables per month and per week, and the day × hour view.
 */
import { OUTCOME_LABELS, SITE_OUTCOMES } from '../../scraper/outcome/outcomes.ts';
import {
  byPeriod,
  coverage,
  dayHourGrid,
  otherCount,
  tallyTotals,
  type PeriodRow,
  type Tally,
} from '../model/stats.ts';
import { stackedBars, type Series } from './chart.ts';
import { dayTick, monthLabel, monthTick, shortDate, weekLabel } from './dates.ts';
import { count, percent, plural } from './numbers.ts';
import { dayHourTable } from './heatmap.ts';
import { html, type Html } from './html.ts';
import { wideTable } from './table.ts';
import { frenchSpaces } from '../../scraper/evidence/french.ts';

/** Weeks shown in the weekly chart and table; all weeks are in the open data. */
export const RECENT_WEEKS = 52;

const SERIES: Series[] = [
  { name: 'Aucun créneau', className: 's-no-slot' },
  { name: 'Créneau disponible', className: 's-slot' },
  { name: 'Autres issues (erreur, blocage, captcha, page inconnue)', className: 's-other' },
];

const split = (row: PeriodRow) => [row.counts['no-slot'], row.counts['slot-available'], otherCount(row.counts)];

function periodTable(id: string, rows: PeriodRow[], label: (key: string) => string, caption: string): Html {
  return wideTable(
    id,
    caption,
    'numbers',
    html`<thead><tr><th scope="col">Période</th><th scope="col">Tentatives</th><th scope="col">Aucun créneau</th><th scope="col">Part sans créneau</th><th scope="col">Créneau disponible</th><th scope="col">Autres issues</th></tr></thead><tbody>${rows.map(
      (r) =>
        html`<tr><th scope="row">${label(r.key)}</th><td>${count(r.total)}</td><td>${count(r.counts['no-slot'])}</td><td>${percent(r.counts['no-slot'], r.total)}</td><td>${count(r.counts['slot-available'])}</td><td>${count(otherCount(r.counts))}</td></tr>`,
    )}</tbody>`,
  );
}

export function coverageSentence(t: Tally): Html {
  const c = coverage(t);
  if (!c.first || !c.last) return html`<p>Aucune tentative pour l’instant.</p>`;
  return html`<p class="coverage">${plural(c.attempts, 'tentative', 'tentatives')} du ${shortDate(c.first)} au ${shortDate(c.last)}, sur ${plural(c.days, 'jour différent', 'jours différents')} et ${plural(c.weeks, 'semaine différente', 'semaines différentes')}, à ${plural(c.hours, 'heure différente', 'heures différentes')} de la journée (heure de Paris).</p>`;
}

/** `t`: the tally of the attempts (model/stats.ts), made once per motif. */
export function statistics(id: string, t: Tally): Html {
  const all = tallyTotals(t);
  const months = byPeriod(t, 'month');
  const weeks = byPeriod(t, 'week').slice(-RECENT_WEEKS);
  return html`<h2 id="statistiques">Statistiques</h2>
${coverageSentence(t)}
<table class="numbers"><caption>Résultat des tentatives depuis le début</caption><thead><tr><th scope="col">Résultat</th><th scope="col">Tentatives</th><th scope="col">Part</th></tr></thead><tbody>${SITE_OUTCOMES.map(
    (o) =>
      html`<tr><th scope="row">${OUTCOME_LABELS[o]}</th><td>${count(all[o])}</td><td>${percent(all[o], t.attempts)}</td></tr>`,
  )}</tbody></table>
<h3>Par mois</h3>
${stackedBars(
  `${id}-mois`,
  months.map((r) => ({ label: monthLabel(r.key), tick: monthTick(r.key), values: split(r) })),
  SERIES,
  'Tentatives par mois et par résultat',
  frenchSpaces(`${months.length} mois ; le détail est dans le tableau qui suit.`),
)}
<details><summary>Tableau par mois</summary>${periodTable(`${id}-mois-tableau`, months, monthLabel, 'Tentatives par mois (heure de Paris)')}</details>
<h3>Par semaine</h3>
${stackedBars(
  `${id}-semaines`,
  weeks.map((r) => ({ label: weekLabel(r.key), tick: dayTick(r.key), values: split(r) })),
  SERIES,
  weeks.length > 1
    ? `Tentatives par semaine et par résultat, ${weeks.length} dernières semaines`
    : 'Tentatives de la dernière semaine, par résultat',
  frenchSpaces('Chaque barre est une semaine, du lundi au dimanche ; le détail est dans le tableau qui suit.'),
)}
<details><summary>Tableau par semaine</summary>${periodTable(`${id}-semaines-tableau`, weeks, weekLabel, weeks.length > 1 ? `Tentatives des ${weeks.length} dernières semaines` : 'Tentatives de la dernière semaine')}</details>
<h3>Jours et heures</h3>
${dayHourTable(id, dayHourGrid(t))}`;
}
