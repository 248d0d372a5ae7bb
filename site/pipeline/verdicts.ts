/**
 * What the check of each RFC 3161 reply found (timestamp/read.ts), kept beside the build state (`<state>/verdicts.json.gz`)
 * so that each reply is checked once, not at every build: a check costs a signature and a chain, and ten years of runs
 * hold tens of thousands of replies. A verdict is keyed by the reply's bytes, its manifest's and the roots'; the file
 * serves only when the code of the check is the same (`scraper/timestamp/`, the archive's paths, the locked
 * dependencies), whatever else changed in the site's code: a change of the site's pages does not check every reply again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzip } from 'node:zlib';
import { writeFileAtomic } from '../../scraper/archive/write.ts';
import type { CheckedStamp, VerdictMemo } from '../../scraper/timestamp/read.ts';
import { codeDigest } from './state.ts';

const FILE = 'verdicts.json.gz';
const compress = promisify(gzip);

interface Stored {
  code: string;
  verdicts: [string, CheckedStamp][];
}

const checkCode = () =>
  codeDigest(['scraper/timestamp/', 'scraper/archive/paths.ts', 'scraper/archive/safe-path.ts', 'package-lock.json']);

export class Verdicts implements VerdictMemo {
  private readonly known: Map<string, CheckedStamp>;
  /** Those this build used: what the next one keeps (a reply removed from the archive is forgotten). */
  private readonly used = new Map<string, CheckedStamp>();
  private readonly code: string;

  /** `dir`: the state folder; null keeps nothing between builds (an archive folder). */
  constructor(private readonly dir: string | null) {
    this.code = dir === null ? '' : checkCode();
    let stored: Stored | null = null;
    try {
      if (dir !== null && existsSync(join(dir, FILE)))
        stored = JSON.parse(gunzipSync(readFileSync(join(dir, FILE))).toString('utf8')) as Stored;
    } catch {
      stored = null;
    }
    this.known = new Map(stored?.code === this.code ? stored.verdicts : []);
  }

  verdict(key: string): CheckedStamp | undefined {
    return this.known.get(key);
  }

  keepVerdict(key: string, stamp: CheckedStamp): void {
    this.used.set(key, stamp);
  }

  async save(): Promise<void> {
    if (this.dir === null) return;
    const stored: Stored = { code: this.code, verdicts: [...this.used] };
    await writeFileAtomic(join(this.dir, FILE), await compress(JSON.stringify(stored), { level: 1 }));
  }
}
