/** « À propos et données »: what the robot does, the open data files and their fields, what the size budget left out. */
import { frenchSpaces } from '../../scraper/evidence/french.ts';
import { OUTCOME_LABELS, SITE_OUTCOMES } from '../../scraper/outcome/outcomes.ts';
import type { SiteIndexView as SiteIndex } from '../model/site-index.ts';
import { publishedBytes } from '../model/budget.ts';
import { DATA_FILES, type FieldDoc } from '../model/opendata.ts';
import type { BuildInfo } from './build-info.ts';
import type { Format } from './format.ts';
import { html, type Html } from './html.ts';
import type { Frame } from './layout.ts';
import { fileSize } from './numbers.ts';
import { archiveFolderUrl, linksFrom, paths } from '../model/urls.ts';

/** Two columns whose text wraps: it fits a phone without a scroll box. */
function fieldTable(fields: readonly FieldDoc[], caption: string): Html {
  return html`<table class="fields"><caption>${caption}</caption><thead><tr><th scope="col">Champ</th><th scope="col">Contenu</th></tr></thead><tbody>${fields.map((f) => html`<tr><th scope="row"><code>${f.name}</code></th><td>${frenchSpaces(f.description)}</td></tr>`)}</tbody></table>`;
}

function budgetText(build: BuildInfo, { plural, parisDateTime }: Format): Html {
  const { published, leftOut, limitBytes } = build.budget;
  const kept = html`${plural(published.page.files, 'page de capture', 'pages de capture')}, ${plural(published.image.files + published.thumbnail.files, 'image', 'images')} (${fileSize(publishedBytes(build.budget))} sur ${fileSize(limitBytes)} réservés à ce détail)`;
  if (leftOut.page.from === null)
    return html`<p>Chaque capture a sa page et son image sur ce site, chaque image une seule fois par contenu identique : ${kept}.</p>`;
  return html`<p>GitHub Pages n’accepte pas de site de plus de 1 Go. Les captures les plus récentes ont leur page et leur image sur ce site, chaque image une seule fois par contenu identique : ${kept}. Les ${plural(leftOut.page.files, 'capture', 'captures')} du ${parisDateTime(leftOut.page.from)} et avant n’ont pas de page ici : elles sont comptées dans les statistiques, listées sans lien dans les pages des mois, et présentes dans toutes les données ci-dessus. Leurs images et fiches sont sur la branche ${build.repository ? html`<a href="${archiveFolderUrl(build.repository, '')}"><code>archive</code></a>` : html`<code>archive</code>`} du dépôt, rangées par démarche et par mois (UTC).</p>`;
}

export const ABOUT_FRAME: Frame = { here: paths.data, title: 'À propos et données' };

/** `fields`: the columns of the capture and motif files, documented where they are written. */
export function aboutPage(
  index: SiteIndex,
  build: BuildInfo,
  fields: { captures: readonly FieldDoc[]; motifs: readonly FieldDoc[] },
  format: Format,
): Html {
  const { here } = ABOUT_FRAME;
  const to = linksFrom(here);
  const file = (name: string, what: string) =>
    html`<li><a href="${to(paths.dataFile(name))}">${name}</a> : ${what}</li>`;
  const body = html`<h1>À propos et données</h1>
<h2>Ce que fait le robot</h2>
<p>Pour chaque démarche suivie, le robot parcourt les pages de prise de rendez-vous de la préfecture comme une personne, une tentative à la fois, à des heures tirées au hasard, et enregistre la page finale : image complète, date et heure, adresse, texte qui a décidé du résultat, et la provenance de la capture (navigateur, machine, adresse IP). Il ne réserve jamais de rendez-vous et ne résout jamais de captcha.</p>
<p>Les résultats possibles : ${SITE_OUTCOMES.map((o, i) => html`${i > 0 ? ', ' : ''}<code>${o}</code> (${OUTCOME_LABELS[o]})`)}.</p>
<p>Quand le robot n’a pas pu joindre le site du tout (nom introuvable, connexion refusée, proxy, chiffrement), la tentative reste dans l’archive mais n’est ni publiée ni comptée ici : elle ne montre rien de la préfecture.</p>
<h2>Vérifier une capture</h2>
<p>Chaque page de capture donne l’empreinte SHA-256 de son image : <code>sha256sum</code> appliqué à l’image téléchargée doit donner la même. Les captures sont aussi conservées, avec leurs manifestes d’empreintes, sur la branche <code>archive</code> du dépôt ; <code>npm run verify</code> les vérifie toutes, et <code>npm run exhibit -- &lt;identifiant&gt;</code> re-crée la pièce tamponnée d’une capture.</p>
<h2>Données ouvertes</h2>
<p>Toutes les captures (${format.frenchNumber(index.captureCount)}), de la plus récente à la plus ancienne, y compris celles qui n’ont pas de page sur ce site :</p>
<ul>${file(DATA_FILES.capturesCsv, 'une ligne par capture, séparateur virgule, UTF-8, compressé (gzip)')}${file(DATA_FILES.capturesJson, 'les mêmes champs, en JSON (un tableau d’objets), compressé (gzip)')}${file(DATA_FILES.textsJson, 'le texte visible des pages, une fois par texte distinct (champs sha256 et text), à relier aux captures par textSha256, compressé (gzip)')}${file(DATA_FILES.motifsCsv, 'une ligne par démarche')}${file(DATA_FILES.motifsJson, 'les mêmes champs, en JSON')}${file(DATA_FILES.summaryJson, 'le résumé par préfecture et par démarche que lit l’observatoire national (schéma versionné, voir docs/observatoire.md du projet)')}</ul>
<p>Les fichiers <code>.gz</code> sont compressés pour tenir dans la limite de taille du site (10 à 20 fois plus petits). Les outils de données les lisent tels quels (R, Python pandas, DuckDB…) ; pour un tableur, décompressez d’abord : <code>gunzip captures.csv.gz</code> dans un terminal (ou 7-Zip sous Windows, un double-clic sous macOS) donne le fichier <code>captures.csv</code>.</p>
<p>Le formulaire « Constituer un dossier » de chaque démarche lit <code>donnees/dossier/&lt;préfecture&gt;/&lt;démarche&gt;.json.gz</code> : toutes ses captures, compressées de la même façon.</p>
<p>Chaque démarche a aussi un flux Atom de ses dernières captures (lien « flux Atom » sur sa page).</p>
${fieldTable(fields.captures, `Champs de ${DATA_FILES.capturesCsv} et ${DATA_FILES.capturesJson}`)}
${fieldTable(fields.motifs, `Champs de ${DATA_FILES.motifsCsv} et ${DATA_FILES.motifsJson}`)}
<h2>Taille du site</h2>
${budgetText(build, format)}`;
  return body;
}
