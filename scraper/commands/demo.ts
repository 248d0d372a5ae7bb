/**
 * `npm run demo`: the main job, offline. Starts the bundled replica of the booking sites, captures every
 * motif of every target file into the archive (default `archive/`), and says what it captured and where.
 */
import { resolve } from 'node:path';
import { startReplica } from '../../tests/replica/server.ts';
import { captureJobs } from '../capture.ts';
import { parseOptions } from './usage.ts';
import { selectJobs, summarize } from './capture.ts';

const options = { archive: { type: 'string', default: 'archive' } } as const;

export async function runDemo(args: string[]): Promise<number> {
  const { values } = parseOptions(args, options, 'npm run demo -- [--archive <dossier>]');
  const archive = resolve(values.archive);
  const jobs = await selectJobs(undefined, undefined);
  const replica = await startReplica();
  try {
    console.log(`Réplique des sites de réservation démarrée sur ${replica.origin} (aucun accès aux vrais sites).`);
    console.log(`Capture de ${jobs.length} motif(s) → ${archive}`);
    const summary = await captureJobs(jobs, { archive, replica: replica.origin, log: (line) => console.log(line) });
    console.log(summarize(summary, archive));
    return summary.results.every((r) => r.captured) ? 0 : 1;
  } finally {
    await replica.close();
  }
}
