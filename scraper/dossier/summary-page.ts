/** Page 2: the figures of `summarize`, the warnings (fewer than 3 weeks, images missing) and the day × hour table. */
import { rgb, type PDFPage } from 'pdf-lib';
import { parisDateTime, parisTime } from '../evidence/time.ts';
import { plural } from '../evidence/french.ts';
import { OUTCOME_LABELS } from '../outcome/outcomes.ts';
import {
  A4,
  CONTENT_WIDTH,
  drawText,
  drawTextRight,
  drawWrapped,
  GREY,
  hline,
  INK,
  leading,
  MARGIN,
  RULE,
  TOP,
  wrapText,
  type Kit,
} from './pdf.ts';
import { MIN_WEEKS, type DossierSummary } from './summary.ts';
import type { ImageProblem } from './exhibit.ts';

const LABEL_WIDTH = 175;
const WEEKDAYS = ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'];

/** `2026-W02, 2026-W03, 2027-W01` → « 2026 : 2, 3 ; 2027 : 1 ». */
export function weekList(weeks: string[]): string {
  const byYear = new Map<string, number[]>();
  for (const week of weeks) {
    const [year, number] = week.split('-W');
    byYear.set(year!, [...(byYear.get(year!) ?? []), Number(number)]);
  }
  return [...byYear].map(([year, numbers]) => `${year} : ${numbers.join(', ')}`).join(' ; ');
}

function warningBox(kit: Kit, page: PDFPage, y: number, title: string, text: string): number {
  const lines = wrapText(kit, text, CONTENT_WIDTH - 20, { size: 9.5 });
  const height = 30 + lines.length * leading({ size: 9.5 });
  page.drawRectangle({
    x: MARGIN,
    y: y - height,
    width: CONTENT_WIDTH,
    height,
    borderColor: INK,
    borderWidth: 1.5,
    color: rgb(0.95, 0.95, 0.95),
  });
  drawText(kit, page, title, MARGIN + 10, y - 16, { font: 'bold', size: 10.5 });
  drawWrapped(kit, page, text, MARGIN + 10, y - 31, CONTENT_WIDTH - 20, { size: 9.5 });
  return y - height - 22;
}

function grid(kit: Kit, page: PDFPage, summary: DossierSummary, top: number): number {
  const labelWidth = 30;
  const totalWidth = 34;
  const cell = (CONTENT_WIDTH - labelWidth - totalWidth) / 24;
  const rowHeight = 13;
  const max = Math.max(...summary.grid.flat());
  let y = top;
  for (let hour = 0; hour < 24; hour++)
    drawText(kit, page, String(hour), MARGIN + labelWidth + hour * cell + cell / 2 - (hour < 10 ? 2 : 4), y, {
      size: 7,
      color: GREY,
    });
  drawTextRight(kit, page, 'total', A4.width - MARGIN - 2, y, { size: 7, color: GREY });
  y -= 4;
  const columnTotals = Array<number>(24).fill(0);
  for (const [day, counts] of summary.grid.entries()) {
    page.drawRectangle({
      x: MARGIN + labelWidth,
      y: y - rowHeight,
      width: cell * 24,
      height: rowHeight,
      borderColor: RULE,
      borderWidth: 0.4,
    });
    drawText(kit, page, WEEKDAYS[day]!, MARGIN, y - 9.5, { size: 8 });
    for (const [hour, count] of counts.entries()) {
      columnTotals[hour]! += count;
      if (count === 0) continue;
      const x = MARGIN + labelWidth + hour * cell;
      page.drawRectangle({
        x,
        y: y - rowHeight,
        width: cell,
        height: rowHeight,
        color: rgb(1 - (0.3 * count) / max, 1 - (0.3 * count) / max, 1 - (0.3 * count) / max),
      });
      drawTextRight(kit, page, String(count), x + cell - 2.5, y - 9.5, { size: 7 });
    }
    drawTextRight(kit, page, String(counts.reduce((a, b) => a + b, 0)), A4.width - MARGIN - 2, y - 9.5, { size: 8 });
    for (let hour = 1; hour < 24; hour++) {
      const x = MARGIN + labelWidth + hour * cell;
      page.drawLine({ start: { x, y }, end: { x, y: y - rowHeight }, thickness: 0.2, color: RULE });
    }
    y -= rowHeight;
  }
  drawText(kit, page, 'total', MARGIN, y - 9.5, { size: 7, color: GREY });
  for (const [hour, count] of columnTotals.entries()) {
    if (count > 0)
      drawTextRight(kit, page, String(count), MARGIN + labelWidth + (hour + 1) * cell - 2.5, y - 9.5, {
        size: 7,
        color: GREY,
      });
  }
  drawTextRight(kit, page, String(summary.attempts), A4.width - MARGIN - 2, y - 9.5, { size: 8, font: 'bold' });
  return y - rowHeight - 8;
}

export interface SummaryPageInfo {
  summary: DossierSummary;
  inPeriod: number;
  problems: ImageProblem[];
}

export function drawSummaryPage(kit: Kit, page: PDFPage, { summary, inPeriod, problems }: SummaryPageInfo): void {
  let y = TOP - 16;
  drawText(kit, page, '1. Résumé', MARGIN, y, { font: 'bold', size: 16 });
  y -= 30;
  const { earliest, latest } = summary;
  const rows: [string, string][] = [
    ['Tentatives présentées', summary.attempts.toLocaleString('fr-FR')],
    ...(inPeriod !== summary.attempts
      ? [
          ['Tentatives dans la période', `${inPeriod.toLocaleString('fr-FR')} (voir la sélection en page 1)`] as [
            string,
            string,
          ],
        ]
      : []),
    ['Jours distincts', summary.days.length.toLocaleString('fr-FR')],
    ['Semaines distinctes (ISO 8601)', `${summary.weeks.length} — ${weekList(summary.weeks)}`],
    ['Première tentative', parisDateTime(summary.first)],
    ['Dernière tentative', parisDateTime(summary.last)],
    [
      'Heures couvertes (Paris)',
      `de ${earliest.time} (le ${parisTime(earliest.at).format('dddd Do MMMM YYYY')}) à ${latest.time} (le ${parisTime(latest.at).format('dddd Do MMMM YYYY')})`,
    ],
  ];
  for (const [label, value] of rows) {
    drawText(kit, page, label, MARGIN, y, { font: 'bold', size: 10 });
    y = drawWrapped(kit, page, value, MARGIN + LABEL_WIDTH, y, CONTENT_WIDTH - LABEL_WIDTH, { size: 10 }) - 5;
  }
  y -= 10;
  if (summary.fewWeeks) {
    y = warningBox(
      kit,
      page,
      y,
      `ATTENTION — moins de ${MIN_WEEKS} semaines distinctes`,
      `Les captures de ce dossier ne couvrent que ${plural(summary.weeks.length, 'semaine distincte', 'semaines distinctes')}. Les juges des référés ` +
        'demandent des tentatives qui n’ont pas été effectuées la même semaine, et les demandes accueillies en montraient sur au moins ' +
        'trois semaines (voir la note juridique). Élargissez la période si l’archive le permet.',
    );
  }
  if (problems.length > 0) {
    y = warningBox(
      kit,
      page,
      y,
      `ATTENTION — ${plural(problems.length, 'image manquante ou non conforme', 'images manquantes ou non conformes')}`,
      `Ces captures figurent dans le tableau et ont leur page, qui dit ce qui manque : pages ${problems.map((p) => p.page).join(', ')}.`,
    );
  }
  drawText(kit, page, 'Résultats des tentatives', MARGIN, y, { font: 'bold', size: 11 });
  drawTextRight(kit, page, 'tentatives', MARGIN + 380, y, { size: 8, color: GREY });
  drawTextRight(kit, page, 'part', A4.width - MARGIN, y, { size: 8, color: GREY });
  y -= 16;
  for (const { outcome, count } of summary.outcomes) {
    drawText(kit, page, OUTCOME_LABELS[outcome], MARGIN + 10, y, { size: 10 });
    drawTextRight(kit, page, count.toLocaleString('fr-FR'), MARGIN + 380, y, { size: 10 });
    drawTextRight(
      kit,
      page,
      `${((100 * count) / summary.attempts).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`,
      A4.width - MARGIN,
      y,
      { size: 10 },
    );
    hline(page, MARGIN, A4.width - MARGIN, y - 4, 0.3);
    y -= 15;
  }
  y -= 18;
  drawText(kit, page, 'Tentatives par jour de la semaine et par heure (heure de Paris)', MARGIN, y, {
    font: 'bold',
    size: 11,
  });
  grid(kit, page, summary, y - 18);
}
