/**
 * The one walk over the archive: every record file, newest capture first across all préfectures
 * and motifs (so that the size budget keeps the newest images), one UTC month folder at a time so that
 * memory stays flat however large the archive. Reads only, from a folder or from Git (source.ts);
 * `manifests/`, `.staging/` and other dot-folders are not captures. A month folder whose content the
 * build state already summarized (an unchanged Git tree) is not read again.
 */
import { createHash } from 'node:crypto';
import { sha256Hex } from '../../scraper/evidence/images.ts';
import { EXTENSIONS, isMonthFolder, isYearFolder, MANIFEST_DIR } from '../../scraper/archive/paths.ts';
import type { EvidenceRecord } from '../../scraper/evidence/record.ts';
import { checkRecord } from './check.ts';
import type { ArchiveSource } from './source.ts';
import { summarize, type Summary } from './summary.ts';

/** What the build state knows of month folders, by their content id and place (`memoKey`, state.ts). */
export interface MonthMemo {
  /** The summaries of a month folder an earlier build read; undefined when it has none for this key. */
  get(key: string): Promise<Summary[] | undefined>;
  /** The summaries of a month folder as this build has them, for the next build. */
  keep(key: string, summaries: Summary[]): Promise<void>;
}

/** A capture of the walk; `record` when its file was read by this walk (not taken from the state). */
export interface Scanned {
  summary: Summary;
  record?: EvidenceRecord;
}

/** One UTC month of every motif, its captures newest first. */
export interface ScannedMonth {
  /** `YYYY-MM`. */
  month: string;
  /**
   * Each month folder (`<prefecture>/<motif>/<YYYY>/<MM>`) → what its content and place are known by (an unchanged
   * key: the same captures), null when the source has no content id (a folder): what is made of them is made anew.
   */
  folders: Map<string, string | null>;
  captures: Scanned[];
}

/**
 * What the state keeps a month folder's summaries under: its content and its place, since a folder copied
 * under another motif has the same content but not the same captures (its records are misplaced there).
 */
const memoKey = (dir: string, content: string) =>
  `${content}-${createHash('sha256').update(dir).digest('hex').slice(0, 16)}`;

/** Records read from the source at once: a few hundred KB of text. */
const CHUNK = 256;

interface MonthFolder {
  dir: string;
  /** Its content id, when the source has one (a Git tree). */
  content?: string;
}

async function folders(source: ArchiveSource, dir: string, wanted: (name: string) => boolean = () => true) {
  const listing = await source.list(dir);
  return listing.folders
    .filter((name) => wanted(name) && !name.startsWith('.') && name !== MANIFEST_DIR)
    .map((name) => ({ name, content: listing.contents?.get(name) }));
}

/** `YYYY-MM` → the month folders of every motif, `<prefecture>/<motif>/<YYYY>/<MM>`. */
async function monthFolders(source: ArchiveSource): Promise<Map<string, MonthFolder[]>> {
  const months = new Map<string, MonthFolder[]>();
  for (const { name: prefecture } of await folders(source, '')) {
    for (const { name: motif } of await folders(source, prefecture)) {
      for (const { name: year } of await folders(source, `${prefecture}/${motif}`, isYearFolder)) {
        for (const { name: month, content } of await folders(source, `${prefecture}/${motif}/${year}`, isMonthFolder)) {
          const key = `${year}-${month}`;
          const list = months.get(key) ?? [];
          list.push({ dir: `${prefecture}/${motif}/${year}/${month}`, ...(content ? { content } : {}) });
          months.set(key, list);
        }
      }
    }
  }
  return months;
}

/** Reads and checks every record of one month folder. */
async function readMonth(source: ArchiveSource, dir: string): Promise<Scanned[]> {
  const { files: siblings, refused } = await source.list(dir);
  const records = [...siblings.keys()].filter((name) => name.endsWith(EXTENSIONS.record));
  // A record that is a symlink or a FIFO is never opened: what it points to stays out of the site.
  const scanned: Scanned[] = records
    .filter((name) => refused?.has(name))
    .map((name) => ({ summary: { name, dir, problems: [refused!.get(name)!] } }));
  const names = records.filter((name) => !refused?.has(name));
  for (let start = 0; start < names.length; start += CHUNK) {
    const chunk = names.slice(start, start + CHUNK);
    const texts = await source.texts(chunk.map((name) => siblings.get(name)!));
    for (const [i, name] of chunk.entries()) {
      const check = checkRecord({ path: `${dir}/${name}`, text: texts[i]!, siblings });
      scanned.push(
        check.record
          ? { summary: summarize(check.record, { dir, siblings }, name, sha256Hex(texts[i]!)), record: check.record }
          : { summary: { name, dir, problems: check.problems } },
      );
    }
  }
  return scanned;
}

export async function* scanArchive(source: ArchiveSource, memo?: MonthMemo): AsyncGenerator<ScannedMonth> {
  const months = await monthFolders(source);
  for (const month of [...months.keys()].sort().reverse()) {
    const scanned: Scanned[] = [];
    const keys = new Map<string, string | null>();
    for (const { dir, content } of months.get(month)!) {
      const key = content === undefined ? null : memoKey(dir, content);
      keys.set(dir, key);
      const known = key === null ? undefined : await memo?.get(key);
      const folder = known ? known.map((summary) => ({ summary })) : await readMonth(source, dir);
      if (key !== null)
        await memo?.keep(
          key,
          folder.map((m) => m.summary),
        );
      scanned.push(...folder);
    }
    // Record names are their UTC stamps: sorting names sorts captures by time.
    scanned.sort(({ summary: a }, { summary: b }) =>
      a.name === b.name ? a.dir.localeCompare(b.dir) : a.name < b.name ? 1 : -1,
    );
    yield { month, folders: keys, captures: scanned };
  }
}
