/**
 * The few drawing tools of the dossier on top of pdf-lib: A4 pages, standard fonts (no font file to ship
 * to the browser), text made printable and wrapped, links, page footers, and a flow that adds a page when
 * text runs out of room. Sober on purpose: black text, thin grey rules; colour only in the exhibit banner, as on the
 * stamped exhibit.
 */
import { PDFDocument, PDFName, PDFString, rgb, StandardFonts, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { charsetOf, printable, wrap } from './text.ts';
import { frenchSpaces } from '../evidence/french.ts';

export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = 50;
export const CONTENT_WIDTH = A4.width - 2 * MARGIN;
export const TOP = A4.height - MARGIN;
/** Lowest baseline for content: the footer sits below it. */
export const BOTTOM = MARGIN + 14;

export const INK = rgb(0, 0, 0);
export const GREY = rgb(0.35, 0.35, 0.35);
export const RULE = rgb(0.6, 0.6, 0.6);
export const SHADE = rgb(0.9, 0.9, 0.9);

export interface Kit {
  doc: PDFDocument;
  fonts: Record<'regular' | 'bold' | 'italic' | 'mono', PDFFont>;
  /** Characters the standard fonts encode (WinAnsi, the same for all four). */
  charset: Set<number>;
}

export interface Style {
  font?: keyof Kit['fonts'];
  size?: number;
  color?: RGB;
}

export async function createKit(meta: { title: string; subject: string; generatedAt: string }): Promise<Kit> {
  // Metadata set by hand, dated by the caller: the same captures give byte-identical dossiers.
  const doc = await PDFDocument.create({ updateMetadata: false });
  const [regular, bold, italic, mono] = await Promise.all(
    [StandardFonts.Helvetica, StandardFonts.HelveticaBold, StandardFonts.HelveticaOblique, StandardFonts.Courier].map(
      (f) => doc.embedFont(f),
    ),
  );
  const kit: Kit = {
    doc,
    fonts: { regular: regular!, bold: bold!, italic: italic!, mono: mono! },
    charset: charsetOf(regular!),
  };
  doc.setTitle(meta.title);
  doc.setSubject(meta.subject);
  doc.setCreator('Screen ta préfecture');
  doc.setProducer('pdf-lib');
  doc.setLanguage('fr-FR');
  doc.setCreationDate(new Date(meta.generatedAt));
  doc.setModificationDate(new Date(meta.generatedAt));
  return kit;
}

export const addPage = (kit: Kit) => kit.doc.addPage([A4.width, A4.height]);

const resolved = (kit: Kit, style: Style) => ({
  font: kit.fonts[style.font ?? 'regular'],
  size: style.size ?? 10,
  color: style.color ?? INK,
});

/** Draws one line at baseline `y`; returns its width. */
export function drawText(kit: Kit, page: PDFPage, text: string, x: number, y: number, style: Style = {}): number {
  const { font, size, color } = resolved(kit, style);
  const safe = printable(text, kit.charset);
  page.drawText(safe, { x, y, font, size, color });
  return font.widthOfTextAtSize(safe, size);
}

/** Same, ending at `right`. */
export function drawTextRight(
  kit: Kit,
  page: PDFPage,
  text: string,
  right: number,
  y: number,
  style: Style = {},
): void {
  const { font, size } = resolved(kit, style);
  drawText(kit, page, text, right - font.widthOfTextAtSize(printable(text, kit.charset), size), y, style);
}

export function wrapText(kit: Kit, text: string, width: number, style: Style = {}): string[] {
  const { font, size } = resolved(kit, style);
  return wrap(printable(text, kit.charset), font, size, width);
}

export const leading = (style: Style) => (style.size ?? 10) * 1.35;

/** Draws wrapped text from baseline `y` downwards; returns the baseline after the last line. */
export function drawWrapped(
  kit: Kit,
  page: PDFPage,
  text: string,
  x: number,
  y: number,
  width: number,
  style: Style = {},
): number {
  for (const line of wrapText(kit, text, width, style)) {
    drawText(kit, page, line, x, y, style);
    y -= leading(style);
  }
  return y;
}

export function hline(page: PDFPage, x1: number, x2: number, y: number, thickness = 0.5): void {
  page.drawLine({ start: { x: x1, y }, end: { x: x2, y }, thickness, color: RULE });
}

/** A clickable area leading to a web address, or to another page of the dossier. */
export function link(
  kit: Kit,
  page: PDFPage,
  rect: { x: number; y: number; width: number; height: number },
  target: string | PDFPage,
): void {
  const { context } = kit.doc;
  const action =
    typeof target === 'string'
      ? { A: { Type: 'Action', S: 'URI', URI: PDFString.of(target) } }
      : { Dest: [target.ref, PDFName.of('Fit')] };
  const annotation = context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height],
    Border: [0, 0, 0],
    ...action,
  });
  page.node.addAnnot(context.register(annotation));
}

/** Headings, paragraphs and lists that continue on a new page when the current one is full. */
export function createFlow(kit: Kit, first: PDFPage) {
  let page = first;
  let y = TOP;
  const breakPage = () => {
    page = addPage(kit);
    y = TOP;
  };
  const ensure = (height: number) => {
    if (y - height < BOTTOM) breakPage();
  };
  return {
    get page() {
      return page;
    },
    get y() {
      return y;
    },
    gap(points: number) {
      y -= points;
    },
    heading(text: string, size = 14) {
      ensure(size * 3);
      y -= size;
      drawText(kit, page, frenchSpaces(text), MARGIN, y, { font: 'bold', size });
      y -= size * 0.8;
    },
    paragraph(text: string, style: Style = {}, indent = 0) {
      const lines = wrapText(kit, frenchSpaces(text), CONTENT_WIDTH - indent, style);
      for (const line of lines) {
        ensure(leading(style));
        y -= style.size ?? 10;
        drawText(kit, page, line, MARGIN + indent, y, style);
        y -= leading(style) - (style.size ?? 10);
      }
      y -= (style.size ?? 10) * 0.6;
    },
    bullet(text: string, style: Style = {}) {
      ensure(leading(style));
      drawText(kit, page, '–', MARGIN + 4, y - (style.size ?? 10), style);
      this.paragraph(text, style, 16);
    },
    /** A table whose cells wrap; its header is drawn again at the top of each page it runs over. */
    table(columns: { header: string; width: number }[], rows: string[][], style: Style = {}) {
      const size = style.size ?? 10;
      const bold = { ...style, font: 'bold' as const };
      const measure = (cells: string[], cellStyle: Style) => {
        const lines = cells.map((cell, i) => wrapText(kit, cell, columns[i]!.width - 6, cellStyle));
        return { lines, cellStyle, height: Math.max(...lines.map((l) => l.length)) * leading(cellStyle) + 3 };
      };
      const draw = ({ lines, cellStyle, height }: ReturnType<typeof measure>) => {
        let x = MARGIN;
        lines.forEach((cell, i) => {
          cell.forEach((line, n) => drawText(kit, page, line, x, y - size - n * leading(cellStyle), cellStyle));
          x += columns[i]!.width;
        });
        y -= height;
        hline(page, MARGIN, MARGIN + CONTENT_WIDTH, y + 1.5, 0.3);
      };
      const header = measure(
        columns.map((c) => c.header),
        bold,
      );
      ensure(header.height * 2);
      draw(header);
      for (const row of rows) {
        const measured = measure(row, style);
        if (y - measured.height < BOTTOM) {
          breakPage();
          draw(header);
        }
        draw(measured);
      }
      y -= size * 0.6;
    },
  };
}

/** The line at the foot of every page: what the dossier is, and « page i / n ». */
export function drawFooters(kit: Kit, label: string): void {
  const pages = kit.doc.getPages();
  pages.forEach((page, i) => {
    hline(page, MARGIN, A4.width - MARGIN, MARGIN + 4);
    drawText(kit, page, label, MARGIN, MARGIN - 8, { size: 7, color: GREY });
    drawTextRight(kit, page, `page ${i + 1} / ${pages.length}`, A4.width - MARGIN, MARGIN - 8, {
      size: 7,
      color: GREY,
    });
  });
}
