/**
 * Copies each page image and thumbnail once per content, named by its SHA-256 (`img/<sha>.png`,
 * `thumb/<sha>.webp`): thousands of identical « aucun créneau » pages cost one file. No image processing:
 * the thumbnails were made at capture time. What the size budget leaves out is not copied.
 * Each file is read as archive input (source.ts: a regular file inside the archive, never a symlink) and
 * published only when its SHA-256 is the one its record gives: a crafted archive cannot put /etc/passwd at
 * img/<sha>.png. A blob the previous build checked is not read again, and its file is taken from the
 * previous site (state.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UnsafePathError } from '../../scraper/archive/safe-path.ts';
import { sha256Hex } from '../../scraper/evidence/images.ts';
import { captureFiles } from '../../scraper/archive/paths.ts';
import type { BudgetKind } from '../model/budget.ts';
import { paths } from '../model/urls.ts';
import type { SizeBudget } from './budget.ts';
import type { BuildState } from './state.ts';
import type { CaptureSummary } from './summary.ts';
import type { ArchiveSource } from './source.ts';

/** A file of the archive: its id in the source, and its path, made only when a message or a read needs it. */
interface ArchiveFile {
  id: string;
  path: () => string;
}

export class ImagePublisher {
  /** Files refused (not a regular file of the archive, or not the bytes their record vouches for), with why. */
  readonly refused: { path: string; problems: string[] }[] = [];
  /** Files already decided: they are not read again. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly source: ArchiveSource,
    private readonly out: string,
    private readonly budget: SizeBudget,
    private readonly state: BuildState,
  ) {
    for (const folder of [paths.image(''), paths.thumbnail('')])
      mkdirSync(join(out, dirname(folder)), { recursive: true });
  }

  /** Whether the capture's page image is on the site. */
  image(summary: CaptureSummary): boolean | Promise<boolean> {
    return this.published('image', summary.capture.sha256, summary);
  }

  /** Whether its thumbnail is on the site. */
  thumbnail(summary: CaptureSummary): boolean | Promise<boolean> {
    return this.published('thumbnail', summary.capture.thumbnailSha256, summary);
  }

  /** Decided once per content: every later capture of the same page is answered at once, with no closure made. */
  private published(kind: 'image' | 'thumbnail', sha256: string, { capture, ids }: CaptureSummary) {
    const known = this.budget.decision(`${kind}:${sha256}`);
    if (known !== undefined) return known;
    const file = { id: ids[kind], path: () => captureFiles(capture)[kind] };
    return this.copy(
      kind,
      sha256,
      file,
      kind === 'image' ? paths.image(sha256) : paths.thumbnail(sha256),
      capture.capturedAt,
    );
  }

  private async verified(file: ArchiveFile, sha256: string): Promise<Buffer> {
    const data = await this.source.read(file.id, file.path());
    const actual = sha256Hex(data);
    if (actual !== sha256)
      throw new UnsafePathError(`${file.path()} : SHA-256 ${actual} au lieu de ${sha256} (enregistrement)`);
    return data;
  }

  private async copy(
    kind: BudgetKind,
    sha256: string,
    file: ArchiveFile,
    to: string,
    capturedAt: string,
  ): Promise<boolean> {
    const key = `${kind}:${sha256}`;
    try {
      // Read only when the budget will ask for its size: not once decided, nor once the budget is spent, nor
      // when the previous build checked this very blob.
      let data: Buffer | null = null;
      let size = 0;
      if (!this.budget.full && !this.seen.has(key)) {
        const known = this.state.checkedSize(key, file.id);
        data = known === undefined ? await this.verified(file, sha256) : null;
        size = data?.length ?? known!;
        this.state.checked(key, file.id, size);
      }
      this.seen.add(key);
      const { published, isNew } = this.budget.admitShared(kind, key, capturedAt, () => size);
      if (published && isNew && (data !== null || !this.state.take(to)))
        writeFileSync(join(this.out, to), data ?? (await this.verified(file, sha256)));
      return published;
    } catch (error) {
      if (!(error instanceof UnsafePathError) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.refused.push({ path: file.path(), problems: [error instanceof Error ? error.message : String(error)] });
      return false;
    }
  }
}
