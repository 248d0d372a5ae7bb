/**
 * Reads a record file's text through the one schema, with every problem as « field : message » in French,
 * for verify and the exhibit command. Pure: the caller reads the file.
 */
import { z } from 'zod';
import { recordSchema, type EvidenceRecord } from '../evidence/record.ts';

const french = z.locales.fr().localeError;

/** `provenance.viewport.width`, `steps[0].url`; the record itself when the path is empty. */
export function fieldPath(path: readonly PropertyKey[]): string {
  const text = path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
  return text === '' ? '(racine)' : text.replace(/^\./, '');
}

export type RecordReading =
  { record: EvidenceRecord; problems?: undefined } | { record?: undefined; problems: string[] };

export function parseRecord(text: string): RecordReading {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problems: [`JSON illisible (${error instanceof Error ? error.message : String(error)})`] };
  }
  const result = recordSchema.safeParse(json, { error: french });
  if (result.success) return { record: result.data };
  return { problems: result.error.issues.map((issue) => `${fieldPath(issue.path)} : ${issue.message}`) };
}
