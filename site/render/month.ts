/** One month of one motif: its captures day by day, as thumbnails, with the outcome of each. */
import type { CaptureEntry, MonthPage } from '../pipeline/collect.ts';
import { totals, otherCount } from '../pipeline/stats.ts';
import type { BuildInfo } from './build-info.ts';
import { captureCards } from './cards.ts';
import { longDate, monthLabel } from './dates.ts';
import { html } from './html.ts';
import { page } from './layout.ts';
import { plural } from './numbers.ts';
import { linksFrom, paths } from './urls.ts';

export function monthPage(month: MonthPage, build: BuildInfo): string {
  const { motif } = month;
  const here = paths.month(motif.prefecture, motif.motif, month.month);
  const to = linksFrom(here);
  const days = new Map<string, CaptureEntry[]>();
  for (const c of month.captures) {
    const day = new Date(c.paris).toISOString().slice(0, 10);
    const list = days.get(day);
    if (list) list.push(c);
    else days.set(day, [c]);
  }
  const t = totals(month.captures);
  const other = otherCount(t);
  const monthLink = (key: string | null, rel: 'prev' | 'next') => {
    const label = rel === 'prev' ? `← Mois précédent : ${key ? monthLabel(key) : 'aucun'}` : `Mois suivant : ${key ? monthLabel(key) : 'aucun'} →`;
    return key ? html`<a rel="${rel}" href="${to(paths.month(motif.prefecture, motif.motif, key))}">${label}</a>` : html`<span class="none">${label}</span>`;
  };
  const body = html`<h1>${monthLabel(month.month)} <small>${motif.motifLabel}</small></h1>
<p class="lead">${plural(month.captures.length, 'tentative', 'tentatives')} ce mois-ci : ${plural(t['no-slot'], 'page', 'pages')} « aucun créneau », ${plural(t['slot-available'], 'créneau disponible', 'créneaux disponibles')}, ${plural(other, 'autre issue', 'autres issues')}.</p>
<nav class="prevnext" aria-label="Mois voisins">${monthLink(month.previous, 'prev')}<a href="${to(paths.motif(motif.prefecture, motif.motif))}">La démarche</a>${monthLink(month.next, 'next')}</nav>
<p class="hint">Un trait orange à gauche signale une tentative dont le résultat diffère de la précédente.</p>
${[...days.values()].map((captures) => html`<section class="day"><h2>${longDate(captures[0]!.capturedAt)}</h2>${captureCards(captures, to, false)}</section>`)}`;
  return page(
    {
      here,
      title: `${monthLabel(month.month)} — ${motif.motifLabel}`,
      crumbs: [
        { label: motif.prefectureName, path: paths.prefecture(motif.prefecture) },
        { label: motif.motifLabel, path: paths.motif(motif.prefecture, motif.motif) },
      ],
      body,
    },
    build,
  );
}
