/** Page 1: what the dossier is about (préfecture, exact procedure, period, selection), where the archive is, what follows. */
import type { PDFPage } from 'pdf-lib';
import { parisDateTime } from '../evidence/time.ts';
import { OUTCOME_LABELS } from '../outcome/outcomes.ts';
import {
  CONTENT_WIDTH,
  drawText,
  drawTextRight,
  drawWrapped,
  GREY,
  hline,
  link,
  MARGIN,
  TOP,
  A4,
  type Kit,
} from './pdf.ts';
import { longDay, type Criteria } from './select.ts';
import { NO_SITE } from './site-url.ts';

export interface CoverInfo {
  prefectureName: string;
  motifLabel: string;
  criteria: Criteria;
  count: number;
  inPeriod: number;
  siteUrl: string | null;
  generatedAt: string;
  contents: { label: string; page: PDFPage; pages: string }[];
}

const LABEL_WIDTH = 125;

export function selectionText(criteria: Criteria): string {
  const which = criteria.onePerDay ? 'une tentative par jour (la première de chaque jour)' : 'toutes les tentatives';
  const outcomes = criteria.outcomes
    ? `résultats retenus : ${criteria.outcomes.map((o) => `« ${OUTCOME_LABELS[o]} »`).join(', ')}`
    : 'tous les résultats';
  return `${which}, ${outcomes}`;
}

export function drawCover(kit: Kit, page: PDFPage, info: CoverInfo): void {
  const { criteria } = info;
  let y = TOP - 6;
  drawText(kit, page, 'Screen ta préfecture — archive publique de captures d’écran', MARGIN, y, {
    size: 9,
    color: GREY,
  });
  y -= 70;
  drawText(kit, page, 'Dossier de captures d’écran', MARGIN, y, { font: 'bold', size: 24 });
  y -= 22;
  drawText(kit, page, 'Tentatives de prise de rendez-vous en préfecture', MARGIN, y, { size: 13 });
  y -= 22;
  hline(page, MARGIN, A4.width - MARGIN, y, 1);
  y -= 26;
  const rows: [string, string, string | null][] = [
    ['Préfecture', info.prefectureName, null],
    ['Démarche', info.motifLabel, null],
    [
      'Période',
      criteria.from === criteria.to
        ? `le ${longDay(criteria.from)} (heure de Paris)`
        : `du ${longDay(criteria.from)} au ${longDay(criteria.to)} inclus (heure de Paris)`,
      null,
    ],
    ['Sélection', selectionText(criteria), null],
    [
      'Captures présentées',
      `${info.count}${info.inPeriod !== info.count ? ` sur ${info.inPeriod} tentatives dans la période` : ''}`,
      null,
    ],
    ['Archive publique', info.siteUrl ?? NO_SITE, info.siteUrl],
    ['Document établi le', parisDateTime(info.generatedAt), null],
  ];
  for (const [label, value, url] of rows) {
    drawText(kit, page, label, MARGIN, y, { font: 'bold', size: 10 });
    const after = drawWrapped(kit, page, value, MARGIN + LABEL_WIDTH, y, CONTENT_WIDTH - LABEL_WIDTH, { size: 11 });
    if (url)
      link(kit, page, { x: MARGIN + LABEL_WIDTH, y: y - 3, width: CONTENT_WIDTH - LABEL_WIDTH, height: 14 }, url);
    y = after - 8;
  }
  y -= 18;
  drawText(kit, page, 'Contenu', MARGIN, y, { font: 'bold', size: 12 });
  y -= 20;
  for (const [i, entry] of info.contents.entries()) {
    drawText(kit, page, `${i + 1}.  ${entry.label}`, MARGIN + 10, y, { size: 11 });
    drawTextRight(kit, page, entry.pages, A4.width - MARGIN, y, { size: 11 });
    link(kit, page, { x: MARGIN, y: y - 3, width: CONTENT_WIDTH, height: 14 }, entry.page);
    y -= 18;
  }
  y -= 24;
  const note =
    'Chaque capture occupe une page : l’image de la page du site telle que le navigateur l’a affichée, puis les mentions imprimées ' +
    'sur la pièce (préfecture, démarche, adresse de la page, date et heure de Paris et UTC, résultat, identifiant de la capture, ' +
    'empreinte SHA-256 de l’image). L’annexe explique comment les captures sont faites et comment vérifier chacune d’elles.';
  drawWrapped(kit, page, note, MARGIN, y, CONTENT_WIDTH, { size: 9, color: GREY });
}
