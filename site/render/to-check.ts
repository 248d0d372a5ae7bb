/**
 * « Captures à vérifier »: records that failed their checks (invalid, incomplete, changed since their manifest), listed
 * with --allow-bad instead of stopping the build.
 */
import type { SiteIndexView as SiteIndex } from '../model/site-index.ts';
import { html, type Html } from './html.ts';
import type { Frame } from './layout.ts';
import { paths } from '../model/urls.ts';
import { MODIFIED_RECORD } from '../../scraper/timestamp/read.ts';

export const TO_CHECK_FRAME: Frame = { here: paths.toCheck, title: 'Captures à vérifier' };

export function toCheckPage(index: SiteIndex): Html {
  const body = html`<h1>Captures à vérifier</h1>
${
  index.bad.length === 0
    ? html`<p>Aucune : toutes les captures de l’archive sont complètes et valides.</p>`
    : html`<p>Ces enregistrements de l’archive sont invalides, modifiés depuis le manifeste qui les liste, ou il leur manque un fichier. Ils ne sont comptés ni dans les listes ni dans les statistiques, et n’entrent dans aucun dossier ; seule une fiche modifiée garde sa page, marquée ${MODIFIED_RECORD}. Corrigez-les (ou retirez-les) sur la branche <code>archive</code> ; <code>npm run verify</code> donne le détail.</p>
<ul class="bad">${index.bad.map((b) => html`<li><code>${b.path}</code><ul>${b.problems.map((p) => html`<li>${p}</li>`)}</ul></li>`)}</ul>`
}`;
  return body;
}
