/**
 * A capture made on the local replica (`npm run demo`, `npm run replica`, the tests) shows a copy of the booking
 * sites, not the préfecture's: a demonstration, never evidence. Its record's addresses say so (navigate/browser.ts
 * `siteUrl` makes them `http://<site>.localhost:<port>/…`), and publishing refuses it.
 */
import { plural } from '../evidence/french.ts';
import { PublishError } from './incoming.ts';

/** An address on this machine: the replica's `*.localhost`, `localhost`, 127.0.0.0/8 or ::1. */
export function isReplicaUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || host.startsWith('127.') || host === '[::1]';
}

/** Throws, naming the first capture made on the replica and its address, when there is one. */
export function refuseReplicaCaptures(records: readonly { id: string; url: string; startUrl: string }[]): void {
  const replica = records.filter((r) => isReplicaUrl(r.startUrl) || isReplicaUrl(r.url));
  if (replica.length === 0) return;
  const first = replica[0]!;
  throw new PublishError(
    `${first.id} : capture faite sur la réplique locale (${isReplicaUrl(first.startUrl) ? first.startUrl : first.url})` +
      `${replica.length > 1 ? `, comme ${plural(replica.length - 1, 'autre', 'autres')}` : ''}. ` +
      'Une capture de la réplique est une démonstration, pas une preuve : elle ne va jamais sur la branche archive. Rien n’a été publié.',
  );
}
