/** « À propos et données »: what the robot does, the open data files and their fields, the image budget. */
import { OUTCOMES, OUTCOME_LABELS } from '../../scraper/outcome/outcomes.ts';
import type { SiteIndex } from '../pipeline/collect.ts';
import { CAPTURE_FIELDS, MOTIF_FIELDS, type Field } from '../pipeline/opendata.ts';
import type { BuildInfo } from './build-info.ts';
import { shortDate } from './dates.ts';
import { html, type Html } from './html.ts';
import { page } from './layout.ts';
import { fileSize, plural } from './numbers.ts';
import { linksFrom, paths } from './urls.ts';

function fieldTable<T>(fields: Field<T>[], caption: string): Html {
  return html`<div class="scroll"><table><caption>${caption}</caption><thead><tr><th scope="col">Champ</th><th scope="col">Contenu</th></tr></thead><tbody>${fields.map((f) => html`<tr><th scope="row"><code>${f.name}</code></th><td>${f.description}</td></tr>`)}</tbody></table></div>`;
}

function imagesText(build: BuildInfo): Html {
  const { published, leftOut, leftOutFrom, limitBytes } = build.images;
  const kept = html`${plural(published.files, 'fichier', 'fichiers')} d’images (${fileSize(published.bytes)}) sur un budget de ${fileSize(limitBytes)}.`;
  if (leftOut.files === 0) return html`<p>Toutes les images sont publiées ici, une seule fois par contenu identique : ${kept}</p>`;
  return html`<p>Images publiées, une seule fois par contenu identique : ${kept} Les ${plural(leftOut.files, 'image', 'images')} les plus anciennes (${fileSize(leftOut.bytes)}, captures du ${shortDate(leftOutFrom!)} et avant) ne sont pas publiées sur ce site pour rester sous la limite de GitHub Pages ; leur page renvoie au fichier sur la branche <code>archive</code> du dépôt.</p>`;
}

export function aboutPage(index: SiteIndex, build: BuildInfo): string {
  const here = paths.data;
  const to = linksFrom(here);
  const file = (name: string, what: string) => html`<li><a href="${to(paths.dataFile(name))}">${name}</a> : ${what}</li>`;
  const body = html`<h1>À propos et données</h1>
<h2>Ce que fait le robot</h2>
<p>Pour chaque démarche suivie, le robot parcourt les pages de prise de rendez-vous de la préfecture comme une personne, une tentative à la fois, à des heures tirées au hasard, et enregistre la page finale : image complète, date et heure, adresse, texte qui a décidé du résultat, et la provenance de la capture (navigateur, machine, adresse IP). Il ne réserve jamais de rendez-vous et ne résout jamais de captcha.</p>
<p>Les résultats possibles : ${OUTCOMES.map((o, i) => html`${i > 0 ? ', ' : ''}<code>${o}</code> (${OUTCOME_LABELS[o]})`)}.</p>
<h2>Vérifier une capture</h2>
<p>Chaque page de capture donne l’empreinte SHA-256 de son image : <code>sha256sum</code> appliqué à l’image téléchargée doit donner la même. Les captures sont aussi conservées, avec leurs manifestes d’empreintes, sur la branche <code>archive</code> du dépôt ; <code>npm run verify</code> les vérifie toutes, et <code>npm run exhibit -- &lt;identifiant&gt;</code> re-crée la pièce tamponnée d’une capture.</p>
<h2>Données ouvertes</h2>
<p>${plural(index.captureCount, 'capture publiée', 'captures publiées')}, de la plus récente à la plus ancienne :</p>
<ul>${file('captures.csv', 'une ligne par capture, séparateur virgule, UTF-8')}${file('captures.json', 'les mêmes champs, en JSON (un tableau d’objets)')}${file('motifs.csv', 'une ligne par démarche')}${file('motifs.json', 'les mêmes champs, en JSON')}</ul>
<p>Chaque démarche a aussi un flux Atom de ses dernières captures (lien « flux Atom » sur sa page).</p>
${fieldTable(CAPTURE_FIELDS, 'Champs de captures.csv et captures.json')}
${fieldTable(MOTIF_FIELDS, 'Champs de motifs.csv et motifs.json')}
<h2>Images</h2>
${imagesText(build)}`;
  return page({ here, title: 'À propos et données', body }, build);
}
