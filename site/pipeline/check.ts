/**
 * Whether a record file can be published: valid against the one record schema, stored where its own
 * fields say (its id becomes the page address, so a record cannot write elsewhere), with its image and
 * thumbnail beside it. Pure; every problem in French, field first.
 */
import { captureFiles, placementProblems } from '../../scraper/archive/paths.ts';
import { parseRecord } from '../../scraper/archive/read-record.ts';
import type { EvidenceRecord } from '../../scraper/evidence/record.ts';

/** A record file as the archive walk reads it (scan.ts). */
export interface RecordFile {
  /** Relative to the archive, with `/`. */
  path: string;
  /** Relative folder of the record. */
  dir: string;
  text: string;
  /** The files beside the record, name → id in the source (to check that its image and thumbnail exist, and copy them). */
  siblings: ReadonlyMap<string, string>;
}

export type RecordCheck = { record: EvidenceRecord; problems?: undefined } | { record?: undefined; problems: string[] };

export function checkRecord(
  file: Pick<RecordFile, 'path' | 'text'> & { siblings: Pick<RecordFile['siblings'], 'has'> },
): RecordCheck {
  const reading = parseRecord(file.text);
  if (!reading.record) return reading;
  const record = reading.record;
  const problems = placementProblems(record, file.path);
  const expected = captureFiles(record);
  for (const field of ['image', 'thumbnail'] as const) {
    if (problems.some((p) => p.startsWith(`${field} : `))) continue;
    if (!file.siblings.has(record[field]))
      problems.push(
        `${field} : fichier absent (${expected[field]}) — récupérez-le depuis la branche archive ou retirez la capture`,
      );
  }
  return problems.length > 0 ? { problems } : { record };
}
