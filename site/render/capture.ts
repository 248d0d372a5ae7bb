/**
 * The page of one capture: the page image with, right below it, the banner lines of the stamped exhibit
 * (`bannerLines`, the function the exhibit and the dossier use), so that printing the page gives the
 * exhibit on one A4 sheet; then how to check and re-create it, and every field of the record.
 */
import { captureFiles } from '../../scraper/archive/paths.ts';
import { bannerLines } from '../../scraper/evidence/banner.ts';
import type { EvidenceRecord } from '../../scraper/evidence/record.ts';
import { OUTCOME_LABELS } from '../../scraper/outcome/outcomes.ts';
import { monthKey } from '../pipeline/stats.ts';
import { dateTime, parisClock } from './dates.ts';
import { recordFields } from './fields.ts';
import { html, type Html } from './html.ts';
import { page, type SiteContext } from './layout.ts';
import { archiveBranchUrl, linksFrom, paths } from './urls.ts';

export interface Neighbour {
  id: string;
  capturedAt: string;
}

export interface CapturePageInput {
  record: EvidenceRecord;
  older: Neighbour | null;
  newer: Neighbour | null;
  /** Whether the size budget kept the page image and the thumbnail on the site. */
  published: { image: boolean; thumbnail: boolean };
}

export function outcomeBadge(outcome: EvidenceRecord['outcome']): Html {
  return html`<span class="outcome ${outcome}">${OUTCOME_LABELS[outcome]}</span>`;
}

function picture(input: CapturePageInput, to: (path: string) => string, context: SiteContext): Html {
  const { record, published } = input;
  const alt = `Capture d’écran de la page finale (${OUTCOME_LABELS[record.outcome]}) : « ${record.evidence.matchedText} »`;
  if (published.image) {
    return html`<a href="${to(paths.image(record.sha256))}"><img src="${to(paths.image(record.sha256))}" width="${record.imageSize.width}" height="${record.imageSize.height}" alt="${alt}"></a>`;
  }
  const archivePath = captureFiles(record).image;
  const where = context.repository ? html`<a href="${archiveBranchUrl(context.repository, archivePath)}">sur la branche archive du dépôt</a>` : html`dans l’archive, <code>${archivePath}</code>`;
  return html`${published.thumbnail ? html`<img src="${to(paths.thumbnail(record.thumbnailSha256))}" width="320" height="240" alt="Aperçu : ${alt}">` : ''}<p class="notice">Pour tenir dans la taille maximale du site, l’image de cette capture ancienne n’est pas publiée ici : elle est ${where}.</p>`;
}

function neighbours(input: CapturePageInput, to: (path: string) => string): Html {
  const link = (n: Neighbour | null, rel: string, label: string) =>
    n ? html`<a rel="${rel}" href="${to(paths.capture(n.id))}">${label}<span>${dateTime(n.capturedAt)}</span></a>` : html`<span class="none">${label}<span>aucune</span></span>`;
  const { record } = input;
  const month = monthKey(parisClock(record.capturedAt).getTime());
  return html`<nav class="prevnext" aria-label="Captures voisines">${link(input.older, 'prev', '← Capture précédente')}<a href="${to(paths.month(record.prefecture, record.motif, month))}">Toutes les captures du mois</a>${link(input.newer, 'next', 'Capture suivante →')}</nav>`;
}

export function capturePage(input: CapturePageInput, context: SiteContext): string {
  const { record } = input;
  const here = paths.capture(record.id);
  const to = linksFrom(here);
  const exhibitFile = `${record.id.replaceAll('/', '_')}-piece.png`;
  const body = html`<h1>${OUTCOME_LABELS[record.outcome]} <small>${dateTime(record.capturedAt)}</small></h1>
${neighbours(input, to)}
<figure class="exhibit">${picture(input, to, context)}<figcaption><dl class="banner">${bannerLines(record).map((l) => html`<div><dt>${l.label}</dt><dd>${l.value}</dd></div>`)}</dl></figcaption></figure>
${input.published.image ? html`<p class="actions"><button type="button" data-stamp="${exhibitFile}" hidden>Télécharger la pièce tamponnée (PNG)</button> Imprimer cette page donne la pièce sur une feuille A4.</p>` : ''}
<h2>Vérifier l’image</h2>
<p>Téléchargez l’image, puis dans un terminal : <code>sha256sum ${input.published.image ? `${record.sha256}.png` : record.image}</code> doit afficher l’empreinte SHA-256 du bandeau. Dans une copie de la branche <code>archive</code>, <code>npm run verify</code> vérifie toutes les captures et leurs manifestes.</p>
<h2>Re-créer la pièce tamponnée</h2>
<p>Dans une copie du dépôt, avec la branche <code>archive</code> dans <code>archive/</code> : <code>npm run exhibit -- ${record.id}</code></p>
<h2>Toutes les informations enregistrées</h2>
${recordFields(record)}`;
  return page(
    {
      here,
      title: `${OUTCOME_LABELS[record.outcome]}, ${dateTime(record.capturedAt)}`,
      crumbs: [
        { label: record.prefectureName, path: paths.prefecture(record.prefecture) },
        { label: record.motifLabel, path: paths.motif(record.prefecture, record.motif) },
      ],
      body,
      kind: 'capture',
    },
    context,
  );
}
