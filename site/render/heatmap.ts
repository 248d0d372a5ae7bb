/**
 * The day × hour view: how many attempts were made on each weekday at each Paris hour. It shows at a
 * glance that attempts spread over days and hours, as courts ask. A table (readable by screen readers),
 * shaded by count.
 */
import { WEEKDAY_NAMES } from './dates.ts';
import { html, type Html } from './html.ts';
import { wideTable } from './table.ts';

/** `grid[0]` is Monday. */
export function dayHourTable(id: string, grid: number[][]): Html {
  const max = Math.max(1, ...grid.flat());
  const hours = Array.from({ length: 24 }, (_, h) => h);
  // Monday first: French weeks start on Monday, dayjs's names start on Sunday.
  const names = [...WEEKDAY_NAMES.slice(1), WEEKDAY_NAMES[0]!];
  return wideTable(
    `${id}-heures`,
    'Tentatives par jour de la semaine et par heure (heure de Paris)',
    'heat',
    html`<thead><tr><th scope="col">Jour</th>${hours.map((h) => html`<th scope="col">${h}h</th>`)}</tr></thead><tbody>${grid.map(
      (row, d) =>
        html`<tr><th scope="row">${names[d]}</th>${row.map((n) => html`<td class="l${n === 0 ? 0 : Math.ceil((4 * n) / max)}">${n}</td>`)}</tr>`,
    )}</tbody>`,
  );
}
