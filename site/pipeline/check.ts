/**
 * Whether a record file can be published: valid against the one record schema, stored where its own
 * fields say (its id becomes the page address, so a record cannot write elsewhere), with its image and
 * thumbnail beside it. Pure; every problem in French, field first.
 */
import { captureFiles, captureId } from '../../scraper/archive/paths.ts';
import { parseRecord } from '../../scraper/archive/read-record.ts';
import type { EvidenceRecord } from '../../scraper/evidence/record.ts';
import type { RecordFile } from './scan.ts';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

export type RecordCheck = { record: EvidenceRecord; problems?: undefined } | { record?: undefined; problems: string[] };

export function checkRecord(
  file: Pick<RecordFile, 'path' | 'text'> & { siblings: Pick<RecordFile['siblings'], 'has'> },
): RecordCheck {
  const reading = parseRecord(file.text);
  if (!reading.record) return reading;
  const record = reading.record;
  const problems: string[] = [];
  for (const field of ['prefecture', 'motif'] as const) {
    if (!SLUG.test(record[field]))
      problems.push(`${field} : « ${record[field]} » n'est pas un identifiant (minuscules, chiffres et tirets)`);
  }
  const expected = captureFiles(record);
  if (record.id !== captureId(record))
    problems.push(
      `id : « ${record.id} » au lieu de « ${captureId(record)} » (préfecture/motif/horodatage de la capture)`,
    );
  if (expected.record !== file.path)
    problems.push(`capturedAt : cette capture devrait être rangée sous ${expected.record}`);
  for (const [field, path] of [
    ['image', expected.image],
    ['thumbnail', expected.thumbnail],
  ] as const) {
    if (record[field] !== fileName(path))
      problems.push(`${field} : « ${record[field]} » au lieu de « ${fileName(path)} »`);
    else if (!file.siblings.has(record[field]))
      problems.push(
        `${field} : fichier absent (${path}) — récupérez-le depuis la branche archive ou retirez la capture`,
      );
  }
  return problems.length > 0 ? { problems } : { record };
}
