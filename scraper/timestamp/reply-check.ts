/**
 * The check `npm run verify` makes of one stored RFC 3161 reply (check.ts `checkReply`, called as is), for replies
 * the site and the dossier already read, from a folder (regular files only) or from Git: the one place where what they
 * show meets verify's check, so that whatever hardens that check hardens what is shown. `checkReply` reads an archive
 * folder: the manifest and the reply are written into a scratch folder of that shape, then removed.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_DIR, parseReplyPath } from '../archive/paths.ts';
import { BUNDLED_ROOTS } from './authorities.ts';
import { checkReply, trustedRoots } from './check.ts';

/** The time the authority signed when the reply passed the check; otherwise why it did not. */
export type ReplyOutcome = { genTime: string; unverified?: undefined } | { unverified: string; genTime?: undefined };

export interface ReplyChecker {
  /** A digest of what the check trusts (the certificate files it reads), part of the key under which a verdict is kept. */
  trust: string;
  /** `reply`: its path in the archive (it names the manifest and the authority). */
  check(reply: string, replyData: Buffer, manifestData: Buffer): Promise<ReplyOutcome>;
  /** Removes the scratch folder. */
  close(): Promise<void>;
}

/** The certificate files of the bundled roots and of `rootDirs`, names and bytes: what any check of a reply trusts. */
async function trustDigest(rootDirs: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of [BUNDLED_ROOTS, ...rootDirs]) {
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.(pem|crt)$/i.test(n)).sort();
    for (const name of names)
      hash
        .update(`${name}\0`)
        .update(await readFile(join(dir, name)))
        .update('\0');
  }
  return hash.digest('hex');
}

/** The check against the bundled roots and those of `rootDirs` (as `verify --tsa-roots`). */
export async function replyChecker(rootDirs: string[]): Promise<ReplyChecker> {
  const roots = await trustedRoots(rootDirs);
  let scratch: string | null = null;
  return {
    trust: await trustDigest(rootDirs),
    async check(reply, replyData, manifestData) {
      scratch ??= await mkdtemp(join(tmpdir(), 'stp-replies-'));
      await mkdir(join(scratch, MANIFEST_DIR), { recursive: true });
      const { manifest } = parseReplyPath(reply)!;
      await writeFile(join(scratch, manifest), manifestData);
      await writeFile(join(scratch, reply), replyData);
      try {
        const { seen, problems } = await checkReply(scratch, reply, roots);
        return seen && problems.length === 0
          ? { genTime: seen.genTime }
          : { unverified: problems.map((p) => p.detail).join(' ; ') || 'réponse illisible' };
      } finally {
        await Promise.all([rm(join(scratch, manifest), { force: true }), rm(join(scratch, reply), { force: true })]);
      }
    },
    async close() {
      if (scratch) await rm(scratch, { recursive: true, force: true });
    },
  };
}
