/**
 * The build state: what a build from Git keeps for the next one, so that after a capture run only what
 * changed is read and written (construction incrémentale). It holds the summaries of every month folder,
 * by the folder's Git tree and place (an unchanged month is not read again), the images already checked
 * against their records, by blob, what each capture and month page was made from, and where each month
 * lies in the compressed data files (gzip-parts.ts). The previous site gives the unchanged files, moved
 * into the new one (a move, not a link: the old folder is then nearly empty, and deleting 80,000 links of
 * it took a second), and put back if the build fails. The state only serves when it was made by the same
 * code with the same options, and when the output folder still holds the site it describes; otherwise the
 * build starts from nothing (a full build), and says why. Both kinds of build run the same pass, so they
 * give the same bytes (tests/site-incremental.test.ts).
 *
 * `<state>/state.json.gz` (written atomically once every page is made) and
 * `<state>/months/<tree>-<place>.json.gz` (one per month folder content and place: written once, never
 * changed, removed when no longer used; each summary stored as what it changes from the one before,
 * delta-list.ts).
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzipSync, gzip, gzipSync } from 'node:zlib';
import { writeFileAtomic } from '../../scraper/archive/write.ts';
import { decodeList, encodeList } from './delta-list.ts';
import type { PartMemo, PartMemory } from './gzip-parts.ts';
import type { MonthMemo } from './scan.ts';
import type { Summary } from './summary.ts';

const VERSION = 4;
const compress = promisify(gzip);
const STATE_FILE = 'state.json.gz';
const MONTHS = 'months';
/** In the built site: which build made it (the state's `site`). */
export const SITE_MARK = '.site-build';

/** What a capture page was made from, and its size (capture-pages.ts). */
export interface PageMemo {
  /** Everything its text depends on but the link to its older neighbour. */
  head: string;
  /** Bytes of the page without that link. */
  bytes: number;
  /** `head` and its older neighbour (what the link to it says): the page's whole input. */
  key: string;
  /** Bytes of the whole page. */
  total: number;
}

/** What a month page was made from (a digest of its inputs), and its size (month-pages.ts). */
export interface MonthPageMemo {
  key: string;
  bytes: number;
}

interface Envelope {
  version: number;
  fingerprint: string;
  site: string;
  months: string[];
  pages: [string, PageMemo][];
  monthPages: [string, MonthPageMemo][];
  /** Site path of a gzip file made of parts → where its keyed parts lie in it (gzip-parts.ts). */
  parts: [string, PartMemo[]][];
  /** `<kind>:<sha256>` → the blob checked to have that SHA-256, and its size. */
  files: [string, { id: string; bytes: number }][];
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What the memos of pages are keyed by: the digest of everything a page is made from. */
export const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** A digest of the files of the repository at `paths` (folders walked), and of `options`. */
export function codeDigest(paths: string[], options: Record<string, unknown> = {}): string {
  const hash = createHash('sha256').update(JSON.stringify(options));
  const walk = (path: string): string[] =>
    readdirSync(path, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .flatMap((entry) =>
        entry.isDirectory() ? walk(join(path, entry.name)) : entry.isFile() ? [join(path, entry.name)] : [],
      );
  for (const file of paths.flatMap((path) => (path.endsWith('/') ? walk(join(ROOT, path)) : [join(ROOT, path)])))
    hash.update(`${relative(ROOT, file)}\0`).update(readFileSync(file));
  return hash.digest('hex');
}

/**
 * A digest of the code that makes the site (site/, scraper/, the locked dependencies) and of the options:
 * a state made by other code or options is not used.
 */
export function fingerprintOf(options: Record<string, unknown>): string {
  return codeDigest(['site/', 'scraper/', 'package-lock.json'], options);
}

/** Why the state cannot serve, in French; null when it can. */
function unusable(previous: Envelope | null, fingerprint: string, out: string): string | null {
  if (!previous) return 'pas d’état de construction précédent';
  if (previous.version !== VERSION || previous.fingerprint !== fingerprint)
    return 'le code du site ou ses options ont changé depuis la construction précédente';
  const mark = join(out, SITE_MARK);
  if (!existsSync(mark) || readFileSync(mark, 'utf8') !== previous.site)
    return `${out} ne contient plus le site de la construction précédente`;
  return null;
}

function readEnvelope(dir: string): Envelope | null {
  try {
    return JSON.parse(gunzipSync(readFileSync(join(dir, STATE_FILE))).toString('utf8')) as Envelope;
  } catch {
    return null;
  }
}

export class BuildState implements MonthMemo, PartMemory {
  /** Null when the build is full: nothing of the previous build is used. */
  private readonly previous: Envelope | null;
  private readonly previousMonths: Set<string>;
  private readonly previousPages: Map<string, PageMemo>;
  private readonly previousMonthPages: Map<string, MonthPageMemo>;
  private readonly previousFiles: Map<string, { id: string; bytes: number }>;
  private readonly previousPartsOf: Map<string, PartMemo[]>;
  private readonly months = new Set<string>();
  private readonly pages = new Map<string, PageMemo>();
  private readonly monthPages = new Map<string, MonthPageMemo>();
  private readonly files = new Map<string, { id: string; bytes: number }>();
  private readonly partsOf = new Map<string, PartMemo[]>();
  /** Folders of the new site made by `take`. */
  private readonly folders = new Set<string>();
  /** Site paths of the files taken from the previous site, or being taken (the writer's thread moves pages). */
  private readonly taken: string[] = [];

  /** Files of the previous site taken into the new one. */
  get reused(): number {
    return this.taken.length;
  }

  /**
   * `dir`: the state folder, null for a source without content ids (a folder: always a full build, no state);
   * `out`: the site being replaced; `built`: the folder the new site is written into; `full`: why the build must be
   * full whatever the state says (--full), or null.
   */
  constructor(
    private readonly dir: string | null,
    private readonly fingerprint: string,
    private readonly out: string,
    private readonly built: string,
    full: string | null,
  ) {
    const envelope = dir === null ? null : readEnvelope(dir);
    this.why = dir === null ? null : (full ?? unusable(envelope, fingerprint, out));
    this.previous = dir !== null && this.why === null ? envelope : null;
    this.previousMonths = new Set(this.previous?.months);
    this.previousPages = new Map(this.previous?.pages);
    this.previousMonthPages = new Map(this.previous?.monthPages);
    this.previousFiles = new Map(this.previous?.files);
    this.previousPartsOf = new Map(this.previous?.parts);
  }

  /** No state: a full build that keeps nothing for the next one (an archive folder). */
  static none(built: string): BuildState {
    return new BuildState(null, '', built, built, null);
  }

  /** Why this build is a full one (null: it is incremental, or there is no state to keep). */
  readonly why: string | null;

  get incremental(): boolean {
    return this.previous !== null;
  }

  async get(key: string): Promise<Summary[] | undefined> {
    if (!this.previousMonths.has(key)) return undefined;
    try {
      // Read at once: a month file is a few KB, and waiting for the thread pool ~1,000 times was idle time.
      return decodeList<Summary>(gunzipSync(readFileSync(this.monthFile(key))).toString('utf8'));
    } catch {
      return undefined;
    }
  }

  async keep(key: string, summaries: Summary[]): Promise<void> {
    if (this.dir === null) return;
    this.months.add(key);
    // Named by the folder's tree and place, a month the previous state lists was summarized by this same code:
    // it is there as it would be written. Any other file of that name may come from other code: written again.
    if (!this.previousMonths.has(key) || !existsSync(this.monthFile(key)))
      await writeFileAtomic(this.monthFile(key), gzipSync(encodeList(summaries), { level: 1 }));
  }

  /** The size of the file `key` when its blob `id` was checked by the previous build; undefined otherwise. */
  checkedSize(key: string, id: string): number | undefined {
    const known = this.previousFiles.get(key);
    return known?.id === id ? known.bytes : undefined;
  }

  /** The blob `id` has the SHA-256 of `key` and `bytes` bytes. */
  checked(key: string, id: string, bytes: number): void {
    this.files.set(key, { id, bytes });
  }

  pagePreviously(id: string): PageMemo | undefined {
    return this.previousPages.get(id);
  }

  page(id: string, memo: PageMemo): void {
    this.pages.set(id, memo);
  }

  /** The memo of the month page at `path` (a site path), as the previous build made it. */
  monthPagePreviously(path: string): MonthPageMemo | undefined {
    return this.previousMonthPages.get(path);
  }

  monthPage(path: string, memo: MonthPageMemo): void {
    this.monthPages.set(path, memo);
  }

  /** Read, not taken: the file is written anew from its parts, the unchanged ones copied from this one. */
  previousParts(path: string): { file: string; parts: Map<string, PartMemo> } | null {
    const memos = this.previousPartsOf.get(path);
    return this.previous && memos ? { file: join(this.out, path), parts: new Map(memos.map((m) => [m.key, m])) } : null;
  }

  parts(path: string, memos: PartMemo[]): void {
    if (this.dir !== null) this.partsOf.set(path, memos);
  }

  /**
   * The previous site's file at `path` (a site path), to be taken into the new site; null when the build is full.
   * Not looked for (a look per file cost a second per 80,000 of them): the site carries the state's mark, so it
   * has every file the state names, and one that went missing all the same fails its move (`PreviousSiteError`).
   */
  previousFile(path: string): string | null {
    if (!this.previous) return null;
    this.taken.push(path);
    return join(this.out, path);
  }

  /** Puts the previous site's file at `path` into the new site now; false when there is none to take. */
  take(path: string): boolean {
    const from = this.previousFile(path);
    if (!from) return false;
    const to = join(this.built, path);
    const dir = dirname(to);
    if (!this.folders.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.folders.add(dir);
    }
    try {
      renameSync(from, to);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (code === 'ENOENT') {
        this.taken.pop();
        return false;
      }
      if (code !== 'EXDEV') throw error;
      copyFileSync(from, to);
    }
    return true;
  }

  /**
   * The build failed: puts the files it took back into the previous site, which stays as it was. Once the
   * writer's thread has stopped: a file it had not moved yet is still there.
   */
  putBack(): void {
    for (const path of this.taken) {
      try {
        renameSync(join(this.built, path), join(this.out, path));
      } catch {
        // Not moved (or copied across file systems): the previous site still has it.
      }
    }
    this.taken.length = 0;
  }

  /** Marks the new site as made by this build (`commit`: the archive's), before it replaces the old one. */
  mark(commit: string): void {
    if (this.dir !== null) writeFileSync(join(this.built, SITE_MARK), this.siteId(commit));
  }

  /**
   * Writes the state of this build and removes the month files it no longer uses. It may be written before the
   * new site is in place: until then the old site's mark is not the state's, and the next build would be full.
   */
  async save(commit: string): Promise<void> {
    if (this.dir === null) return;
    const envelope: Envelope = {
      version: VERSION,
      fingerprint: this.fingerprint,
      site: this.siteId(commit),
      months: [...this.months],
      pages: [...this.pages],
      monthPages: [...this.monthPages],
      parts: [...this.partsOf],
      files: [...this.files],
    };
    await writeFileAtomic(join(this.dir, STATE_FILE), await compress(JSON.stringify(envelope), { level: 1 }));
    for (const name of existsSync(join(this.dir, MONTHS)) ? readdirSync(join(this.dir, MONTHS)) : [])
      if (!this.months.has(name.replace(/\.json\.gz$/, ''))) rmSync(join(this.dir, MONTHS, name), { force: true });
  }

  private siteId(commit: string): string {
    return digest(`${this.fingerprint}\0${commit}`);
  }

  private monthFile(key: string): string {
    return join(this.dir!, MONTHS, `${key}.json.gz`);
  }
}
