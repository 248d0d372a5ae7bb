/**
 * The dossier: records + a way to load each page image → the PDF bytes. Runs unchanged in Node (the
 * `dossier` command reads the archive) and in the browser (the site's form fetches published images).
 * Order: cover, summary, legal note and method, table, one page per capture. Every image is checked
 * against the SHA-256 of its record before it is printed; identical images are embedded once.
 */
import { parisTime } from '../evidence/time.ts';
import { drawCover } from './cover.ts';
import { drawExhibit, type ImageProblem } from './exhibit.ts';
import { embedPng, sha256Of, type EmbeddedImage } from './image.ts';
import { drawNotes } from './notes.ts';
import type { OwnPiece } from './own-pieces.ts';
import { drawOwnPieces } from './own-pieces-page.ts';
import { addPage, createKit, drawFooters, type Kit } from './pdf.ts';
import type { DossierRecord } from './entry.ts';
import { selectRecords, type Criteria } from './select.ts';
import { capturePagePattern, capturePageUrl } from './site-records.ts';
import { drawSummaryPage } from './summary-page.ts';
import { summarize, type DossierSummary } from './summary.ts';
import { drawTable, tablePageCount } from './table.ts';

export interface DossierInput<R extends DossierRecord = DossierRecord> {
  /** Records to choose from (any préfecture, motif and date: `criteria` selects). */
  records: readonly R[];
  criteria: Criteria;
  /** The page image of a record, or null when it cannot be found. */
  loadImage: (record: R) => Promise<Uint8Array | null>;
  /** Where the image of a record is looked for (archive path or URL), printed when it is missing. */
  imageLocation: (record: R) => string;
  /** Public archive site, `https://…/` with the final slash; null when none is configured. */
  siteUrl: string | null;
  /** `owner/repo` of the archive, for the attestation command; null when unknown. */
  repository: string | null;
  /** The capture's page on the public site; by default its page under `siteUrl` (site/model/urls.ts). */
  pageUrl?: (record: R) => string | null;
  /** ISO instant printed as the generation date (and in the PDF metadata). */
  generatedAt: string;
  /** Called after each capture page, for a progress display. */
  onProgress?: (done: number, total: number) => void;
  /** The person's own files (« Mes propres pièces », browser only), listed in an annex after the captures. */
  ownPieces?: readonly OwnPiece[];
}

export interface Dossier<R extends DossierRecord = DossierRecord> {
  pdf: Uint8Array;
  pageCount: number;
  records: R[];
  inPeriod: number;
  summary: DossierSummary;
  problems: ImageProblem[];
  /** First page (1-based) of each part. */
  parts: { summary: number; notes: number; table: number; exhibits: number };
}

/** `dossier-paris-aes-vpf-charcot-2026-01-05-2026-03-31.pdf` */
export const dossierFileName = (c: Pick<Criteria, 'prefecture' | 'motif' | 'from' | 'to'>) =>
  `dossier-${c.prefecture}-${c.motif}-${c.from}-${c.to}.pdf`;

/** « 312 ko », « 4,2 Mo », for messages about a dossier. */
export function sizeText(bytes: number): string {
  return bytes < 1_048_576
    ? `${Math.ceil(bytes / 1024)} ko`
    : `${(bytes / 1_048_576).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** The image of a capture checked against its record's SHA-256 and embedded (once per content), or what is wrong with it. */
async function pictureOf(
  kit: Kit,
  embedded: Map<string, EmbeddedImage>,
  record: DossierRecord,
  bytes: Uint8Array | null,
): Promise<{ image: EmbeddedImage } | { kind: ImageProblem['kind']; actual?: string }> {
  if (!bytes) return { kind: 'missing' };
  const actual = await sha256Of(bytes);
  if (actual !== record.sha256) return { kind: 'mismatch', actual };
  const known = embedded.get(actual);
  if (known) return { image: known };
  try {
    const image = await embedPng(kit, bytes);
    embedded.set(actual, image);
    return { image };
  } catch {
    return { kind: 'unreadable' };
  }
}

export async function buildDossier<R extends DossierRecord>(input: DossierInput<R>): Promise<Dossier<R>> {
  const { criteria } = input;
  const { records, inPeriod } = selectRecords(input.records, criteria);
  const summary = summarize(records);
  const first = records[0]!;
  const pageUrl = input.pageUrl ?? ((r: R) => (input.siteUrl ? capturePageUrl(input.siteUrl, r) : null));
  const kit = await createKit({
    title: `Dossier de captures — ${first.prefectureName} — ${first.motifLabel} — du ${criteria.from} au ${criteria.to}`,
    subject: 'Tentatives de prise de rendez-vous en préfecture : captures d’écran horodatées',
    generatedAt: input.generatedAt,
  });

  const cover = addPage(kit);
  const summaryPage = addPage(kit);
  drawNotes(kit, addPage(kit), { summary, records, siteUrl: input.siteUrl, repository: input.repository });
  const notesPages = kit.doc.getPageCount() - 2;
  const tablePages = Array.from({ length: tablePageCount(records.length) }, () => addPage(kit));
  const exhibitsStart = kit.doc.getPageCount() + 1;

  const embedded = new Map<string, EmbeddedImage>();
  const problems: ImageProblem[] = [];
  const rows = [];
  for (const [i, record] of records.entries()) {
    const page = addPage(kit);
    const number = exhibitsStart + i;
    const picture = await pictureOf(kit, embedded, record, await input.loadImage(record));
    const problem =
      'kind' in picture ? { record, ...picture, location: input.imageLocation(record), page: number } : null;
    if (problem) problems.push(problem);
    const url = pageUrl(record);
    drawExhibit(kit, page, {
      record,
      index: i + 1,
      total: records.length,
      image: 'image' in picture ? picture.image : null,
      problem,
      pageUrl: url,
    });
    rows.push({ record, pageUrl: url, exhibit: page, exhibitPage: number, exhibitNumber: i + 1, problem });
    input.onProgress?.(i + 1, records.length);
  }

  const exhibitsEnd = kit.doc.getPageCount();
  const ownPieces = input.ownPieces?.length ? addPage(kit) : null;
  if (ownPieces) drawOwnPieces(kit, ownPieces, input.ownPieces!);

  drawTable(
    kit,
    tablePages,
    rows,
    input.siteUrl ? capturePagePattern(input.siteUrl, criteria.prefecture, criteria.motif) : null,
  );
  drawSummaryPage(kit, summaryPage, { summary, inPeriod, problems });
  const last = kit.doc.getPageCount();
  const notesFirst = 3;
  const pages = (from: number, to: number) => (from === to ? `page ${from}` : `pages ${from} à ${to}`);
  drawCover(kit, cover, {
    prefectureName: first.prefectureName,
    motifLabel: first.motifLabel,
    criteria,
    count: records.length,
    inPeriod,
    siteUrl: input.siteUrl,
    generatedAt: input.generatedAt,
    contents: [
      { label: 'Résumé', page: summaryPage, pages: pages(2, 2) },
      {
        label: 'Note juridique et annexe : méthode',
        page: kit.doc.getPage(notesFirst - 1),
        pages: pages(notesFirst, notesFirst + notesPages - 1),
      },
      {
        label: 'Tableau des tentatives',
        page: tablePages[0]!,
        pages: pages(exhibitsStart - tablePages.length, exhibitsStart - 1),
      },
      {
        label: `Captures, une par page (${records.length})`,
        page: kit.doc.getPage(exhibitsStart - 1),
        pages: pages(exhibitsStart, exhibitsEnd),
      },
      ...(ownPieces
        ? [{ label: 'Annexe : pièces de la personne', page: ownPieces, pages: pages(exhibitsEnd + 1, last) }]
        : []),
    ],
  });
  const shortDay = (day: string) => day.split('-').reverse().join('/');
  const period = `du ${shortDay(criteria.from)} au ${shortDay(criteria.to)}`;
  drawFooters(
    kit,
    `Dossier de captures — ${criteria.prefecture} / ${criteria.motif} — ${period} — établi le ${parisTime(input.generatedAt).format('DD/MM/YYYY')}`,
  );
  const pdf = await kit.doc.save({ objectsPerTick: Infinity });
  return {
    pdf,
    pageCount: last,
    records,
    inPeriod,
    summary,
    problems,
    parts: { summary: 2, notes: notesFirst, table: exhibitsStart - tablePages.length, exhibits: exhibitsStart },
  };
}
