/**
 * The home page: one line over every motif, then every préfecture and motif with where it stands, slots first;
 * what the robot does comes after (a phone's first screen is for where things stand).
 */
import type { MotifIndex, SiteIndexView as SiteIndex } from '../model/site-index.ts';
import type { BuildInfo } from './build-info.ts';
import { html, type Html } from './html.ts';
import type { Frame } from './layout.ts';
import type { Format } from './format.ts';
import { motifStatus, statusOf, summaryOf } from './status.ts';
import { unverifiedMark } from './unverified.ts';
import { linksFrom, paths } from '../model/urls.ts';

export const HOME_FRAME: Frame = { here: paths.home, title: 'Accueil' };

export function homePage(index: SiteIndex, build: BuildInfo, { plural, parisDate }: Format): Html {
  const { here } = HOME_FRAME;
  const to = linksFrom(here);
  const first = index.oldest;
  const last = index.newest;
  // Where each motif stands decides the first line and the order: slots first, for the people in a hurry.
  const kinds = new Map(index.motifs.map((m) => [`${m.prefecture}/${m.motif}`, statusOf(m.captures).kind]));
  const slot = (m: MotifIndex) => (kinds.get(`${m.prefecture}/${m.motif}`) === 'slot' ? 0 : 1);
  const prefectures = index.prefectures
    .map((p) => ({ ...p, motifs: [...p.motifs].sort((a, b) => slot(a) - slot(b)) }))
    .sort((a, b) => slot(a.motifs[0]!) - slot(b.motifs[0]!));
  const summary = summaryOf([...kinds.values()]);
  const body = html`<h1>Rendez-vous en préfecture : les tentatives, capturées</h1>
${index.motifs.length > 0 ? html`<p class="summary${summary.slots > 0 ? ' slot' : ''}"><strong>${summary.lead}</strong>${summary.rest}</p>` : ''}
${index.bad.length > 0 ? html`<p class="warning"><a href="${to(paths.toCheck)}">${plural(index.bad.length, 'capture à vérifier', 'captures à vérifier')}</a> : leurs fichiers sont incomplets ou invalides, elles ne sont pas comptées ici.</p>` : ''}
${prefectures.map(
  (p) =>
    html`<section class="prefecture"><h2><a href="${to(paths.prefecture(p.prefecture))}">${p.prefectureName}</a></h2>${p.motifs.map(
      (m) =>
        html`<div class="motif"><h3><a href="${to(paths.motif(m.prefecture, m.motif))}">${m.motifLabel}</a>${unverifiedMark(m)}</h3>${motifStatus(m, to, build.freshness)}</div>`,
    )}</section>`,
)}
<h2>À quoi servent ces captures</h2>
${first && last ? html`<p>${plural(index.captureCount, 'capture', 'captures')} de ${plural(index.motifs.length, 'démarche', 'démarches')} dans ${plural(index.prefectures.length, 'préfecture', 'préfectures')}, du ${parisDate(first.capturedAt)} au ${parisDate(last.capturedAt)}.</p>` : html`<p>L’archive ne contient encore aucune capture.</p>`}
<p>Le robot fait, plusieurs fois par jour et à des heures variées, ce que ferait une personne qui cherche un rendez-vous pour une démarche de préfecture, sans jamais réserver. À chaque tentative, il enregistre la page obtenue : presque toujours « aucun créneau ». Ces captures datées peuvent servir de preuve, par exemple pour un référé « mesures utiles » : chaque démarche a un formulaire « Constituer un dossier » qui en fait un PDF.</p>
${build.observatory ? html`<p>Les autres préfectures suivies par les copies de ce projet : <a href="${to(paths.observatory)}">l’observatoire national</a>.</p>` : ''}`;
  return body;
}
