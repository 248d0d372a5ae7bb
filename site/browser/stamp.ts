/**
 * The stamped exhibit, drawn in the browser: the page image as published, and under it the banner lines
 * shown on the page (they come from `bannerLines()`, as on the exhibit made by `npm run exhibit`), in the
 * same proportions and colours. The command line remains the reference: it is byte-for-byte reproducible,
 * a browser's fonts are not.
 */
interface Line {
  label: string;
  value: string;
}

function bannerLinesOnPage(figure: Element): Line[] {
  return [...figure.querySelectorAll('dl.banner > div')].map((row) => ({
    label: row.querySelector('dt')?.textContent ?? '',
    value: row.querySelector('dd')?.textContent ?? '',
  }));
}

/** Greedy word wrap; a word wider than the column (a URL, a hash) is cut where it must. */
function wrap(context: CanvasRenderingContext2D, text: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (context.measureText(candidate).width <= width) {
      current = candidate;
      continue;
    }
    if (current) out.push(current);
    current = word;
    while (context.measureText(current).width > width && current.length > 1) {
      let cut = current.length - 1;
      while (cut > 1 && context.measureText(current.slice(0, cut)).width > width) cut--;
      out.push(current.slice(0, cut));
      current = current.slice(cut);
    }
  }
  return current ? [...out, current] : out;
}

function drawExhibit(image: HTMLImageElement, lines: Line[]): HTMLCanvasElement {
  const width = image.naturalWidth;
  // Proportions of the command-line exhibit: a 22 px value line on a 1,280 px page, labels a little smaller.
  const valuePx = Math.max(16, Math.round((22 * width) / 1280));
  const labelPx = Math.round(valuePx * 0.82);
  const lineHeight = Math.round(valuePx * 1.4);
  const margin = Math.round(valuePx * 1.4);
  const rule = Math.max(3, Math.round(valuePx / 6));
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d')!;
  const labelFont = `${labelPx}px "DejaVu Sans", sans-serif`;
  const valueFont = `bold ${valuePx}px "DejaVu Sans", sans-serif`;
  context.font = labelFont;
  const labelWidth = Math.min(
    Math.max(...lines.map((l) => context.measureText(l.label).width)),
    (width - 2 * margin) / 3,
  );
  const valueX = margin + labelWidth + valuePx;
  const rows = lines.map((l) => {
    context.font = labelFont;
    const label = wrap(context, l.label, labelWidth);
    context.font = valueFont;
    return { label, value: wrap(context, l.value, width - margin - valueX) };
  });
  const pad = Math.round(margin * 0.6);
  const gap = Math.round(valuePx * 0.3);
  const bannerHeight =
    rule + 2 * pad + rows.reduce((n, r) => n + Math.max(r.label.length, r.value.length) * lineHeight + gap, -gap);
  canvas.width = width;
  canvas.height = image.naturalHeight + bannerHeight;
  context.drawImage(image, 0, 0);
  context.fillStyle = '#f6f6f6';
  context.fillRect(0, image.naturalHeight, width, bannerHeight);
  context.fillStyle = '#000091';
  context.fillRect(0, image.naturalHeight, width, rule);
  let top = image.naturalHeight + rule + pad;
  for (const row of rows) {
    const baseline = (i: number) => top + i * lineHeight + Math.round(lineHeight * 0.72);
    context.font = labelFont;
    context.fillStyle = '#3a3a3a';
    row.label.forEach((text, i) => context.fillText(text, margin, baseline(i)));
    context.font = valueFont;
    context.fillStyle = '#161616';
    row.value.forEach((text, i) => context.fillText(text, valueX, baseline(i)));
    top += Math.max(row.label.length, row.value.length) * lineHeight + gap;
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
