/**
 * What the manifests of an archive vouch for, as the site and the dossier show it: the SHA-256 each manifest gives of
 * each record, and each manifest's RFC 3161 timestamps, a time shown only once the reply has passed the check that
 * `npm run verify` makes (reply-check.ts). A reply that fails it is kept with why, never with its time.
 */
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../evidence/images.ts';
import { isManifestPath, MANIFEST_DIR, parseReplyPath } from '../archive/paths.ts';
import { readArchiveFile } from '../archive/safe-path.ts';
import { RecordListings } from './listings.ts';
import type { ReplyChecker, ReplyOutcome } from './reply-check.ts';

/**
 * One authority's timestamp of a manifest: the time it signed when the reply passed the check, otherwise why it did not
 * (then no time: an unchecked reply's time is whatever its bytes say).
 */
export type StampFact = { authority: string } & ReplyOutcome;
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

/**
 * The verdicts on replies, by a key naming every input of the check; the site keeps them between builds
 * (site/pipeline/verdicts.ts).
 */
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
  /** Verify's check of a reply (reply-check.ts). */
  checker: ReplyChecker;
  memo?: VerdictMemo;
}

const digest = (...parts: (string | Buffer)[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
};

/** The checked timestamps of one manifest: each reply checked once, its verdict kept under all the check depends on. */
async function stampsOfManifest(
  reader: ManifestReader,
  manifest: string,
  data: Buffer,
  replies: string[],
  options: ReadOptions,
): Promise<CheckedStamp[]> {
  const manifestDigest = sha256Hex(data);
  const stamps: CheckedStamp[] = [];
  for (const reply of replies.sort()) {
    const { authority } = parseReplyPath(reply)!;
    const replyData = await reader.read(reply.slice(MANIFEST_DIR.length + 1)).catch(() => null);
    if (!replyData) {
      stamps.push({ authority, reply, unverified: 'réponse illisible dans l’archive (pas un fichier ordinaire)' });
      continue;
    }
    const key = digest(manifest, manifestDigest, reply, sha256Hex(replyData), options.checker.trust);
    const stamp = options.memo?.verdict(key) ?? {
      authority,
      reply,
      ...(await options.checker.check(reply, replyData, data)),
    };
    options.memo?.keepVerdict(key, stamp);
    stamps.push(stamp);
  }
  return stamps;
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
  const listed = new RecordListings();
  const stamps = new Map<string, CheckedStamp[]>();
  for (const name of names.sort()) {
    const manifest = `${MANIFEST_DIR}/${name}`;
    if (!isManifestPath(manifest) || !keep(manifest)) continue;
    const data = await reader.read(name).catch(() => null);
    if (!data) continue;
    listed.addManifest(manifest, data);
    const ofManifest = replies.get(manifest);
    if (ofManifest) stamps.set(manifest, await stampsOfManifest(reader, manifest, data, ofManifest, options));
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
