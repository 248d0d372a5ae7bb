/**
 * The RFC 3161 timestamps that cover each file of an archive, read from the stored replies (for the
 * dossier and the site; `npm run verify` is what checks them). An unreadable reply is left out.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseManifest } from '../archive/manifest.ts';
import { MANIFEST_DIR, parseReplyPath } from '../archive/paths.ts';
import { readReply } from './token.ts';

export interface FileTimestamp {
  authority: string;
  /** ISO instant signed by the authority. */
  genTime: string;
  /** The reply, relative to the archive. */
  reply: string;
}

/** How the manifests folder is read: a folder on disk, or the archive branch in Git (the site's source). */
export interface ManifestReader {
  /** File names in `manifests/`. */
  names(): Promise<string[]>;
  /** Bytes of `manifests/<name>`. */
  read(name: string): Promise<Buffer>;
}

export function folderManifests(archive: string): ManifestReader {
  return {
    names: () => readdir(join(archive, MANIFEST_DIR)).catch(() => [] as string[]),
    read: (name) => readFile(join(archive, MANIFEST_DIR, name)),
  };
}

/**
 * Per archive path (those `wanted` accepts: ten years of captures list millions of files), the timestamps of the
 * manifests (those `keep` accepts) that list it, oldest first.
 */
export async function timestampsByFile(
  reader: ManifestReader,
  keep: (manifest: string) => boolean,
  wanted: (path: string) => boolean = () => true,
): Promise<Map<string, FileTimestamp[]>> {
  const replies = new Map<string, FileTimestamp[]>();
  for (const name of await reader.names()) {
    const found = parseReplyPath(`${MANIFEST_DIR}/${name}`);
    if (!found || !keep(found.manifest)) continue;
    try {
      const { genTime } = readReply(await reader.read(name));
      const stamp = { authority: found.authority, genTime: genTime.toISOString(), reply: `${MANIFEST_DIR}/${name}` };
      replies.set(found.manifest, [...(replies.get(found.manifest) ?? []), stamp]);
    } catch {
      // Not a reply that reads: verify reports it; here it simply vouches for nothing.
    }
  }
  const byFile = new Map<string, FileTimestamp[]>();
  for (const [manifest, stamps] of replies) {
    const name = manifest.slice(MANIFEST_DIR.length + 1);
    const entries = await reader.read(name).then(
      (data) => parseManifest(data.toString('utf8')),
      () => [],
    );
    for (const { path } of entries) if (wanted(path)) byFile.set(path, [...(byFile.get(path) ?? []), ...stamps]);
  }
  for (const stamps of byFile.values()) stamps.sort((a, b) => a.genTime.localeCompare(b.genTime));
  return byFile;
}
