// Replica — step 4 of the legacy module, "Choix d'une plage horaire": one week of slots (docs/sites/legacy.md
// « Étapes 3 et 4 : créneaux »). A fixed week (the one of the RDV Préfecture example, docs/sites/rdv-prefecture.md
// « Page des créneaux ») keeps the page and its timestamps deterministic.

import { esc } from '../http.ts';

const WEEK_HEADER = 'Semaine du lundi 18 mai 2026 au dimanche 24 mai 2026';
const DAYS = ['lun. 18/05', 'mar. 19/05', 'mer. 20/05', 'jeu. 21/05', 'ven. 22/05', 'sam. 23/05', 'dim. 24/05'];
const TIMES = ['09:00', '09:30', '10:00', '10:30', '14:00', '14:30'];
/** the free cells, in chronological order */
const FREE_SLOTS = [
  { day: 1, time: '09:30' },
  { day: 3, time: '14:00' },
] as const;

/** Unix time of a slot; Paris is at UTC+2 in May. */
function slotTimestamp(dayIndex: number, time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return Date.UTC(2026, 4, 18 + dayIndex, hours - 2, minutes) / 1000;
}

/**
 * The unix time of the first free slot, where "Première plage horaire libre" leads (`/5/<ts>`, docs/sites/legacy.md
 * « Étapes »).
 */
export function firstFreeSlot(): number {
  return slotTimestamp(FREE_SLOTS[0].day, FREE_SLOTS[0].time);
}

function cell(bookingPath: string, dayIndex: number, time: string): string {
  if (!FREE_SLOTS.some((slot) => slot.day === dayIndex && slot.time === time))
    return '<td class="status-0 full">complet</td>'; // the class of full cells is [U]
  // a free cell holds a link to /5/<unix ts> (docs/sites/legacy.md « Étapes 3 et 4 : créneaux » [V]); its "plage libre"
  // title is [U]
  const href = `${bookingPath}/5/${slotTimestamp(dayIndex, time)}`;
  return `<td class="status-1 free"><a href="${esc(href)}" title="plage libre">libre</a></td>`;
}

/**
 * The week table at `form/div[1]/div[4]/table`, as in the Seine-Maritime XPath (docs/sites/legacy.md
 * « Étapes 3 et 4 : créneaux »); `thead/tr[1]/th[2]` holds the "Semaine du …" text (docs/sites/legacy.md
 * « Étapes 3 et 4 : créneaux » [V]). Week navigation goes through AJAX on the real site and is not offered here.
 */
export function calendarTable(bookingPath: string): string {
  const days = DAYS.map((day) => `<th>${day}</th>`).join('');
  const rows = TIMES.map(
    (time) => `<tr><th>${time}</th>${DAYS.map((_, day) => cell(bookingPath, day, time)).join('')}</tr>`,
  );
  return (
    '<div class="planning">' +
    '<div class="periode">Cliquez sur une plage libre ou sur le bouton pour choisir la première plage horaire libre.</div>' +
    '<div class="legende">Légende : <strong>libre</strong> = plage disponible, complet = plage déjà réservée.</div>' +
    '<div class="navigation"></div>' +
    `<div class="semaine"><table class="calendrier"><thead><tr><th></th><th colspan="7">${WEEK_HEADER}</th></tr><tr><th>Horaire</th>${days}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></div></div>`
  );
}
