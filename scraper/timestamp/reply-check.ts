/**
 * The check `npm run verify` makes of one stored RFC 3161 reply (`verifyReply`, called as is), for replies the site
 * and the dossier already read, from a folder (regular files only) or from Git: the one place where what they show
 * meets verify's check, so that whatever hardens that check hardens what is shown.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUNDLED_ROOTS, loadTrust } from './trust.ts';
import { verifyReply } from './verify-reply.ts';

/** The time the authority signed when the reply passed the check; otherwise why it did not. */
export type ReplyOutcome = { genTime: string; unverified?: undefined } | { unverified: string; genTime?: undefined };

export interface ReplyChecker {
  /** A digest of what the check trusts (the certificate files it reads), part of the key under which a verdict is kept. */
  trust: string;
  /** `reply`: its path in the archive (it names the manifest and the authority). */
  check(reply: string, replyData: Buffer, manifestData: Buffer): Promise<ReplyOutcome>;
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
  const trust = await loadTrust(rootDirs);
  return {
    trust: await trustDigest(rootDirs),
    async check(reply, replyData, manifestData) {
      const verdict = await verifyReply(reply, replyData, manifestData, trust);
      return verdict.ok ? { genTime: verdict.genTime.toISOString() } : { unverified: verdict.reason };
    },
  };
}
