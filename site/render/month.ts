/**
 * One month of one motif: its captures day by day, as thumbnails, with the outcome of each; those whose
 * page the size budget left out as compact rows, under a notice that says where they are kept.
 */
import { captureDir } from '../../scraper/archive/paths.ts';
import type { CaptureEntry, MonthPage, MotifIndex } from '../model/site-index.ts';
import { dayKey, totals, otherCount } from '../model/stats.ts';
import type { TimelessContext } from './layout.ts';
import { captureList, compactDays } from './cards.ts';
import { longDate } from './dates.ts';
import type { Format } from './format.ts';
import { html, type Html } from './html.ts';
import type { Frame } from './layout.ts';
import { archiveFolderUrl, linksFrom, paths } from '../model/urls.ts';

/**
 * Once per month page that lists captures without a page: why, and the archive folders that hold them (UTC months).
 * It names no date: the page depends on its own month alone, not on where the budget stops this time.
 */
function leftOutNotice(motif: MotifIndex, captures: readonly CaptureEntry[], repository: string | null): Html {
  const without = captures.filter((c) => !c.page);
  if (without.length === 0) return html``;
  const folders = [
    ...new Set(
      without.map((c) => captureDir({ prefecture: motif.prefecture, motif: motif.motif, capturedAt: c.capturedAt })),
    ),
  ];
  const where = folders.map(
    (dir, i) =>
      html`${i > 0 ? ' et ' : ''}${repository ? html`<a href="${archiveFolderUrl(repository, dir)}">${dir}</a>` : html`<code>${dir}</code>`}`,
  );
  return html`<p class="notice">Pour que le site reste sous la limite de taille de GitHub Pages (1 Go), les captures listées ci-dessous sans lien, les plus anciennes de la démarche, n’ont pas de page sur ce site : elles sont comptées dans les statistiques. Chacune, avec son image et sa fiche, est conservée sur la branche <code>archive</code> du dépôt, dossier ${where}.</p>`;
}

export function monthFrame(month: MonthPage, { monthLabel }: Format): Frame {
  const { motif } = month;
  return {
    here: paths.month(motif.prefecture, motif.motif, month.month),
    title: `${monthLabel(month.month)} — ${motif.motifLabel}`,
    crumbs: [
      { label: motif.prefectureName, path: paths.prefecture(motif.prefecture) },
      { label: motif.motifLabel, path: paths.motif(motif.prefecture, motif.motif) },
    ],
  };
}

export function monthPage(month: MonthPage, context: TimelessContext, format: Format): Html {
  const { monthLabel, plural } = format;
  const { motif } = month;
  const { here } = monthFrame(month, format);
  const to = linksFrom(here);
  const days = new Map<string, CaptureEntry[]>();
  for (const c of month.captures) {
    const day = dayKey(c.paris);
    const list = days.get(day);
    if (list) list.push(c);
    else days.set(day, [c]);
  }
  // Days of which no capture has a page (the oldest) fit in one compact table; the others show their cards.
  const compact = [...days.values()].filter((day) => !day.some((c) => c.page));
  const detailed = [...days.values()].filter((day) => day.some((c) => c.page));
  const t = totals(month.captures);
  const other = otherCount(t);
  const monthLink = (key: string | null, rel: 'prev' | 'next') => {
    const label =
      rel === 'prev'
        ? html`← Mois précédent : ${key ? monthLabel(key) : 'aucun'}`
        : html`Mois suivant : ${key ? monthLabel(key) : 'aucun'} →`;
    return key
      ? html`<a rel="${rel}" href="${to(paths.month(motif.prefecture, motif.motif, key))}">${label}</a>`
      : html`<span class="none">${label}</span>`;
  };
  const body = html`<h1>${monthLabel(month.month)} <small>${motif.motifLabel}</small></h1>
<p class="lead">${plural(month.captures.length, 'tentative', 'tentatives')} ce mois-ci : ${plural(t['no-slot'], 'page', 'pages')} « aucun créneau », ${plural(t['slot-available'], 'créneau disponible', 'créneaux disponibles')}, ${plural(other, 'autre issue', 'autres issues')}.</p>
<nav class="prevnext" aria-label="Mois voisins">${monthLink(month.previous, 'prev')}<a href="${to(paths.motif(motif.prefecture, motif.motif))}">La démarche</a>${monthLink(month.next, 'next')}</nav>
${leftOutNotice(motif, month.captures, context.repository)}
<p class="hint">Un trait orange à gauche signale une tentative dont le résultat diffère de la précédente.</p>
${compact.length > 0 ? compactDays(compact) : ''}
${detailed.map((captures) => html`<section class="day"><h2>${longDate(captures[0]!.capturedAt)}</h2>${captureList(captures, to, false)}</section>`)}`;
  return body;
}
