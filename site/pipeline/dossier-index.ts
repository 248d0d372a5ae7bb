/**
 * The dossier's data on the public site: one gzip-compressed JSON file per motif listing all its captures
 * (the fields of scraper/dossier/entry.ts), written by the site build with `DossierIndexFiles` and read back
 * in the browser with `readIndex` and `recordsFromIndex` (scraper/dossier/site-records.ts). gzip divides it by
 * ~37: every capture stays listed, whatever the site's size budget kept of it. Each month of a motif is a part
 * of its file (gzip-parts.ts), compressed as soon as the pass has gone through the month: after a capture run,
 * the months whose captures and what the site kept of them did not change are copied from the previous file.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DossierRecord, TimestampFact } from '../../scraper/dossier/entry.ts';
import { dossierIndexPath, type IndexEntry } from '../../scraper/dossier/site-records.ts';
import { compressPart, GzipParts, PreviousParts, type Part, type PartMemory } from './gzip-parts.ts';
import { digest } from './state.ts';

/** What the site published of a capture: its page image, its page. */
export interface OnSite {
  image: boolean;
  page: boolean;
}

/**
 * `timestamps`: those of the manifests that list the capture, checked as `npm run verify` checks them
 * (timestamp/read.ts), as the command-line dossier reads them from the archive: authority and time once verified,
 * authority and why not otherwise, never the replies. The browser trusts nothing else.
 */
export function toIndexEntry(record: DossierRecord, onSite: OnSite, timestamps: TimestampFact[] = []): IndexEntry {
  const { prefecture: _p, motif: _m, ...entry } = record;
  // Flags only when false: most captures of a recent site have both, and the file stays smaller.
  return {
    ...entry,
    ...(timestamps.length > 0
      ? {
          timestamps: timestamps.map(({ authority, genTime, unverified }) =>
            genTime !== undefined ? { authority, genTime } : { authority, unverified },
          ),
        }
      : {}),
    ...(onSite.image ? {} : { imagePublished: false }),
    ...(onSite.page ? {} : { pagePublished: false }),
  };
}

/** What the pass has of a capture: the dossier's fields are taken from it only for a month made anew. */
type Capture = Pick<DossierRecord, 'prefecture' | 'motif' | 'capturedAt'>;

interface Entry<T extends Capture> {
  record: T;
  onSite: OnSite;
  timestamps: TimestampFact[];
}

interface MotifParts<T extends Capture> {
  prefecture: string;
  motif: string;
  previous: PreviousParts;
  /** Its months' parts, newest first. */
  parts: { key: string | null; part: Promise<Part> }[];
  /** The captures of the month being gone through, and what its folder's content is known by (null: unknown). */
  month: Entry<T>[];
  folder: string | null;
}

/** A build without state: every part is made anew. */
const NO_MEMORY: PartMemory = { previousParts: () => null, parts: () => undefined };

/**
 * Collects the entries while the site build walks the archive, a month at a time, then writes one file per
 * motif. A month's entries are compressed when it ends: ten years of a hundred motifs (1.5 million entries)
 * would take gigabytes as objects in memory, and ~10 MB compressed.
 */
export class DossierIndexFiles<T extends Capture> {
  private readonly byMotif = new Map<string, MotifParts<T>>();

  /** `toRecord`: what `toDossierRecord` keeps of a capture (the pass has the site's summary of it). */
  constructor(
    private readonly toRecord: (capture: T) => DossierRecord,
    private readonly memory: PartMemory = NO_MEMORY,
  ) {}

  /**
   * `record`: the capture, as the pass has it; `onSite`: what the site kept of the capture
   * (its size budget leaves the oldest pages and images out); `timestamps`: its run's; `folder`: what the content
   * of its month folder is known by (folder keys of scan.ts), null when unknown.
   */
  add(record: T, onSite: OnSite, timestamps: TimestampFact[] = [], folder: string | null = null): void {
    const key = `${record.prefecture}/${record.motif}`;
    let motif = this.byMotif.get(key);
    if (!motif) {
      const path = dossierIndexPath(record.prefecture, record.motif);
      motif = {
        prefecture: record.prefecture,
        motif: record.motif,
        previous: new PreviousParts(this.memory, path),
        parts: [],
        month: [],
        folder,
      };
      this.byMotif.set(key, motif);
    }
    if (motif.month.length === 0) motif.folder = folder;
    else if (motif.folder !== folder) motif.folder = null;
    motif.month.push({ record, onSite, timestamps });
  }

  /** The entries added since the last call make one month (the pass goes through the archive newest month first). */
  endMonth(): void {
    for (const motif of this.byMotif.values()) {
      const entries = motif.month;
      if (entries.length === 0) continue;
      motif.month = [];
      // Written oldest first, every month but the newest (the first one here) ends with the comma before the next.
      const newest = motif.parts.length === 0;
      const key =
        motif.folder === null
          ? null
          : digest(
              JSON.stringify([
                motif.folder,
                newest,
                entries.map((e) => [
                  e.record.capturedAt,
                  e.onSite.image,
                  e.onSite.page,
                  e.timestamps.map((t) => [t.authority, t.genTime, t.unverified]),
                ]),
              ]),
            );
      const text = () =>
        entries
          .sort((a, b) =>
            a.record.capturedAt < b.record.capturedAt ? -1 : a.record.capturedAt > b.record.capturedAt ? 1 : 0,
          )
          .map((e) => JSON.stringify(toIndexEntry(this.toRecord(e.record), e.onSite, e.timestamps)))
          .join(',') + (newest ? '' : ',');
      motif.parts.push({ key, part: motif.previous.part(key, text) });
    }
  }

  /** Writes `<out>/<dossierIndexPath>` for every motif seen; returns the site paths and the bytes written. */
  async write(out: string): Promise<{ files: string[]; bytes: number }> {
    this.endMonth();
    const files: string[] = [];
    let bytes = 0;
    try {
      for (const motif of this.byMotif.values()) {
        const path = dossierIndexPath(motif.prefecture, motif.motif);
        mkdirSync(dirname(join(out, path)), { recursive: true });
        const file = new GzipParts(join(out, path), this.memory, path);
        // What JSON.stringify gives of { version, prefecture, motif, captures }, each entry as it was serialized.
        const head = `{"version":1,"prefecture":${JSON.stringify(motif.prefecture)},"motif":${JSON.stringify(motif.motif)},"captures":[`;
        file.add(null, compressPart(head));
        for (const { key, part } of motif.parts.toReversed()) file.add(key, part);
        file.add(null, compressPart(']}'));
        bytes += await file.close();
        files.push(path);
      }
      return { files, bytes };
    } finally {
      this.abandon();
    }
  }

  /** Closes the previous build's files (the build failed, or the files are written). */
  abandon(): void {
    for (const motif of this.byMotif.values()) motif.previous.close();
  }
}
