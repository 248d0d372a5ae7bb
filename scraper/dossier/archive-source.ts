/**
 * The dossier's Node edge: reads the records of one motif from an archive folder (only the month folders
 * that can hold the period) and loads page images from beside them. Reads only.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { captureFiles, EXTENSIONS, isMonthFolder, isYearFolder } from '../archive/paths.ts';
import { parseRecord } from '../archive/read-record.ts';
import { runStartOf } from '../timestamp/check.ts';
import { folderManifests, timestampsByFile } from '../timestamp/read.ts';
import { toDossierRecord, type DossierRecord } from './entry.ts';

export interface ArchiveRecords {
  records: DossierRecord[];
  /** Record files that could not be read, one line each (`path : reason`). */
  unreadable: string[];
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
): Promise<ArchiveRecords> {
  const root = join(archive, prefecture, motif);
  const records: DossierRecord[] = [];
  const unreadable: string[] = [];
  const first = monthBefore(from);
  const last = to.slice(0, 7);
  for (const year of (await listDir(root)).filter(isYearFolder).sort()) {
    for (const month of (await listDir(join(root, year))).filter(isMonthFolder).sort()) {
      if (`${year}-${month}` < first || `${year}-${month}` > last) continue;
      const folder = join(root, year, month);
      const names = (await listDir(folder)).filter((n) => n.endsWith(EXTENSIONS.record)).sort();
      const read = await Promise.all(
        names.map(async (name) => {
          const reading = parseRecord(await readFile(join(folder, name), 'utf8'));
          if (reading.problems)
            unreadable.push(`${prefecture}/${motif}/${year}/${month}/${name} : ${reading.problems.join(' ; ')}`);
          return reading.record ? toDossierRecord(reading.record) : null;
        }),
      );
      records.push(...read.filter((r) => r !== null));
    }
  }
  // The manifests of runs that started from two days before the period to its end can list its captures.
  const earliest = Date.parse(`${from}T00:00:00Z`) - 2 * 86_400_000;
  const latest = Date.parse(`${to}T00:00:00Z`) + 86_400_000;
  const stamps = await timestampsByFile(folderManifests(archive), (manifest) => {
    const start = runStartOf(manifest)?.getTime() ?? NaN;
    return start >= earliest && start <= latest;
  });
  for (const record of records) {
    const found = stamps.get(captureFiles(record).record);
    if (found) record.timestamps = found.map(({ authority, genTime }) => ({ authority, genTime }));
  }
  return { records, unreadable };
}

/** Path of a capture's page image, relative to the archive (the archive layout names it, not the record). */
export const imagePath = (record: DossierRecord) => captureFiles(record).image;

export function archiveImageLoader(archive: string): (record: DossierRecord) => Promise<Uint8Array | null> {
  return (record) =>
    readFile(join(archive, imagePath(record))).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
}
