/**
 * Copies each page image and thumbnail once per content, named by its SHA-256 (`img/<sha>.png`,
 * `thumb/<sha>.webp`): thousands of identical « aucun créneau » pages cost one file. No image processing:
 * the thumbnails were made at capture time. What the size budget leaves out is not copied.
 * Each file is read as archive input (source.ts: a regular file inside the archive, never a symlink) and
 * published only when its SHA-256 is the one its record gives: a crafted archive cannot put /etc/passwd at
 * img/<sha>.png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UnsafePathError } from '../../scraper/archive/safe-path.ts';
import { sha256Hex } from '../../scraper/evidence/images.ts';
import type { EvidenceRecord } from '../../scraper/evidence/record.ts';
import type { BudgetKind } from '../model/budget.ts';
import { paths } from '../model/urls.ts';
import type { SizeBudget } from './budget.ts';
import type { RecordFile } from './scan.ts';
import type { ArchiveSource } from './source.ts';

export class ImagePublisher {
  /** Files refused (not a regular file of the archive, or not the bytes their record vouches for), with why. */
  readonly refused: { path: string; problems: string[] }[] = [];
  /** Files already decided: they are not read again. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly source: ArchiveSource,
    private readonly out: string,
    private readonly budget: SizeBudget,
  ) {
    for (const folder of [paths.image(''), paths.thumbnail('')])
      mkdirSync(join(out, dirname(folder)), { recursive: true });
  }

  /** `file`: the record's file in the archive. Whether its page image is on the site. */
  image(record: EvidenceRecord, file: RecordFile): Promise<boolean> {
    return this.copy('image', record.sha256, file, record.image, paths.image(record.sha256), record.capturedAt);
  }

  /** Whether its thumbnail is on the site. */
  thumbnail(record: EvidenceRecord, file: RecordFile): Promise<boolean> {
    return this.copy(
      'thumbnail',
      record.thumbnailSha256,
      file,
      record.thumbnail,
      paths.thumbnail(record.thumbnailSha256),
      record.capturedAt,
    );
  }

  private async verified(id: string, from: string, sha256: string): Promise<Buffer> {
    const data = await this.source.read(id, from);
    const actual = sha256Hex(data);
    if (actual !== sha256)
      throw new UnsafePathError(`${from} : SHA-256 ${actual} au lieu de ${sha256} (enregistrement)`);
    return data;
  }

  private async copy(
    kind: BudgetKind,
    sha256: string,
    file: RecordFile,
    name: string,
    to: string,
    capturedAt: string,
  ): Promise<boolean> {
    const key = `${kind}:${sha256}`;
    const from = `${file.dir}/${name}`;
    try {
      // Read only when the budget will ask for its size: not once decided, nor once the budget is spent.
      const data =
        this.budget.full || this.seen.has(key) ? null : await this.verified(file.siblings.get(name)!, from, sha256);
      this.seen.add(key);
      const { published, isNew } = this.budget.admitShared(kind, key, capturedAt, () => data!.length);
      if (published && isNew) writeFileSync(join(this.out, to), data!);
      return published;
    } catch (error) {
      if (!(error instanceof UnsafePathError) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.refused.push({ path: from, problems: [error instanceof Error ? error.message : String(error)] });
      return false;
    }
  }
}
