/**
 * Offline check of the stored RFC 3161 replies of an archive: each `manifests/<name>.sha256.<label>.tsr` goes through
 * `verifyReply` (verify-reply.ts), against the bundled authorities and those the user vouches for (`--tsa-roots`).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isManifestPath, MANIFEST_DIR, parseReplyPath } from '../archive/paths.ts';
import type { Finding } from '../archive/verify.ts';
import { loadTrust } from './trust.ts';
import { verifyReply } from './verify-reply.ts';

export { runStartOf } from './verify-reply.ts';

export interface TimestampSeen {
  manifest: string;
  /** The label in the reply's name. */
  authority: string;
  reply: string;
  genTime: string;
  signer: string | null;
}

export interface TimestampsReport {
  /** The replies found sound, and the manifests that have none. */
  seen: TimestampSeen[];
  untimestamped: string[];
  /** Replies that fail, manifests changed since they were timestamped, captures outside their run's window. */
  problems: Finding[];
}

/**
 * Checks every reply of the archive whose manifest is there (a reply without its manifest is an orphan that
 * `verifyArchive` reports).
 */
export async function checkArchiveTimestamps(archive: string, rootDirs: string[]): Promise<TimestampsReport> {
  const names = await readdir(join(archive, MANIFEST_DIR)).catch(() => [] as string[]);
  const paths = names.map((name) => `${MANIFEST_DIR}/${name}`);
  const manifests = new Set(paths.filter(isManifestPath));
  const replies = paths.filter((path) => manifests.has(parseReplyPath(path)?.manifest ?? ''));
  const trust = replies.length > 0 ? await loadTrust(rootDirs) : null;
  const seen: TimestampSeen[] = [];
  const problems: Finding[] = [];
  for (const reply of replies) {
    const { manifest, authority } = parseReplyPath(reply)!;
    const verdict = await verifyReply(
      reply,
      await readFile(join(archive, reply)),
      await readFile(join(archive, manifest)).catch(() => null),
      trust!,
    );
    if (verdict.ok)
      seen.push({ manifest, authority, reply, genTime: verdict.genTime.toISOString(), signer: verdict.signer });
    else
      for (const problem of verdict.problems)
        problems.push({
          kind: problem.path === manifest ? 'altered' : 'invalid',
          path: problem.path,
          detail: problem.detail,
        });
  }
  const stamped = new Set(replies.map((reply) => parseReplyPath(reply)!.manifest));
  return { seen, untimestamped: [...manifests].filter((manifest) => !stamped.has(manifest)).sort(), problems };
}
