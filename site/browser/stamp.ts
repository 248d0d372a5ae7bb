/**
 * The stamped exhibit, drawn in the browser: the page image as published, and under it the banner lines
 * shown on the page (they come from `bannerLines()`, as on the exhibit made by `npm run exhibit`), laid out by
 * the exhibit's own layout and font widths, so its lines break where the command line's do. The command line
 * remains the reference: it is byte-for-byte reproducible, a browser's font rendering is not.
 */
import type { BannerLine } from '../../scraper/evidence/banner.ts';
import { dejavuMeasure } from '../../scraper/evidence/banner-fonts.ts';
import { BANNER_COLOURS, bannerTexts, layoutBanner, type BannerLayout } from '../../scraper/evidence/banner-layout.ts';

function bannerLinesOnPage(figure: Element): BannerLine[] {
  return [...figure.querySelectorAll('dl.banner > div')].map((row) => ({
    label: row.querySelector('dt')?.textContent ?? '',
    value: row.querySelector('dd')?.textContent ?? '',
  }));
}

/** The banner's layout for a page `width` px wide: the exhibit's, with the exhibit's font widths. */
export function stampBanner(lines: BannerLine[], width: number): BannerLayout {
  return layoutBanner(lines, width, dejavuMeasure());
}

function drawExhibit(image: HTMLImageElement, lines: BannerLine[]): HTMLCanvasElement {
  const layout = stampBanner(lines, image.naturalWidth);
  const { sizes, width } = layout;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d')!;
  canvas.width = width;
  canvas.height = image.naturalHeight + layout.height;
  context.drawImage(image, 0, 0);
  context.fillStyle = BANNER_COLOURS.background;
  context.fillRect(0, image.naturalHeight, width, layout.height);
  context.fillStyle = BANNER_COLOURS.rule;
  context.fillRect(0, image.naturalHeight, width, sizes.rule);
  const fonts = {
    label: `${sizes.labelPx}px "DejaVu Sans", sans-serif`,
    value: `bold ${sizes.valuePx}px "DejaVu Sans", sans-serif`,
  };
  for (const { column, x, baseline, text } of bannerTexts(layout)) {
    context.font = fonts[column];
    context.fillStyle = BANNER_COLOURS[column];
    context.fillText(text, x, image.naturalHeight + baseline);
  }
  return canvas;
}

export function stampButton(button: HTMLButtonElement): void {
  const figure = button.closest('main')?.querySelector('figure.exhibit');
  const image = figure?.querySelector('img');
  if (!figure || !image) return;
  button.hidden = false;
  button.addEventListener('click', async () => {
    if (!image.complete) await image.decode();
    drawExhibit(image, bannerLinesOnPage(figure)).toBlob((blob) => {
      if (!blob) return;
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = button.dataset.stamp!;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    }, 'image/png');
  });
}
