/**
 * `npm run verify` on the journal: each entry is an archive of its own (entry.ts), so its files are checked against
 * `entree.json` and its manifest, and its RFC 3161 replies exactly as the archive's are (timestamp/check.ts).
 */
import { join } from 'node:path';
import type { Finding } from '../archive/verify.ts';
import { checkArchiveTimestamps, type TimestampsReport } from '../timestamp/check.ts';
import { JOURNAL_DIR } from './entry.ts';
import { readJournal } from './store.ts';

/** A file of the journal: `verifyArchive` leaves it out of the capture layout, this check covers it. */
export const isJournalPath = (path: string) => path.startsWith(`${JOURNAL_DIR}/`);

export async function checkJournal(
  archive: string,
  tsaRoots: string[],
): Promise<{ entries: number } & Pick<TimestampsReport, 'seen' | 'untimestamped' | 'problems'>> {
  const { entries, unreadable } = await readJournal(archive);
  const problems: Finding[] = unreadable.map((line) => {
    const [path = line, ...detail] = line.split(' : ');
    return { kind: 'invalid', path, detail: detail.join(' : ') };
  });
  const seen: TimestampsReport['seen'] = [];
  const untimestamped: string[] = [];
  for (const { dir, altered } of entries) {
    for (const path of altered)
      problems.push({
        kind: 'altered',
        path: `${dir}/${path}`,
        detail: 'absent, ou ne correspond plus à son empreinte (entree.json ou manifeste de la démarche)',
      });
    const stamps = await checkArchiveTimestamps(join(archive, dir), tsaRoots);
    const inside = (path: string) => `${dir}/${path}`;
    problems.push(...stamps.problems.map((p) => ({ ...p, path: inside(p.path) })));
    seen.push(...stamps.seen.map((s) => ({ ...s, manifest: inside(s.manifest), reply: inside(s.reply) })));
    untimestamped.push(...stamps.untimestamped.map(inside));
  }
  return { entries: entries.length, seen, untimestamped, problems };
}
