/**
 * The form that builds the dossier in the browser, for the site's motif page: it goes in the page's
 * `<section id="dossier">`, under the section's heading. The préfecture and motif are fixed; the person
 * picks the dates. The bundle finds what it needs in data attributes (site root, index file). The form
 * stays hidden until the site's script runs, which loads the bundle (~0.5 MB) only when the form is first
 * used; without JavaScript the page gives the command line instead. Returns escaped HTML.
 */
import { frenchSpaces } from '../evidence/french.ts';
import { escapeHtml } from '../../site/render/html.ts';
import { paths } from '../../site/render/urls.ts';
import { OUTCOME_LABELS, OUTCOMES } from '../outcome/outcomes.ts';
import { dossierIndexPath } from './site-records.ts';

export interface DossierFormOptions {
  prefecture: string;
  motif: string;
  /** The site root seen from the motif page, e.g. `../../`. */
  siteRoot: string;
  /** Public address of the site (`https://…/`), printed on the cover and used for links; empty when unknown. */
  siteUrl: string;
  /** `owner/repo`, for the attestation command of the annex; empty when unknown. */
  repository: string;
  /** First and last Paris day with captures (`YYYY-MM-DD`): the date bounds and the default period. */
  firstDay: string;
  lastDay: string;
}

/** Where the site build must copy the bundle (`buildDossierBundle`), as a site path. */
export const DOSSIER_SCRIPT = paths.asset('dossier.js');

export function dossierFormHtml(o: DossierFormOptions): string {
  const e = escapeHtml;
  const data = {
    prefecture: o.prefecture,
    motif: o.motif,
    'site-root': o.siteRoot,
    index: dossierIndexPath(o.prefecture, o.motif),
    'site-url': o.siteUrl,
    repository: o.repository,
    script: o.siteRoot + DOSSIER_SCRIPT,
  };
  const attributes = Object.entries(data)
    .map(([k, v]) => `data-${k}="${e(v)}"`)
    .join(' ');
  const dates = `min="${e(o.firstDay)}" max="${e(o.lastDay)}"`;
  const outcomes = OUTCOMES.map(
    (outcome) =>
      `<div><label><input type="checkbox" name="outcome" value="${outcome}" checked> ${e(OUTCOME_LABELS[outcome])}</label></div>`,
  ).join('\n    ');
  const command = `npm run dossier -- --target ${o.prefecture} --motif ${o.motif} --from ${o.firstDay} --to ${o.lastDay} --archive archive`;
  return frenchSpaces(`<p>Un PDF des captures de cette démarche sur la période choisie : résumé, note juridique, tableau de toutes les tentatives, puis une capture par page avec sa date, son heure et son empreinte. Il est fabriqué dans votre navigateur à partir des images publiées ici ; rien n’est envoyé.</p>
<form class="dossier-form" data-dossier ${attributes} hidden>
  <p>
    <label>Du <input type="date" name="from" value="${e(o.firstDay)}" ${dates} required></label>
    <label>au <input type="date" name="to" value="${e(o.lastDay)}" ${dates} required></label>
    (jours inclus, heure de Paris)
  </p>
  <p><label><input type="checkbox" name="one-per-day"> Une seule capture par jour (la première de chaque jour)</label></p>
  <fieldset>
    <legend>Résultats à inclure (tous par défaut : rien n’est caché)</legend>
    ${outcomes}
  </fieldset>
  <p><button type="submit" class="button">Créer le PDF</button></p>
  <p class="dossier-status" role="status" aria-live="polite" data-dossier-status></p>
</form>
<noscript><p>Ce formulaire a besoin de JavaScript. Sans JavaScript, le même dossier se crée en ligne de commande, dans une copie du dépôt dont la branche <code>archive</code> est extraite dans le dossier <code>archive/</code> (changez les dates) :</p>
<pre><code>${e(command)}</code></pre></noscript>`);
}
