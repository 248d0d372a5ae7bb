/**
 * The dossier's data on the public site: one small JSON file per motif listing its captures (the fields of
 * entry.ts), written by the site build with `DossierIndexFiles` and read back in the browser with
 * `recordsFromIndex`. URLs of images and capture pages follow the site's own scheme (site/render/urls.ts).
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../archive/write.ts';
import type { EvidenceRecord } from '../evidence/record.ts';
import { toDossierRecord } from './entry.ts';
import { dossierIndexPath, type IndexEntry } from './site-records.ts';

export function toIndexEntry(record: EvidenceRecord, imagePublished: boolean): IndexEntry {
  const { prefecture: _p, motif: _m, ...entry } = toDossierRecord(record);
  return imagePublished ? entry : { ...entry, imagePublished: false };
}

/** Collects the entries while the site build walks the archive, then writes one file per motif. */
export class DossierIndexFiles {
  private readonly byMotif = new Map<string, IndexEntry[]>();

  /** `imagePublished`: whether the site copied the page image (its size budget may leave old ones out). */
  add(record: EvidenceRecord, imagePublished: boolean): void {
    const key = `${record.prefecture}/${record.motif}`;
    const list = this.byMotif.get(key) ?? [];
    list.push(toIndexEntry(record, imagePublished));
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
      const text = JSON.stringify({ version: 1, prefecture, motif, captures });
      await writeFileAtomic(join(out, path), text);
      files.push(path);
      bytes += Buffer.byteLength(text);
    }
    return { files, bytes };
  }
}
