/**
 * One capture per page: the page image scaled to fit, and under it the exhibit's banner lines — the same
 * `bannerLines` as the stamped image and the site, so every copy of a capture says the same words. A capture
 * whose image is missing, altered or unreadable keeps its page, which says so instead of hiding it.
 */
import type { PDFPage } from 'pdf-lib';
import { rgb } from 'pdf-lib';
import { bannerLines } from '../evidence/banner.ts';
import { dejavuMeasure } from '../evidence/banner-fonts.ts';
import {
  BANNER_COLOURS,
  BANNER_REFERENCE_WIDTH,
  bannerTexts,
  layoutBanner,
  type BannerLayout,
} from '../evidence/banner-layout.ts';
import { parisTime } from '../evidence/time.ts';
import { drawEmbedded, type EmbeddedImage } from './image.ts';
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
  RULE,
  TOP,
  type Kit,
} from './pdf.ts';
import { ellipsize, printable } from './text.ts';
import type { DossierRecord } from './entry.ts';

export interface ImageProblem {
  record: DossierRecord;
  kind: 'missing' | 'mismatch' | 'unreadable';
  /** Where the image was looked for: its path in the archive, or its URL. */
  location: string;
  /** SHA-256 of the bytes found instead, for a mismatch. */
  actual?: string;
  /** The dossier page that stands for the capture. */
  page: number;
}

export interface ExhibitInfo {
  record: DossierRecord;
  index: number;
  total: number;
  image: EmbeddedImage | null;
  problem: ImageProblem | null;
  pageUrl: string | null;
}

const LINE = 11;
const GAP = 10;

const PROBLEM_TEXT: Record<ImageProblem['kind'], (p: ImageProblem) => string> = {
  missing: (p) => `L’image de cette capture est introuvable. Elle était attendue ici : ${p.location}`,
  mismatch: (p) =>
    `Le fichier trouvé (${p.location}) n’est pas l’image enregistrée : son empreinte SHA-256 est ${p.actual}, ` +
    `alors que le relevé de la capture indique ${p.record.sha256}. Il n’est pas reproduit.`,
  unreadable: (p) => `Le fichier ${p.location} a la bonne empreinte mais n’a pas pu être lu comme une image PNG.`,
};

const PROBLEM_TITLE: Record<ImageProblem['kind'], string> = {
  missing: 'IMAGE MANQUANTE',
  mismatch: 'IMAGE NON CONFORME',
  unreadable: 'IMAGE ILLISIBLE',
};

/**
 * The stamped exhibit's banner for this capture: the same rows, broken at the same places, laid out at the capture
 * viewport's width and drawn scaled to the page's.
 */
export function dossierBanner(record: DossierRecord): BannerLayout {
  return layoutBanner(bannerLines(record), BANNER_REFERENCE_WIDTH, dejavuMeasure());
}

const colour = (hex: string) =>
  rgb(...([1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number]));

/** Draws the banner with its top edge at `top`, across the content width. */
function drawBanner(kit: Kit, page: PDFPage, banner: BannerLayout, top: number): void {
  const scale = CONTENT_WIDTH / banner.width;
  const { sizes } = banner;
  const height = banner.height * scale;
  page.drawRectangle({
    x: MARGIN,
    y: top - height,
    width: CONTENT_WIDTH,
    height,
    color: colour(BANNER_COLOURS.background),
  });
  page.drawRectangle({
    x: MARGIN,
    y: top - sizes.rule * scale,
    width: CONTENT_WIDTH,
    height: sizes.rule * scale,
    color: colour(BANNER_COLOURS.rule),
  });
  for (const { column, x, baseline, text } of bannerTexts(banner)) {
    drawText(kit, page, text, MARGIN + x * scale, top - baseline * scale, {
      font: column === 'label' ? 'regular' : 'bold',
      size: (column === 'label' ? sizes.labelPx : sizes.valuePx) * scale,
      color: colour(BANNER_COLOURS[column]),
    });
  }
}

export function drawExhibit(kit: Kit, page: PDFPage, info: ExhibitInfo): void {
  const { record } = info;
  let y = TOP - 10;
  drawText(kit, page, `Capture ${info.index} / ${info.total}`, MARGIN, y, { font: 'bold', size: 11 });
  drawTextRight(
    kit,
    page,
    parisTime(record.capturedAt).format('dddd Do MMMM YYYY [à] HH:mm:ss'),
    A4.width - MARGIN,
    y,
    { size: 10 },
  );
  y -= 8;
  hline(page, MARGIN, A4.width - MARGIN, y);
  const banner = dossierBanner(record);
  const bannerHeight = banner.height * (CONTENT_WIDTH / banner.width);
  const urlHeight = info.pageUrl ? LINE + 2 : 0;
  const room = { x: MARGIN, top: y - 12, width: CONTENT_WIDTH, bottom: BOTTOM + urlHeight + bannerHeight + GAP };
  let bottom: number;
  if (info.image) {
    const scale = Math.min(room.width / info.image.width, (room.top - room.bottom) / info.image.height);
    const width = info.image.width * scale;
    const height = info.image.height * scale;
    const placed = { x: room.x + (room.width - width) / 2, y: room.top - height, width, height };
    drawEmbedded(page, info.image, placed);
    page.drawRectangle({ ...placed, borderColor: RULE, borderWidth: 0.5 });
    bottom = placed.y;
  } else {
    const problem = info.problem!;
    const box = {
      x: room.x,
      y: Math.max(room.bottom, room.top - 220),
      width: room.width,
      height: Math.min(room.top - room.bottom, 220),
    };
    page.drawRectangle({ ...box, borderColor: INK, borderWidth: 1, borderDashArray: [4, 3] });
    drawText(kit, page, PROBLEM_TITLE[problem.kind], box.x + 20, box.y + box.height - 40, { font: 'bold', size: 16 });
    drawWrapped(kit, page, PROBLEM_TEXT[problem.kind](problem), box.x + 20, box.y + box.height - 64, box.width - 40, {
      size: 10,
    });
    bottom = box.y;
  }
  // The banner right under the image, as on the stamped exhibit.
  const bannerTop = bottom - GAP;
  drawBanner(kit, page, banner, bannerTop);
  if (info.pageUrl) {
    y = bannerTop - bannerHeight - LINE;
    const text = ellipsize(
      printable(`Page de la capture sur le site public : ${info.pageUrl}`, kit.charset),
      kit.fonts.regular,
      7.5,
      CONTENT_WIDTH,
    );
    const width = drawText(kit, page, text, MARGIN, y, { size: 7.5, color: GREY });
    link(kit, page, { x: MARGIN, y: y - 2, width, height: 10 }, info.pageUrl);
  }
}
