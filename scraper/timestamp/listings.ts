/**
 * The SHA-256 that the manifests give of each record, for the site and the dossier to compare records with: ten
 * years of captures list 1.5 million records, so each is held as its path and a slot, the hashes as bytes in one
 * buffer and the manifests by number (a plain object per record took ~330 bytes each, ~490 MB at that size).
 */
import { EXTENSIONS } from '../archive/paths.ts';

/** What the manifests say of a listed record: its SHA-256 (null when two manifests disagree) and the manifests. */
export interface Listing {
  sha256: string | null;
  manifests: string[];
}

const RECORD_END = Buffer.from(EXTENSIONS.record);
const SPACE = 0x20;
const STAR = 0x2a;

/** Whether `data` has the record extension just before `end`. */
const endsLikeRecord = (data: Buffer, end: number) =>
  data.compare(RECORD_END, 0, RECORD_END.length, end - RECORD_END.length, end) === 0;

export class RecordListings {
  private readonly slots = new Map<string, number>();
  private hashes = Buffer.alloc(32 * 1024);
  /** Slot → number of the manifest that listed it first. */
  private readonly firstManifest: number[] = [];
  private readonly manifests: string[] = [];
  /** Slots listed by more than one manifest (rare): all of them, and whether they give the same hash. */
  private readonly more = new Map<number, { manifests: number[]; agree: boolean }>();

  /**
   * Reads the record lines (`<sha256>  <path>.json`) of a manifest's bytes, line by line: a manifest of millions of
   * lines (one for a whole generated archive) is larger than a string can be. Other lines are not records' or do not read.
   */
  addManifest(manifest: string, data: Buffer): void {
    const number = this.manifests.push(manifest) - 1;
    let start = 0;
    while (start < data.length) {
      let end = data.indexOf(10, start);
      if (end === -1) end = data.length;
      const line = start;
      start = end + 1;
      if (end - line < 67 || !endsLikeRecord(data, end)) continue;
      if (data[line + 64] !== SPACE || (data[line + 65] !== SPACE && data[line + 65] !== STAR)) continue;
      const hex = data.toString('latin1', line, line + 64);
      if (/^[0-9a-f]{64}$/.test(hex)) this.add(number, hex, data.toString('utf8', line + 66, end));
    }
  }

  private add(number: number, hex: string, path: string): void {
    const slot = this.slots.get(path);
    if (slot === undefined) {
      const next = this.firstManifest.length;
      if ((next + 1) * 32 > this.hashes.length) {
        const bigger = Buffer.alloc(this.hashes.length * 2);
        this.hashes.copy(bigger);
        this.hashes = bigger;
      }
      this.hashes.write(hex, next * 32, 'hex');
      this.firstManifest.push(number);
      this.slots.set(path, next);
      return;
    }
    const more = this.more.get(slot) ?? { manifests: [this.firstManifest[slot]!], agree: true };
    if (!more.manifests.includes(number)) more.manifests.push(number);
    if (this.hashOf(slot) !== hex) more.agree = false;
    this.more.set(slot, more);
  }

  private hashOf(slot: number): string {
    return this.hashes.toString('hex', slot * 32, slot * 32 + 32);
  }

  /** What the manifests that list `path` give; undefined when none does. */
  get(path: string): Listing | undefined {
    const slot = this.slots.get(path);
    if (slot === undefined) return undefined;
    const more = this.more.get(slot);
    return {
      sha256: more && !more.agree ? null : this.hashOf(slot),
      manifests: (more?.manifests ?? [this.firstManifest[slot]!]).map((n) => this.manifests[n]!),
    };
  }
}
