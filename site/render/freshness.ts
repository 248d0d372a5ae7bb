/**
 * Whether the collection looks stopped: the latest capture is older than expected. Checked when the site
 * is built, and again in the visitor's browser (the same function, bundled), since a stopped pipeline
 * also stops rebuilding the site.
 */
import { frenchSpaces } from '../../scraper/evidence/french.ts';
import { plural } from './numbers.ts';

export function staleMessage(latest: string, now: Date, limitHours: number): string | null {
  const hours = Math.floor((now.getTime() - Date.parse(latest)) / 3_600_000);
  if (hours <= limitHours) return null;
  const age = hours >= 48 ? plural(Math.floor(hours / 24), 'jour', 'jours') : plural(hours, 'heure', 'heures');
  return frenchSpaces(`Dernière capture il y a ${age} : la collecte semble arrêtée.`);
}
