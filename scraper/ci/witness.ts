/**
 * Captures made by a person (witness mode) among the files to publish. Their page may show the person's name, a
 * dossier or foreigner number, their own appointment: publishing them is a choice made capture by capture, so
 * `npm run publish` lists each one (address, page title) and publishes them only with `--allow-witness`. Pure.
 */
import { captureId, parseCapturePath, PERSONAL_DIR } from '../archive/paths.ts';
import type { EvidenceRecord } from '../evidence/record.ts';
import type { IncomingFile } from './incoming.ts';

export interface ListedWitness {
  /** The capture's id (`<préfecture>/<motif>/<stamp>`), or a file's path when its record is not among the files. */
  id: string;
  url: string | null;
  title: string | null;
}

/** Witness records, and any file of the personal folder (witness captures without a target), record or not. */
export function witnessCaptures(files: IncomingFile[], records: EvidenceRecord[]): ListedWitness[] {
  const found = new Map<string, ListedWitness>();
  for (const r of records)
    if (r.mode === 'witness' || r.prefecture === PERSONAL_DIR)
      found.set(r.id, { id: r.id, url: r.url, title: r.evidence.title });
  const ids = new Set(records.map((r) => r.id));
  for (const { path } of files) {
    const capture = parseCapturePath(path);
    if (!path.startsWith(`${PERSONAL_DIR}/`) || (capture && ids.has(captureId(capture.key)))) continue;
    found.set(path, { id: path, url: null, title: null });
  }
  return [...found.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * One line per capture: its id, its address, its page's title as the page gave it (on one line: a title is page
 * text, and a line of its own in a log could pass for a workflow command).
 */
export function witnessLines(captures: ListedWitness[]): string[] {
  return captures.map((c) => {
    const title = c.title?.replace(/\s+/g, ' ').trim();
    return `  ${c.id} — ${c.url ?? 'fiche absente'}${title === undefined ? '' : title ? ` — « ${title} »` : ' — page sans titre'}`;
  });
}
