/**
 * A motif: where it stands, its latest captures, its statistics, its months, its feed, and the form that
 * builds its dossier in the browser (dossier-form.ts, over the period of its captures).
 */
import { pagesUrl } from '../../scraper/dossier/site-url.ts';
import type { MonthPage, MotifIndex } from '../model/site-index.ts';
import { dayKey, tally } from '../model/stats.ts';
import type { BuildInfo } from './build-info.ts';
import { captureList } from './cards.ts';
import { dossierForm } from './dossier-form.ts';
import { calendarPath, dueSection } from './due.ts';
import type { Format } from './format.ts';
import { html, type Html } from './html.ts';
import type { Frame } from './layout.ts';
import { statistics } from './statistics.ts';
import { motifStatus } from './status.ts';
import { unverifiedMark, unverifiedNote } from './unverified.ts';
import { linksFrom, paths } from '../model/urls.ts';

const LATEST = 8;

function motifDossierForm(motif: MotifIndex, to: (path: string) => string, build: BuildInfo): Html {
  return dossierForm({
    prefecture: motif.prefecture,
    motif: motif.motif,
    siteRoot: to(paths.home),
    siteUrl: build.repository ? pagesUrl(build.repository) : '',
    repository: build.repository ?? '',
    firstDay: dayKey(motif.captures.at(-1)!.paris),
    lastDay: dayKey(motif.captures[0]!.paris),
  });
}

export function motifFrame(motif: MotifIndex): Frame {
  return {
    here: paths.motif(motif.prefecture, motif.motif),
    title: motif.motifLabel,
    crumbs: [{ label: motif.prefectureName, path: paths.prefecture(motif.prefecture) }],
    feed: { path: paths.feed(motif.prefecture, motif.motif), title: `Captures : ${motif.motifLabel}` },
  };
}

export function motifPage(
  motif: MotifIndex,
  months: MonthPage[],
  build: BuildInfo,
  { monthLabel, plural }: Format,
): Html {
  const { here } = motifFrame(motif);
  const to = linksFrom(here);
  const years = new Map<string, MonthPage[]>();
  for (const m of [...months].reverse()) {
    const year = m.month.slice(0, 4);
    const list = years.get(year);
    if (list) list.push(m);
    else years.set(year, [m]);
  }
  const feed = paths.feed(motif.prefecture, motif.motif);
  const body = html`<h1>${motif.motifLabel}${unverifiedMark(motif)}</h1>
${unverifiedNote(motif)}
${motifStatus(motif, to, build.freshness)}
<p class="lead">${motif.prefectureName} · <a href="#dossier">Constituer un dossier</a></p>
<h2>Dernières captures</h2>
${captureList(motif.captures.slice(0, LATEST), to, true)}
${statistics('motif', tally(motif.captures))}
<h2 id="mois">Les captures mois par mois</h2>
${[...years].map(([year, list]) => html`<h3>${year}</h3><ul class="months">${list.map((m) => html`<li><a href="${to(paths.month(motif.prefecture, motif.motif, m.month))}">${monthLabel(m.month)}</a> <span>${plural(m.captures.length, 'capture', 'captures')}</span></li>`)}</ul>`)}
${dueSection(motif, build.generatedAt, to(calendarPath(motif.prefecture, motif.motif)))}
<section id="dossier" aria-labelledby="dossier-titre"><h2 id="dossier-titre">Constituer un dossier</h2>
${motifDossierForm(motif, to, build)}</section>
<p class="follow">Suivre les nouvelles captures de cette démarche : <a href="${to(feed)}">flux Atom</a> (voir <a href="${to(paths.data)}">À propos</a>).</p>`;
  return body;
}
