/**
 * The page of one capture: the page image with, right below it, the banner lines of the stamped exhibit
 * (`bannerLines`, the function the exhibit and the dossier use), so that printing the page gives the
 * exhibit on one A4 sheet; then how to check and re-create it, and every field of the record.
 */
import { bannerLines } from '../../scraper/evidence/banner.ts';
import { deciding, type Deciding } from '../../scraper/evidence/quote.ts';
import type { EvidenceRecord } from '../../scraper/evidence/record.ts';
import { factLines } from '../../scraper/outcome/facts.ts';
import { OUTCOME_LABELS } from '../../scraper/outcome/outcomes.ts';
import { monthKey } from '../model/stats.ts';
import { parisMs } from '../../scraper/evidence/time.ts';
import { FORMAT } from './format.ts';
import { recordFields } from './fields.ts';
import { html, trusted, type Html } from './html.ts';
import { page, type TimelessContext } from './layout.ts';
import { OUTCOME_WORDS } from './cards.ts';
import { linksFrom, paths } from '../model/urls.ts';
import { MODIFIED_RECORD, UNVERIFIED, type CheckedStamp } from '../../scraper/timestamp/read.ts';

// The filter the listing pages write their dates with, so both kinds of page agree.
const { parisDateTime } = FORMAT;
const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export interface Neighbour {
  id: string;
  capturedAt: string;
}

/** The older neighbour, and whether its own page was written (the size budget leaves the oldest out). */
export interface OlderNeighbour extends Neighbour {
  page: boolean;
}

export interface CapturePageInput {
  /** A capture whose page image is published: the size budget admits a page only after its image. */
  record: EvidenceRecord;
  /**
   * The RFC 3161 timestamps of the run's manifest that lists the capture, checked as `npm run verify` checks them
   * (the replies of the verified ones are published).
   */
  timestamps?: CheckedStamp[];
  /** Why the record is not what its manifest lists: the page says not to use it, and shows no timestamp. */
  modified?: string | null;
  /** The page's visible text (`<stamp>.txt`), when the capture kept it. */
  text?: string | null;
  /** The newer capture of the motif, when its page was written. */
  newer: Neighbour | null;
}

/** Where the link to the older neighbour goes; a record cannot produce it, since `<` is escaped. */
const OLDER_SLOT = '<!--older-->';

function picture(record: EvidenceRecord, said: Deciding, to: (path: string) => string): Html {
  const { quote, description } = said;
  const words = quote ? ` : « ${quote} »` : description ? ` : ${description}` : '';
  const alt = `Capture d’écran de la page finale (${OUTCOME_LABELS[record.outcome]})${words}`;
  return html`<a href="${to(paths.image(record.sha256))}"><img src="${to(paths.image(record.sha256))}" width="${record.imageSize.width}" height="${record.imageSize.height}" alt="${alt}"></a>`;
}

/**
 * The link to the older capture of the motif: to its page, or, when the budget left that page out, to its
 * month page, which lists it. `record` is the capture whose page holds the link.
 */
export function olderLink(
  record: Pick<EvidenceRecord, 'id' | 'prefecture' | 'motif'>,
  older: OlderNeighbour | null,
): string {
  const label = '← Capture précédente';
  if (!older) return html`<span class="none">${label}<span>aucune</span></span>`.text;
  const to = linksFrom(paths.capture(record.id));
  if (older.page)
    return html`<a rel="prev" href="${to(paths.capture(older.id))}">${label}<span>${parisDateTime(older.capturedAt)}</span></a>`
      .text;
  const month = paths.month(record.prefecture, record.motif, monthKey(parisMs(older.capturedAt)));
  return html`<a href="${to(month)}">${label}<span>${parisDateTime(older.capturedAt)}, sans page : voir le mois</span></a>`
    .text;
}

/**
 * The independent timestamps of the capture's run: the time of each reply that passed the check `npm run verify`
 * makes, with the reply; for the others, that they are not verified and why, never the time their bytes claim.
 */
function timestampSection(stamps: CheckedStamp[], to: (path: string) => string): Html {
  if (stamps.length === 0)
    return html`<h2>Horodatages indépendants (RFC 3161)</h2>
<p>Aucun horodatage d’une autorité indépendante pour cette capture (capture antérieure, ou autorités injoignables lors du passage).</p>`;
  const manifest = stamps[0]!.reply.slice(0, stamps[0]!.reply.indexOf('.sha256.') + '.sha256'.length);
  const verified = stamps.find((s) => s.genTime !== undefined);
  return html`<h2>Horodatages indépendants (RFC 3161)</h2>
<p>Le manifeste du passage (<code>${manifest}</code>), qui donne l’empreinte de cette capture, porte ces horodatages :</p>
<ul class="timestamps">${stamps.map((s) =>
    s.genTime !== undefined
      ? html`<li>${s.authority} : ${parisDateTime(s.genTime)} — <a href="${to(paths.timestampReply(s.reply))}">réponse signée (.tsr)</a></li>`
      : html`<li class="unverified">${s.authority} : ${UNVERIFIED} (${s.unverified})</li>`,
  )}</ul>
${
  verified
    ? html`<p>Pour vérifier une réponse, avec le certificat racine de l’autorité : <code>openssl ts -verify -data ${manifest} -in ${verified.reply} -CAfile racine.pem</code></p>`
    : html`<p>Aucune de ces réponses n’a passé la vérification de <code>npm run verify</code> : leur heure n’est pas montrée.</p>`
}`;
}

/** The warning a capture whose record changed since its manifest carries, instead of its timestamps. */
function modifiedNotice(why: string): Html {
  return html`<div class="modified" role="alert"><p><strong>${sentenceCase(MODIFIED_RECORD)}.</strong> Cette fiche n’est plus celle que le manifeste de son passage a enregistrée : ${why}. Cette capture n’est comptée dans aucune liste ni statistique et n’entre dans aucun dossier ; <code>npm run verify</code> donne le détail.</p></div>`;
}

/** The dates the page gave (next slot, publications): they tell when slots are released and how fast they go. */
function pageFacts(record: EvidenceRecord): Html | string {
  const lines = factLines(record.evidence.facts ?? {});
  if (lines.length === 0) return '';
  return html`<h2>Dates lues sur la page</h2><dl class="fields">${lines.map((l) => html`<dt>${l.label}</dt><dd>${l.value}</dd>`)}</dl>`;
}

function neighbours(input: CapturePageInput, to: (path: string) => string): Html {
  const { record, newer } = input;
  const month = monthKey(parisMs(record.capturedAt));
  const next = newer
    ? html`<a rel="next" href="${to(paths.capture(newer.id))}">Capture suivante →<span>${parisDateTime(newer.capturedAt)}</span></a>`
    : html`<span class="none">Capture suivante →<span>aucune</span></span>`;
  return html`<nav class="prevnext" aria-label="Captures voisines">${trusted(OLDER_SLOT)}<a href="${to(paths.month(record.prefecture, record.motif, month))}">Toutes les captures du mois</a>${next}</nav>`;
}

/**
 * The page of a capture in two parts, around the link to its older neighbour (`olderLink`): that link is
 * only known when the older capture is read, after the page had to be sized (see capture-pages.ts).
 */
export function capturePage(input: CapturePageInput, context: TimelessContext): [string, string] {
  const { record } = input;
  const here = paths.capture(record.id);
  const to = linksFrom(here);
  const exhibitFile = `${record.id.replaceAll('/', '_')}-piece.png`;
  const said = deciding(record.evidence, input.text ?? null);
  const body = html`<h1>${OUTCOME_LABELS[record.outcome]} <small>${parisDateTime(record.capturedAt)}</small></h1>
${input.modified ? modifiedNotice(input.modified) : ''}${neighbours(input, to)}
<figure class="exhibit">${picture(record, said, to)}<figcaption><dl class="banner">${bannerLines(record).map((l) => html`<div><dt>${l.label}</dt><dd>${l.value}</dd></div>`)}</dl></figcaption></figure>
<p class="actions"><button type="button" data-stamp="${exhibitFile}" hidden>Télécharger la pièce tamponnée (PNG)</button> Imprimer cette page donne la pièce sur une feuille A4.</p>
${pageFacts(record)}
<h2>Vérifier l’image</h2>
<p>Téléchargez l’image, puis dans un terminal : <code>sha256sum ${record.sha256}.png</code> doit afficher l’empreinte SHA-256 du bandeau. Dans une copie de la branche <code>archive</code>, <code>npm run verify</code> vérifie toutes les captures et leurs manifestes.</p>
${input.modified ? '' : timestampSection(input.timestamps ?? [], to)}
${
  input.text
    ? html`<h2>Texte de la page</h2>
<pre class="page-text">${input.text}</pre>
`
    : ''
}<h2>Re-créer la pièce tamponnée</h2>
<p>Dans une copie du dépôt, avec la branche <code>archive</code> dans <code>archive/</code> : <code>npm run exhibit -- ${record.id}</code></p>
<h2>Toutes les informations enregistrées</h2>
${recordFields(record, said)}`;
  const text = page(
    {
      here,
      title: `${sentenceCase(OUTCOME_WORDS[record.outcome])}, ${parisDateTime(record.capturedAt)}`,
      crumbs: [
        { label: record.prefectureName, path: paths.prefecture(record.prefecture) },
        { label: record.motifLabel, path: paths.motif(record.prefecture, record.motif) },
      ],
      body,
      kind: 'capture',
    },
    context,
    FORMAT,
  );
  const slot = text.indexOf(OLDER_SLOT);
  return [text.slice(0, slot), text.slice(slot + OLDER_SLOT.length)];
}
