/**
 * What the manifests of an archive vouch for, as the site and the dossier show it: the SHA-256 each manifest gives of
 * each record, and each manifest's RFC 3161 timestamps, a time shown only once the reply has passed the check that
 * `npm run verify` makes (check.ts `checkReply`, called as is: whatever hardens that check hardens what is shown
 * here). A reply that fails it is kept with why, never with its time.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256Hex } from '../evidence/images.ts';
import { isManifestPath, MANIFEST_DIR, parseReplyPath } from '../archive/paths.ts';
import { readArchiveFile } from '../archive/safe-path.ts';
import { checkReply } from './check.ts';
import { RecordListings } from './listings.ts';

/**
 * One authority's timestamp of a manifest: the time it signed when the reply passed the check, otherwise why it did not
 * (then no time: an unchecked reply's time is whatever its bytes say).
 */
export type StampFact = { authority: string } & (
  { genTime: string; unverified?: undefined } | { unverified: string; genTime?: undefined }
);
/** A timestamp and its reply, relative to the archive. */
export type CheckedStamp = StampFact & { reply: string };

/** How the manifests folder is read: a folder on disk, or the archive branch in Git (the site's source). */
export interface ManifestReader {
  /** File names in `manifests/`. */
  names(): Promise<string[]>;
  /** Bytes of `manifests/<name>`. */
  read(name: string): Promise<Buffer>;
}

/** A folder: only regular files inside it are read (safe-path.ts); a symlink or FIFO vouches for nothing. */
export function folderManifests(archive: string): ManifestReader {
  return {
    names: () => readdir(join(archive, MANIFEST_DIR)).catch(() => [] as string[]),
    read: async (name) => readArchiveFile(archive, `${MANIFEST_DIR}/${name}`),
  };
}

/** The verdicts on replies, by a key naming every input of the check; the site's build state keeps them (state.ts). */
export interface VerdictMemo {
  verdict(key: string): CheckedStamp | undefined;
  keepVerdict(key: string, stamp: CheckedStamp): void;
}

export interface ManifestFacts {
  /** Record path → what the manifests that list it give. */
  listed: RecordListings;
  /** Manifest → its timestamps, checked. */
  stamps: Map<string, CheckedStamp[]>;
}

export interface ReadOptions {
  /** The manifests to read (by path, `manifests/<name>.sha256`); all by default. */
  keep?: (manifest: string) => boolean;
  /** Roots the replies' chains must reach (check.ts `trustedRoots`). */
  roots: Buffer[];
  memo?: VerdictMemo;
}

const digest = (...parts: (string | Buffer)[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
};

/**
 * Checks the replies of one manifest with `checkReply`, which reads an archive folder: the manifest and its replies,
 * already read through the source (regular files only), are written into a scratch folder of that shape.
 */
async function checkReplies(
  scratch: string,
  manifest: string,
  data: Buffer,
  replies: { path: string; data: Buffer }[],
  roots: Buffer[],
): Promise<CheckedStamp[]> {
  await writeFile(join(scratch, manifest), data);
  const checked: CheckedStamp[] = [];
  for (const reply of replies) {
    await writeFile(join(scratch, reply.path), reply.data);
    const { authority } = parseReplyPath(reply.path)!;
    const { seen, problems } = await checkReply(scratch, reply.path, roots);
    checked.push(
      seen && problems.length === 0
        ? { authority, reply: reply.path, genTime: seen.genTime }
        : { authority, reply: reply.path, unverified: problems.map((p) => p.detail).join(' ; ') || 'illisible' },
    );
    await rm(join(scratch, reply.path), { force: true });
  }
  await rm(join(scratch, manifest), { force: true });
  return checked;
}

/** Reads every manifest `keep` accepts (a manifest that does not read vouches for nothing: verify reports it). */
export async function readManifests(reader: ManifestReader, options: ReadOptions): Promise<ManifestFacts> {
  const keep = options.keep ?? (() => true);
  const names = await reader.names();
  const replies = new Map<string, string[]>();
  for (const name of names) {
    const found = parseReplyPath(`${MANIFEST_DIR}/${name}`);
    if (found && keep(found.manifest))
      replies.set(found.manifest, [...(replies.get(found.manifest) ?? []), `${MANIFEST_DIR}/${name}`]);
  }
  const rootsDigest = digest(...options.roots);
  const listed = new RecordListings();
  const stamps = new Map<string, CheckedStamp[]>();
  let scratch: string | null = null;
  try {
    for (const name of names.sort()) {
      const manifest = `${MANIFEST_DIR}/${name}`;
      if (!isManifestPath(manifest) || !keep(manifest)) continue;
      const data = await reader.read(name).catch(() => null);
      if (!data) continue;
      listed.addManifest(manifest, data);
      const ofManifest = replies.get(manifest);
      if (!ofManifest) continue;
      const read = await Promise.all(
        ofManifest.sort().map(async (path) => ({
          path,
          data: await reader.read(path.slice(MANIFEST_DIR.length + 1)).catch(() => null),
        })),
      );
      const manifestDigest = sha256Hex(data);
      const keyOf = (reply: { path: string; data: Buffer }) =>
        digest(manifest, manifestDigest, reply.path, sha256Hex(reply.data), rootsDigest);
      const readable = read.filter((r): r is { path: string; data: Buffer } => r.data !== null);
      const known = readable.map((reply) => options.memo?.verdict(keyOf(reply)));
      let checked = known as CheckedStamp[];
      if (known.includes(undefined)) {
        scratch ??= await mkdtemp(join(tmpdir(), 'stp-replies-'));
        await mkdir(join(scratch, MANIFEST_DIR), { recursive: true });
        checked = await checkReplies(scratch, manifest, data, readable, options.roots);
      }
      readable.forEach((reply, i) => options.memo?.keepVerdict(keyOf(reply), checked[i]!));
      const unread = read
        .filter((r) => r.data === null)
        .map((r): CheckedStamp => ({
          authority: parseReplyPath(r.path)!.authority,
          reply: r.path,
          unverified: 'réponse illisible dans l’archive (pas un fichier ordinaire)',
        }));
      stamps.set(manifest, [...checked, ...unread]);
    }
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
  return { listed, stamps };
}

/** The timestamps of the manifests that list `path`: the verified ones, oldest first, then the others. */
export function stampsOf(facts: ManifestFacts, path: string): CheckedStamp[] {
  const listing = facts.listed.get(path);
  if (!listing) return [];
  const all = listing.manifests.flatMap((manifest) => facts.stamps.get(manifest) ?? []);
  const verified = all.filter((s) => s.genTime !== undefined).sort((a, b) => a.genTime!.localeCompare(b.genTime!));
  return [...verified, ...all.filter((s) => s.genTime === undefined)];
}

/** Why the record at `path`, whose bytes have `sha256`, is not what its manifests list; null when it is (or none lists it). */
export function recordChange(facts: ManifestFacts, path: string, sha256: string): string | null {
  const listing = facts.listed.get(path);
  if (!listing || listing.sha256 === sha256) return null;
  return listing.sha256 === null
    ? `ses manifestes (${listing.manifests.join(', ')}) ne donnent pas la même empreinte`
    : `SHA-256 ${sha256} au lieu de ${listing.sha256} (${listing.manifests.join(', ')})`;
}

/** Shown for a timestamp that did not pass the check, with why. */
export const UNVERIFIED = 'horodatage non vérifié';
/** Shown for a record that is not what its manifests list: its capture is left out of counts and dossiers. */
export const MODIFIED_RECORD = 'fiche modifiée — ne pas utiliser';
