/**
 * Per-run checksum manifest, `manifests/<run stamp>.sha256`, in the format `sha256sum -c` reads
 * (`<hex>  <path>`, paths relative to the archive root). It lists every file the run added and is what
 * the GitHub attestation signs (`subject-checksums`).
 */
import { join } from 'node:path';
import { sha256Hex } from '../evidence/images.ts';
import { manifestPath } from './paths.ts';
import { writeFileAtomic } from './write.ts';

export interface ManifestEntry {
  sha256: string;
  path: string;
}

export function formatManifest(entries: ManifestEntry[]): string {
  return [...entries]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((e) => `${e.sha256}  ${e.path}\n`)
    .join('');
}

export function parseManifest(text: string): ManifestEntry[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      if (!match) throw new Error(`ligne de manifeste illisible : ${line}`);
      return { sha256: match[1]!, path: match[2]! };
    });
}

/**
 * Writes the run's manifest; returns its path relative to the archive. The name carries the start of
 * the run and a hash of the content, so that jobs of one workflow run never pick the same name.
 */
export async function writeManifest(archive: string, runStartedAt: string, entries: ManifestEntry[]): Promise<string> {
  const text = formatManifest(entries);
  const relative = manifestPath(runStartedAt, sha256Hex(text));
  await writeFileAtomic(join(archive, relative), text);
  return relative;
}
