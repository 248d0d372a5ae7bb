/**
 * Stacked bar charts as SVG, made at build time: no charting script in the browser. The colours come
 * from the stylesheet (classes `s-no-slot`, `s-slot`, `s-other`), each bar has a tooltip, and every chart
 * has a title and a description; the same figures are in a table next to it. The chart shrinks with the
 * screen, so the stylesheet enlarges its labels on narrow screens (at least 12 px wherever they are
 * drawn) and shows only the `major` ticks there: no more than four labels fit under a phone's chart.
 */
import { frenchSpaces } from '../../scraper/evidence/french.ts';
import { count } from './numbers.ts';
import { html, type Html } from './html.ts';

export interface Bar {
  /** Full label for the tooltip, e.g. « janvier 2026 ». */
  label: string;
  /** Short axis label, e.g. « janv. 26 ». */
  tick: string;
  /** One value per series, stacked from the bottom. */
  values: number[];
}

export interface Series {
  name: string;
  className: string;
}

const WIDTH = 760;
const HEIGHT = 280;
/** Room for the value labels and the tick labels at their largest (32 units, see site.css). */
const LEFT = 96;
const RIGHT = 8;
const TOP = 20;
const BOTTOM = 48;
const MAX_TICKS = 12;
const MAX_MAJOR_TICKS = 4;

/** The first round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ) at or above `max`: a readable axis top. */
function roundUp(max: number): number {
  if (max <= 1) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  return [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((k) => Math.round(k * step)).find((v) => v >= max)!;
}

const fixed = (n: number) => Math.round(n * 10) / 10;

export function stackedBars(id: string, bars: Bar[], series: Series[], title: string, description: string): Html {
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const top = roundUp(Math.max(0, ...bars.map((b) => b.values.reduce((a, v) => a + v, 0))));
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.max(1, slot * 0.8);
  const every = Math.ceil(bars.length / MAX_TICKS);
  const majorEvery = every * Math.ceil(Math.ceil(bars.length / every) / MAX_MAJOR_TICKS);
  const y = (v: number) => TOP + plotH - (v / top) * plotH;
  const grid = [0, top / 2, top]
    .filter(Number.isInteger)
    .map(
      (v) =>
        html`<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${fixed(y(v))}" y2="${fixed(y(v))}"/><text class="axis" x="${LEFT - 8}" y="${fixed(y(v))}" dominant-baseline="middle" text-anchor="end">${count(v)}</text>`,
    );
  const columns = bars.map((bar, i) => {
    const x = fixed(LEFT + i * slot + (slot - barW) / 2);
    let base = 0;
    const rects = bar.values.map((v, s) => {
      const from = base;
      base += v;
      return v === 0
        ? ''
        : html`<rect class="${series[s]!.className}" x="${x}" width="${fixed(barW)}" y="${fixed(y(base))}" height="${fixed(y(from) - y(base))}"/>`;
    });
    const tip = frenchSpaces(`${bar.label} : ${series.map((s, k) => `${s.name} ${count(bar.values[k]!)}`).join(', ')}`);
    const tick =
      i % every === 0
        ? html`<text class="axis tick${i % majorEvery === 0 ? ' major' : ''}" x="${fixed(LEFT + i * slot + slot / 2)}" y="${HEIGHT - BOTTOM + 8}" dominant-baseline="hanging" text-anchor="${i === 0 ? 'start' : 'middle'}">${bar.tick}</text>`
        : '';
    return html`<g><title>${tip}</title>${rects}</g>${tick}`;
  });
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-t ${id}-d"><title id="${id}-t">${title}</title><desc id="${id}-d">${description}</desc>${grid}${columns}</svg>
<ul class="legend">${series.map((s) => html`<li><span class="swatch ${s.className}"></span>${s.name}</li>`)}</ul>`;
}
