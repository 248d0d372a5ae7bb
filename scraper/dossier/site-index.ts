/**
 * The dossier's data on the public site: one gzip-compressed JSON file per motif listing all its captures
 * (the fields of entry.ts), written by the site build with `DossierIndexFiles` and read back in the browser
 * with `readIndex` and `recordsFromIndex`. gzip divides it by ~37: every capture stays listed, whatever the
 * site's size budget kept of it. URLs of images and capture pages follow the site's own scheme
 * (site/model/urls.ts).
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { GZIP_LEVEL } from '../../site/model/opendata.ts';
import { writeFileAtomic } from '../archive/write.ts';
import type { DossierRecord, TimestampFact } from './entry.ts';
import { dossierIndexPath, type IndexEntry } from './site-records.ts';

/** What the site published of a capture: its page image, its page. */
export interface OnSite {
  image: boolean;
  page: boolean;
}

/**
 * `timestamps`: those of the manifests that list the capture (timestamp/read.ts), as the command-line
 * dossier reads them from the archive: authority and time only, never the replies.
 */
export function toIndexEntry(record: DossierRecord, onSite: OnSite, timestamps: TimestampFact[] = []): IndexEntry {
  const { prefecture: _p, motif: _m, ...entry } = record;
  // Flags only when false: most captures of a recent site have both, and the file stays smaller.
  return {
    ...entry,
    ...(timestamps.length > 0
      ? { timestamps: timestamps.map(({ authority, genTime }) => ({ authority, genTime })) }
      : {}),
    ...(onSite.image ? {} : { imagePublished: false }),
    ...(onSite.page ? {} : { pagePublished: false }),
  };
}

const compress = promisify(gzip);

/** Entries kept in memory per motif before they go to its scratch file. */
const BATCH = 1000;
/** Motifs whose index is being compressed and written at once: the size of libuv's thread pool. */
const IN_FLIGHT = 4;

/**
 * Collects the entries while the site build walks the archive, then writes one file per motif. Entries wait
 * in a scratch file per motif, as JSON lines: ten years of a hundred motifs (1.5 million entries) would take
 * gigabytes as objects in memory.
 */
export class DossierIndexFiles {
  private readonly scratch = mkdtempSync(join(tmpdir(), 'stp-dossier-'));
  private readonly byMotif = new Map<string, { file: string; lines: string[] }>();

  /**
   * `record`: what `toDossierRecord` keeps of the capture's record; `onSite`: what the site kept of the capture
   * (its size budget leaves the oldest pages and images out); `timestamps`: its run's.
   */
  add(record: DossierRecord, onSite: OnSite, timestamps: TimestampFact[] = []): void {
    const key = `${record.prefecture}/${record.motif}`;
    let motif = this.byMotif.get(key);
    if (!motif) {
      motif = { file: join(this.scratch, `${this.byMotif.size}.jsonl`), lines: [] };
      this.byMotif.set(key, motif);
    }
    motif.lines.push(`${record.capturedAt}\t${JSON.stringify(toIndexEntry(record, onSite, timestamps))}\n`);
    if (motif.lines.length >= BATCH) this.flush(motif);
  }

  /** Writes `<out>/<dossierIndexPath>` for every motif seen; returns the site paths and the bytes written. */
  async write(out: string): Promise<{ files: string[]; bytes: number }> {
    const motifs = [...this.byMotif];
    const written: { path: string; bytes: number }[] = [];
    // A few motifs at a time: libuv's threads compress some while this thread sorts the next.
    const next = async (): Promise<void> => {
      const i = written.length;
      if (i >= motifs.length) return;
      const [key, motif] = motifs[i]!;
      const [prefecture, motifId] = key.split('/') as [string, string];
      written.push({ path: dossierIndexPath(prefecture, motifId), bytes: 0 });
      const packed = await compress(this.json(prefecture, motifId, motif), { level: GZIP_LEVEL });
      await writeFileAtomic(join(out, written[i]!.path), packed);
      written[i]!.bytes = packed.length;
      return next();
    };
    try {
      await Promise.all(Array.from({ length: IN_FLIGHT }, next));
      return { files: written.map((w) => w.path), bytes: written.reduce((n, w) => n + w.bytes, 0) };
    } finally {
      this.abandon();
    }
  }

  /** The motif's index, its entries in time order. */
  private json(prefecture: string, motifId: string, motif: { file: string; lines: string[] }): string {
    this.flush(motif);
    const lines = readFileSync(motif.file, 'utf8').split('\n');
    lines.pop();
    const at = (line: string) => line.slice(0, line.indexOf('\t'));
    lines.sort((a, b) => at(a).localeCompare(at(b)));
    // What JSON.stringify gives of { version, prefecture, motif, captures }, each entry as it was serialized.
    const captures = lines.map((line) => line.slice(line.indexOf('\t') + 1)).join(',');
    return `{"version":1,"prefecture":${JSON.stringify(prefecture)},"motif":${JSON.stringify(motifId)},"captures":[${captures}]}`;
  }

  /** Removes the scratch files (the build failed, or they are written). */
  abandon(): void {
    rmSync(this.scratch, { recursive: true, force: true });
  }

  private flush(motif: { file: string; lines: string[] }): void {
    appendFileSync(motif.file, motif.lines.join(''));
    motif.lines = [];
  }
}
