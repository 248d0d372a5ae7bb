/**
 * The dossier's data on the public site: one gzip-compressed JSON file per motif listing all its captures
 * (the fields of entry.ts), written by the site build with `DossierIndexFiles` and read back in the browser
 * with `readIndex` and `recordsFromIndex`. gzip divides it by ~37: every capture stays listed, whatever the
 * site's size budget kept of it. URLs of images and capture pages follow the site's own scheme
 * (site/model/urls.ts).
 */
import { join } from 'node:path';
import { promisify } from 'node:util';
import { constants, gzip } from 'node:zlib';
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

/** Collects the entries while the site build walks the archive, then writes one file per motif. */
export class DossierIndexFiles {
  private readonly byMotif = new Map<string, IndexEntry[]>();

  /**
   * `record`: what `toDossierRecord` keeps of the capture's record; `onSite`: what the site kept of the capture
   * (its size budget leaves the oldest pages and images out); `timestamps`: its run's.
   */
  add(record: DossierRecord, onSite: OnSite, timestamps: TimestampFact[] = []): void {
    const key = `${record.prefecture}/${record.motif}`;
    const list = this.byMotif.get(key) ?? [];
    list.push(toIndexEntry(record, onSite, timestamps));
    this.byMotif.set(key, list);
  }

  /** Writes `<out>/<dossierIndexPath>` for every motif seen; returns the site paths and the bytes written. */
  async write(out: string): Promise<{ files: string[]; bytes: number }> {
    const files: string[] = [];
    let bytes = 0;
    for (const [key, captures] of this.byMotif) {
      const [prefecture, motif] = key.split('/') as [string, string];
      const path = dossierIndexPath(prefecture, motif);
      captures.sort((a, b) => a.capturedAt.localeCompare(b.capturedAt));
      const packed = await compress(JSON.stringify({ version: 1, prefecture, motif, captures }), {
        level: constants.Z_BEST_COMPRESSION,
      });
      await writeFileAtomic(join(out, path), packed);
      files.push(path);
      bytes += packed.length;
    }
    return { files, bytes };
  }
}
