/**
 * What the archive branch already holds, read from its trees (and, for alerts, from a few recent
 * records): how many captures each préfecture got today, and each motif's latest records.
 */
import { recordSchema, type EvidenceRecord } from '../evidence/record.ts';
import { parisTime } from '../evidence/time.ts';
import { parseCapturePath, type CaptureKey } from '../archive/paths.ts';
import { git, listFiles } from '../git/git.ts';

/** The capture key of a record path of the archive, null for any other path. */
function recordKey(path: string): CaptureKey | null {
  const parsed = parseCapturePath(path);
  return parsed?.kind === 'record' ? parsed.key : null;
}

/** Record paths grouped by `<prefecture>/<motif>`, oldest first. */
export function recordsByMotif(paths: string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const path of [...paths].sort()) {
    const found = recordKey(path);
    if (!found) continue;
    const key = `${found.prefecture}/${found.motif}`;
    groups.set(key, [...(groups.get(key) ?? []), path]);
  }
  return groups;
}

/** Instants of the captures of each préfecture on a Paris date, from its best-served motif (one run captures every motif). */
export function capturesOn(paths: string[], date: string): Record<string, number[]> {
  const found: Record<string, number[]> = {};
  for (const [key, group] of recordsByMotif(paths)) {
    const prefecture = key.split('/')[0]!;
    const instants = group
      .map((p) => recordKey(p)!.capturedAt)
      .filter((iso) => parisTime(iso).format('YYYY-MM-DD') === date)
      .map((iso) => Date.parse(iso));
    if (instants.length > (found[prefecture]?.length ?? 0)) found[prefecture] = instants;
  }
  return found;
}

/** Paths of the records of some préfectures on a commit of the archive branch. */
export async function recordPaths(cwd: string, commit: string, prefectures: string[]): Promise<string[]> {
  return (
    await listFiles(
      cwd,
      commit,
      prefectures.map((p) => `${p}/`),
    )
  ).filter((p) => recordKey(p) !== null);
}

/** The latest `lastN` records of every motif (the branch's few needed files are fetched on demand). */
export async function latestRecords(
  cwd: string,
  commit: string,
  prefectures: string[],
  lastN: number,
): Promise<Map<string, EvidenceRecord[]>> {
  const latest = new Map<string, EvidenceRecord[]>();
  for (const [key, group] of recordsByMotif(await recordPaths(cwd, commit, prefectures))) {
    const records: EvidenceRecord[] = [];
    for (const path of group.slice(-lastN)) {
      records.push(recordSchema.parse(JSON.parse(await git(['cat-file', 'blob', `${commit}:${path}`], { cwd }))));
    }
    latest.set(key, records);
  }
  return latest;
}
