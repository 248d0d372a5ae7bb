/**
 * The form that builds the dossier in the browser, for the site's motif page: it goes in the page's
 * `<section id="dossier">`, under the section's heading. The préfecture and motif are fixed; the person
 * picks the dates. The bundle finds what it needs in data attributes (site root, index file). The form
 * stays hidden until the site's script runs, which loads the bundle (~0.5 MB) only when the form is first
 * used; without JavaScript the page gives the command line instead.
 */
import { frenchSpaces } from '../../scraper/evidence/french.ts';
import { OWN_PIECES_LIMITS } from '../../scraper/dossier/own-pieces.ts';
import { dossierIndexPath } from '../../scraper/dossier/site-records.ts';
import { OUTCOME_LABELS, SITE_OUTCOMES } from '../../scraper/outcome/outcomes.ts';
import { paths } from '../model/urls.ts';
import { html, type Html } from './html.ts';

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

export function dossierForm(o: DossierFormOptions): Html {
  const index = dossierIndexPath(o.prefecture, o.motif);
  const outcomes = SITE_OUTCOMES.map(
    (outcome, i) =>
      html`${i > 0 ? '\n    ' : ''}<div><label><input type="checkbox" name="outcome" value="${outcome}" checked> ${OUTCOME_LABELS[outcome]}</label></div>`,
  );
  const command = `npm run dossier -- --target ${o.prefecture} --motif ${o.motif} --from ${o.firstDay} --to ${o.lastDay} --archive archive`;
  return html`<p>Un PDF des captures de cette démarche sur la période choisie : résumé, note juridique, tableau de toutes les tentatives, puis une capture par page avec sa date, son heure et son empreinte. Il est fabriqué dans votre navigateur à partir des images publiées ici ; rien n’est envoyé.</p>
<form class="dossier-form" data-dossier data-prefecture="${o.prefecture}" data-motif="${o.motif}" data-site-root="${o.siteRoot}" data-index="${index}" data-site-url="${o.siteUrl}" data-repository="${o.repository}" data-script="${o.siteRoot + DOSSIER_SCRIPT}" hidden>
  <p>
    <label>Du <input type="date" name="from" value="${o.firstDay}" min="${o.firstDay}" max="${o.lastDay}" required></label>
    <label>au <input type="date" name="to" value="${o.lastDay}" min="${o.firstDay}" max="${o.lastDay}" required></label>
    (jours inclus, heure de Paris)
  </p>
  <p><label><input type="checkbox" name="one-per-day"> Une seule capture par jour (la première de chaque jour)</label></p>
  <fieldset>
    <legend>Résultats à inclure (tous par défaut : rien n’est caché)</legend>
    ${outcomes}
  </fieldset>
  <fieldset>
    <legend>Mes propres pièces (facultatif)</legend>
    <p>Ajoutez vos propres fichiers : captures d’écran de votre téléphone, courriels enregistrés en PDF. Ils restent sur votre appareil : le navigateur calcule leur empreinte SHA-256 et les liste en annexe du PDF, à côté des captures de l’archive, sans jamais les envoyer.</p>
    <p><label>Fichiers <input type="file" name="own" multiple></label></p>
    <p class="own-pieces-limits">${frenchSpaces(OWN_PIECES_LIMITS)}</p>
  </fieldset>
  <p><button type="submit" class="button">Créer le PDF</button></p>
  <p class="dossier-status" role="status" aria-live="polite" data-dossier-status></p>
</form>
<noscript><p>Ce formulaire a besoin de JavaScript. Sans JavaScript, le même dossier se crée en ligne de commande, dans une copie du dépôt dont la branche <code>archive</code> est extraite dans le dossier <code>archive/</code> (changez les dates) :</p>
<pre><code>${command}</code></pre></noscript>`;
}
