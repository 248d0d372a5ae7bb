/**
 * `npm run timestamp -- [--archive <dossier>]`: asks the configured authorities (STP_TSA_URLS) for the
 * RFC 3161 timestamps that the manifests of the last 24 hours still lack. The publish job runs it on the
 * run's captures: it first writes the manifest of captures that no manifest lists (a capture job stopped
 * early), so that everything published is timestamped.
 * Exit 0 even when an authority fails (the gap is reported, the captures are kept); 2: bad usage or input.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isManifestPath, MANIFEST_DIR } from '../archive/paths.ts';
import { writeFileAtomic } from '../archive/write.ts';
import { collectIncoming } from '../ci/publish.ts';
import { authoritiesOf, timeoutOf } from '../timestamp/authorities.ts';
import { AFTER_START_MS, runStartOf } from '../timestamp/check.ts';
import { timestampManifests } from '../timestamp/request.ts';
import { parseOptions } from '../command-line/usage.ts';

const USAGE = 'npm run timestamp -- [--archive <dossier>]';
const options = { archive: { type: 'string', default: 'archive' } } as const;

export async function runTimestamp(args: string[]): Promise<number> {
  const { values } = parseOptions(args, options, USAGE);
  const archive = resolve(values.archive);
  if (!(await stat(archive).catch(() => null))?.isDirectory()) {
    console.log(`Rien à horodater : ${archive} n'existe pas (aucune capture reçue).`);
    return 0;
  }
  const authorities = authoritiesOf(process.env);
  const timeoutMs = timeoutOf(process.env);
  // Refuses what publish would refuse (exit 2, nothing written), and writes the manifest publish would add.
  const incoming = await collectIncoming([archive]);
  for (const manifest of incoming.manifests) {
    const file = incoming.files.find((f) => f.path === manifest)!;
    if (!(await stat(join(archive, manifest)).catch(() => null)))
      await writeFileAtomic(join(archive, manifest), file.data);
  }
  const names = await readdir(join(archive, MANIFEST_DIR)).catch(() => [] as string[]);
  const recent = names
    .map((name) => `${MANIFEST_DIR}/${name}`)
    .filter(isManifestPath)
    .filter((manifest) => Date.now() - (runStartOf(manifest)?.getTime() ?? 0) < AFTER_START_MS);
  if (authorities.length === 0 || recent.length === 0) {
    console.log(
      authorities.length === 0 ? 'Horodatage désactivé (STP_TSA_URLS=off).' : 'Aucun manifeste récent à horodater.',
    );
    return 0;
  }
  console.log(`Horodatage RFC 3161 de ${recent.length} manifeste(s) par ${authorities.map((a) => a.label).join(', ')}`);
  const { stamped, gaps } = await timestampManifests(archive, recent, authorities, {
    timeoutMs,
    log: (line) => console.log(line),
  });
  console.log(
    `${stamped.length} horodatage(s) obtenu(s)${gaps.length ? `, ${gaps.length} MANQUANT(S) (voir ci-dessus)` : ''}.`,
  );
  return 0;
}
