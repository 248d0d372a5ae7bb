/**
 * `npm run timestamp -- [--archive <dossier>]`: asks the configured authorities (STP_TSA_URLS) for the
 * RFC 3161 timestamps that the recent manifests still lack (ci/timestamp-artifacts.ts). The publish job runs
 * it on the run's captures before publishing; `publish --pickup` does the same for the captures it picks up.
 * Exit 0 even when an authority fails (the gap is reported, the captures are kept); 2: bad usage or input.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { timestampArtifacts } from '../ci/timestamp-artifacts.ts';
import { parseOptions } from '../command-line/usage.ts';

const USAGE = 'npm run timestamp -- [--archive <dossier>]';
const options = { archive: { type: 'string', default: 'archive' } } as const;

export async function runTimestamp(args: string[]): Promise<number> {
  const { values } = parseOptions(args, options, {
    usage: USAGE,
    example: 'npm run timestamp -- --archive archive',
  });
  const archive = resolve(values.archive);
  if (!(await stat(archive).catch(() => null))?.isDirectory()) {
    console.log(`Rien à horodater : ${archive} n'existe pas (aucune capture reçue).`);
    return 0;
  }
  await timestampArtifacts(archive, (line) => console.log(line));
  return 0;
}
