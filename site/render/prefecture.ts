/** A préfecture: its motifs with where each stands, and the statistics of all its attempts. */
import type { PrefectureIndex } from '../model/site-index.ts';
import type { BuildInfo } from './build-info.ts';
import { html, type Html } from './html.ts';
import type { Frame } from './layout.ts';
import type { Format } from './format.ts';
import { statistics } from './statistics.ts';
import { motifStatus } from './status.ts';
import { unverifiedMark } from './unverified.ts';
import { mergeTallies, tally } from '../model/stats.ts';
import { linksFrom, paths } from '../model/urls.ts';

export function prefectureFrame(prefecture: PrefectureIndex): Frame {
  return { here: paths.prefecture(prefecture.prefecture), title: prefecture.prefectureName };
}

export function prefecturePage(prefecture: PrefectureIndex, build: BuildInfo, { plural }: Format): Html {
  const { here } = prefectureFrame(prefecture);
  const to = linksFrom(here);
  const attempts = mergeTallies(prefecture.motifs.map((m) => tally(m.captures)));
  const body = html`<h1>${prefecture.prefectureName}</h1>
<p class="lead">${plural(prefecture.motifs.length, 'démarche suivie', 'démarches suivies')}, ${plural(attempts.attempts, 'tentative', 'tentatives')} en tout.</p>
<h2>Les démarches</h2>
${prefecture.motifs.map((m) => html`<div class="motif"><h3><a href="${to(paths.motif(m.prefecture, m.motif))}">${m.motifLabel}</a>${unverifiedMark(m)}</h3>${motifStatus(m, to, build.freshness)}</div>`)}
${statistics('prefecture', attempts)}`;
  return body;
}
