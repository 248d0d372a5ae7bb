/**
 * The table of every attempt of the dossier, in order: Paris date and time, outcome in French (whole: the
 * widest label fits), the server's IP address, the time of the first verified RFC 3161 timestamp of its manifest
 * and how many authorities gave a verified one, the capture id linked to its page on the public site, and the
 * dossier page of the capture (linked too). Fixed row height, so the number of table pages is known before drawing.
 */
import type { PDFPage } from 'pdf-lib';
import { parisTime } from '../evidence/time.ts';
import { shortFacts } from '../outcome/facts.ts';
import { OUTCOME_LABELS } from '../outcome/outcomes.ts';
import {
  A4,
  BOTTOM,
  CONTENT_WIDTH,
  drawText,
  drawTextRight,
  drawWrapped,
  GREY,
  hline,
  INK,
  link,
  MARGIN,
  SHADE,
  TOP,
  type Kit,
} from './pdf.ts';
import { printable, ellipsize } from './text.ts';
import type { DossierRecord } from './entry.ts';
import type { ImageProblem } from './exhibit.ts';

const ROW = 11.5;
const SIZE = 7.5;
const FACTS_SIZE = 6;
const HEADER_GAP = 16;
/** Room taken on the first page by the title and the explanation above the table. */
const FIRST_PAGE_INTRO = 130;
const NEXT_PAGE_INTRO = 40;

const rowsFitting = (intro: number) => Math.floor((TOP - intro - HEADER_GAP - BOTTOM) / ROW);

export function tablePageCount(rows: number): number {
  const first = rowsFitting(FIRST_PAGE_INTRO);
  return rows <= first ? 1 : 1 + Math.ceil((rows - first) / rowsFitting(NEXT_PAGE_INTRO));
}

export interface TableRow {
  record: DossierRecord;
  pageUrl: string | null;
  exhibit: PDFPage;
  /** Page number of `exhibit` in the dossier. */
  exhibitPage: number;
  exhibitNumber: number;
  problem: ImageProblem | null;
}

const COLUMNS = { number: 22, when: 90, outcome: 0, server: 56, stamped: 44, capture: 82, page: 30 };
COLUMNS.outcome = CONTENT_WIDTH - Object.values(COLUMNS).reduce((a, b) => a + b, 0);

function columnX() {
  let x = MARGIN;
  return Object.fromEntries(Object.entries(COLUMNS).map(([name, width]) => [name, (x += width) - width])) as Record<
    keyof typeof COLUMNS,
    number
  >;
}

function header(kit: Kit, page: PDFPage, y: number): number {
  const x = columnX();
  const style = { font: 'bold' as const, size: SIZE };
  drawTextRight(kit, page, 'N°', x.number + COLUMNS.number - 6, y, style);
  drawText(kit, page, 'Date et heure (Paris)', x.when, y, style);
  drawText(kit, page, 'Résultat', x.outcome, y, style);
  drawText(kit, page, 'Serveur (IP)', x.server, y, style);
  drawText(kit, page, 'Horodatage', x.stamped, y, style);
  drawText(kit, page, 'Capture (lien)', x.capture, y, style);
  drawTextRight(kit, page, 'Pièce', A4.width - MARGIN, y, style);
  hline(page, MARGIN, A4.width - MARGIN, y - 4);
  return y - HEADER_GAP;
}

function row(kit: Kit, page: PDFPage, y: number, r: TableRow, shaded: boolean): void {
  const x = columnX();
  if (shaded)
    page.drawRectangle({ x: MARGIN, y: y - 3, width: CONTENT_WIDTH, height: ROW, color: SHADE, opacity: 0.5 });
  const style = { size: SIZE };
  drawTextRight(kit, page, String(r.exhibitNumber), x.number + COLUMNS.number - 6, y, style);
  drawText(kit, page, parisTime(r.record.capturedAt).format('ddd DD/MM/YYYY HH:mm:ss'), x.when, y, style);
  const outcome = OUTCOME_LABELS[r.record.outcome] + (r.record.assisted ? ' *' : '');
  const shown = ellipsize(printable(outcome, kit.charset), kit.fonts.regular, SIZE, COLUMNS.outcome - 6);
  const used = drawText(kit, page, shown, x.outcome, y, style);
  // The dates the page gave, small and grey after the outcome, in what is left of the column.
  const facts = shortFacts(r.record.facts ?? {});
  const room = COLUMNS.outcome - 6 - used - 4;
  if (facts && room > 20)
    drawText(
      kit,
      page,
      ellipsize(printable(facts, kit.charset), kit.fonts.regular, FACTS_SIZE, room),
      x.outcome + used + 4,
      y,
      {
        size: FACTS_SIZE,
        color: GREY,
      },
    );
  const server = r.record.provenance?.server;
  drawText(kit, page, server ? server.replace(/:\d+$/, '') : '—', x.server, y, {
    size: SIZE,
    color: server ? INK : GREY,
  });
  const stamps = r.record.timestamps ?? [];
  // Only verified times are shown: a reply that failed the check gives no time, whatever its bytes say.
  const verified = stamps.flatMap((s) => (s.genTime !== undefined ? [s.genTime] : []));
  const stamped =
    verified.length > 0
      ? `${parisTime(verified[0]!).format('HH:mm:ss')} ×${verified.length}`
      : stamps.length > 0
        ? 'non vérifié'
        : '—';
  drawText(kit, page, stamped, x.stamped, y, { size: SIZE, ...(verified.length ? {} : { color: GREY }) });
  const stamp = r.record.id.slice(r.record.id.lastIndexOf('/') + 1);
  const width = drawText(kit, page, stamp, x.capture, y, { size: SIZE, ...(r.pageUrl ? {} : { color: GREY }) });
  if (r.pageUrl) link(kit, page, { x: x.capture, y: y - 2, width, height: ROW - 2 }, r.pageUrl);
  const pageLabel = `${r.problem ? '! ' : ''}p. ${r.exhibitPage}`;
  drawTextRight(kit, page, pageLabel, A4.width - MARGIN, y, {
    size: SIZE,
    ...(r.problem ? { font: 'bold' as const } : {}),
  });
  link(kit, page, { x: x.page, y: y - 2, width: COLUMNS.page, height: ROW - 2 }, r.exhibit);
}

/** Draws the rows over `pages` (as many as `tablePageCount` said). */
/** `pagePattern`: the address of the capture pages with `<capture>` for the id's stamp; null without a public site. */
export function drawTable(kit: Kit, pages: PDFPage[], rows: TableRow[], pagePattern: string | null): void {
  let index = 0;
  for (const [n, page] of pages.entries()) {
    let y = TOP - 16;
    if (n === 0) {
      drawText(kit, page, '3. Tableau des tentatives', MARGIN, y, { font: 'bold', size: 16 });
      const where = pagePattern
        ? `sa page sur le site public est ${pagePattern}`
        : 'le site public n’est pas configuré';
      const intro =
        'Toutes les tentatives de ce dossier, de la plus ancienne à la plus récente. Heures de Paris. L’empreinte SHA-256 de ' +
        'chaque image est donnée en entier sous la capture. En gris après le résultat : les dates lues sur la page (prochaine ' +
        'disponibilité, mise en ligne des créneaux). « Serveur » : adresse IP du serveur de la préfecture qui a ' +
        'envoyé la page. « Horodatage » : heure signée par la première autorité d’horodatage (RFC 3161) du manifeste qui liste ' +
        'la capture, et nombre d’autorités (réponses vérifiées seules ; sinon « non vérifié ») ; « — » : non relevé. « Capture » : identifiant de la capture (date et heure UTC) ; ' +
        `${where}. « Pièce » : page de ce dossier où figure la capture ; « ! » signale une image manquante ou non conforme` +
        (rows.some((r) => r.record.assisted) ? ' ; « * » : captcha résolu par une personne.' : '.');
      drawWrapped(kit, page, intro, MARGIN, y - 22, CONTENT_WIDTH, { size: 8.5, color: GREY });
      y = TOP - FIRST_PAGE_INTRO + 6;
    } else {
      drawText(kit, page, '3. Tableau des tentatives (suite)', MARGIN, y, { font: 'bold', size: 11 });
      y = TOP - NEXT_PAGE_INTRO + 6;
    }
    y = header(kit, page, y);
    const fit = rowsFitting(n === 0 ? FIRST_PAGE_INTRO : NEXT_PAGE_INTRO);
    for (let i = 0; i < fit && index < rows.length; i++, index++) {
      row(kit, page, y, rows[index]!, index % 2 === 1);
      y -= ROW;
    }
  }
}
