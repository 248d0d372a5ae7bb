/**
 * The publish job's timestamping of the captures it received: this run's artifacts, and those picked up
 * from the recent failed runs (ci/pickup.ts). It first writes the manifest of captures that no manifest
 * lists (a capture job stopped early), then asks each authority for the replies the recent manifests still
 * lack, so that every run's manifest is timestamped once published.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isManifestPath, MANIFEST_DIR } from '../archive/paths.ts';
import { writeFileAtomic } from '../archive/write.ts';
import { collectIncoming } from './incoming.ts';
import { AFTER_START_MS, runStartOf } from '../timestamp/verify-reply.ts';
import { runTimestamping, timestampManifests, type Timestamps } from '../timestamp/request.ts';
import { plural } from '../evidence/french.ts';

export async function timestampArtifacts(
  archive: string,
  log: (line: string) => void,
  now = new Date(),
): Promise<Timestamps> {
  const settings = runTimestamping(process.env);
  const { authorities } = settings;
  // Refuses what publish would refuse (nothing written), and writes the manifest publish would add.
  const incoming = await collectIncoming([archive], now);
  for (const manifest of incoming.manifests) {
    const file = incoming.files.find((f) => f.path === manifest)!;
    if (!(await stat(join(archive, manifest)).catch(() => null)))
      await writeFileAtomic(join(archive, manifest), file.data);
  }
  const names = await readdir(join(archive, MANIFEST_DIR)).catch(() => [] as string[]);
  // Older ones are past the window that verify accepts for their replies.
  const recent = names
    .map((name) => `${MANIFEST_DIR}/${name}`)
    .filter(isManifestPath)
    .filter((manifest) => now.getTime() - (runStartOf(manifest)?.getTime() ?? 0) < AFTER_START_MS);
  if (authorities.length === 0 || recent.length === 0) {
    log(authorities.length === 0 ? 'Horodatage désactivé (STP_TSA_URLS=off).' : 'Aucun manifeste récent à horodater.');
    return { stamped: [], gaps: [] };
  }
  log(
    `Horodatage RFC 3161 de ${plural(recent.length, 'manifeste', 'manifestes')} par ${authorities.map((a) => a.label).join(', ')}`,
  );
  const result = await timestampManifests(archive, recent, authorities, { ...settings, log });
  log(
    `${plural(result.stamped.length, 'horodatage obtenu', 'horodatages obtenus')}${result.gaps.length ? `, ${plural(result.gaps.length, 'MANQUANT', 'MANQUANTS')} (voir ci-dessus)` : ''}.`,
  );
  return result;
}
