/**
 * The one walk over the archive: every record file, newest capture first across all préfectures
 * and motifs (so that the size budget keeps the newest images), one UTC month folder at a time so that
 * memory stays flat however large the archive. Reads only, from a folder or from Git (source.ts);
 * `manifests/`, `.staging/` and other dot-folders are not captures.
 */
import { EXTENSIONS, isMonthFolder, isYearFolder, MANIFEST_DIR } from '../../scraper/archive/paths.ts';
import type { ArchiveSource } from './source.ts';

export interface RecordFile {
  /** Relative to the archive, with `/`. */
  path: string;
  /** Relative folder of the record. */
  dir: string;
  text: string;
  /** The files beside the record, name → id in the source (to check that its image and thumbnail exist, and copy them). */
  siblings: ReadonlyMap<string, string>;
}

/** Records read from the source at once: a few hundred KB of text. */
const CHUNK = 256;

async function folders(
  source: ArchiveSource,
  dir: string,
  wanted: (name: string) => boolean = () => true,
): Promise<string[]> {
  return (await source.list(dir)).folders.filter(
    (name) => wanted(name) && !name.startsWith('.') && name !== MANIFEST_DIR,
  );
}

/** `YYYY-MM` → the month folders of every motif, `<prefecture>/<motif>/<YYYY>/<MM>`. */
async function monthFolders(source: ArchiveSource): Promise<Map<string, string[]>> {
  const months = new Map<string, string[]>();
  for (const prefecture of await folders(source, '')) {
    for (const motif of await folders(source, prefecture)) {
      for (const year of await folders(source, `${prefecture}/${motif}`, isYearFolder)) {
        for (const month of await folders(source, `${prefecture}/${motif}/${year}`, isMonthFolder)) {
          const key = `${year}-${month}`;
          const list = months.get(key) ?? [];
          list.push(`${prefecture}/${motif}/${year}/${month}`);
          months.set(key, list);
        }
      }
    }
  }
  return months;
}

export async function* scanArchive(source: ArchiveSource): AsyncGenerator<RecordFile> {
  const months = await monthFolders(source);
  for (const key of [...months.keys()].sort().reverse()) {
    const files: { dir: string; name: string; siblings: Map<string, string> }[] = [];
    for (const dir of months.get(key)!) {
      const siblings = (await source.list(dir)).files;
      for (const name of siblings.keys()) if (name.endsWith(EXTENSIONS.record)) files.push({ dir, name, siblings });
    }
    // Record names are their UTC stamps: sorting names sorts captures by time.
    files.sort((a, b) => (a.name === b.name ? a.dir.localeCompare(b.dir) : a.name < b.name ? 1 : -1));
    for (let start = 0; start < files.length; start += CHUNK) {
      const chunk = files.slice(start, start + CHUNK);
      const texts = await source.texts(chunk.map((f) => f.siblings.get(f.name)!));
      for (const [i, { dir, name, siblings }] of chunk.entries()) {
        yield { path: `${dir}/${name}`, dir, text: texts[i]!, siblings };
      }
    }
  }
}
