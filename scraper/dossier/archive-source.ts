/**
 * The dossier's Node edge: reads the records of one motif from an archive folder (only the month folders
 * that can hold the period; regular files only, safe-path.ts) and loads page images from beside them. Each record is
 * checked against the manifests that list it: one changed since (an outcome edited, say) is left out and reported.
 * Timestamps come checked as `npm run verify` checks them (timestamp/read.ts). Reads only.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../evidence/images.ts';
import { captureFiles, EXTENSIONS, isMonthFolder, isYearFolder } from '../archive/paths.ts';
import { parseRecord } from '../archive/read-record.ts';
import { readArchiveFile, UnsafePathError } from '../archive/safe-path.ts';
import { runStartOf } from '../timestamp/check.ts';
import { replyChecker } from '../timestamp/reply-check.ts';
import { folderManifests, readManifests, recordChange, stampsOf } from '../timestamp/read.ts';
import { toDossierRecord, type DossierRecord } from './entry.ts';

export interface ArchiveRecords {
  records: DossierRecord[];
  /** Record files that could not be read, one line each (`path : reason`). */
  unreadable: string[];
  /** Records that are not what their manifests list, left out of the dossier, one line each (`path : why`). */
  modified: string[];
}

const listDir = (path: string) => readdir(path).catch(() => [] as string[]);

/** `YYYY-MM` of the day before `day`: a Paris day starts on the previous UTC day, in the previous month on the 1st. */
function monthBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 7);
}

export async function readMotifRecords(
  archive: string,
  prefecture: string,
  motif: string,
  from: string,
  to: string,
  tsaRoots: string[] = [],
): Promise<ArchiveRecords> {
  const root = join(archive, prefecture, motif);
  // The manifests of runs that started from two days before the period to its end can list its captures.
  const earliest = Date.parse(`${from}T00:00:00Z`) - 2 * 86_400_000;
  const latest = Date.parse(`${to}T00:00:00Z`) + 86_400_000;
  const checker = await replyChecker(tsaRoots);
  const facts = await readManifests(folderManifests(archive), {
    keep: (manifest) => {
      const start = runStartOf(manifest)?.getTime() ?? NaN;
      return start >= earliest && start <= latest;
    },
    checker,
  });
  const records: DossierRecord[] = [];
  const unreadable: string[] = [];
  const modified: string[] = [];
  const first = monthBefore(from);
  const last = to.slice(0, 7);
  for (const year of (await listDir(root)).filter(isYearFolder).sort()) {
    for (const month of (await listDir(join(root, year))).filter(isMonthFolder).sort()) {
      if (`${year}-${month}` < first || `${year}-${month}` > last) continue;
      const folder = `${prefecture}/${motif}/${year}/${month}`;
      const names = (await listDir(join(archive, folder))).filter((n) => n.endsWith(EXTENSIONS.record)).sort();
      for (const name of names) {
        const path = `${folder}/${name}`;
        let data: Buffer;
        try {
          data = readArchiveFile(archive, path, 1024 * 1024);
        } catch (error) {
          // A refusal names the file already (safe-path.ts).
          unreadable.push(error instanceof UnsafePathError ? error.message : `${path} : ${String(error)}`);
          continue;
        }
        const reading = parseRecord(data.toString('utf8'));
        if (reading.problems) {
          unreadable.push(`${path} : ${reading.problems.join(' ; ')}`);
          continue;
        }
        const change = recordChange(facts, path, sha256Hex(data));
        if (change) {
          modified.push(`${path} : ${change}`);
          continue;
        }
        const record = toDossierRecord(reading.record);
        const stamps = stampsOf(facts, captureFiles(record).record);
        if (stamps.length > 0) record.timestamps = stamps.map(({ reply: _r, ...fact }) => fact);
        records.push(record);
      }
    }
  }
  return { records, unreadable, modified };
}

/** Path of a capture's page image, relative to the archive (the archive layout names it, not the record). */
export const imagePath = (record: DossierRecord) => captureFiles(record).image;

/** The image of a record, a regular file of the archive; null when missing or refused (a symlink, a FIFO). */
export function archiveImageLoader(archive: string): (record: DossierRecord) => Promise<Uint8Array | null> {
  return async (record) => {
    try {
      return readArchiveFile(archive, imagePath(record));
    } catch (error) {
      if (error instanceof UnsafePathError || (error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  };
}
