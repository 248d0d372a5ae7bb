/**
 * Copies each page image and thumbnail once per content, named by its SHA-256 (`img/<sha>.png`,
 * `thumb/<sha>.webp`): thousands of identical « aucun créneau » pages cost one file. No image processing:
 * the thumbnails were made at capture time. What the size budget leaves out is not copied.
 * Each file is read as archive input (a regular file inside the archive, never a symlink) and published only
 * when its SHA-256 is the one its record gives: a crafted archive cannot put /etc/passwd at img/<sha>.png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readArchiveFile, UnsafePathError } from '../../scraper/archive/safe-path.ts';
import { sha256Hex } from '../../scraper/evidence/images.ts';
import type { EvidenceRecord } from '../../scraper/evidence/record.ts';
import { paths } from '../model/urls.ts';
import type { BudgetKind } from '../model/budget.ts';
import type { SizeBudget } from './budget.ts';

export class ImagePublisher {
  /** Files refused (not a regular file of the archive, or not the bytes their record vouches for), with why. */
  readonly refused: { path: string; problems: string[] }[] = [];

  constructor(
    private readonly archive: string,
    private readonly out: string,
    private readonly budget: SizeBudget,
  ) {
    for (const folder of [paths.image(''), paths.thumbnail('')])
      mkdirSync(join(out, dirname(folder)), { recursive: true });
  }

  /** `dir`: the record's folder in the archive. Whether its page image is on the site. */
  image(record: EvidenceRecord, dir: string): boolean {
    return this.copy('image', record.sha256, join(dir, record.image), paths.image(record.sha256), record.capturedAt);
  }

  /** Whether its thumbnail is on the site. */
  thumbnail(record: EvidenceRecord, dir: string): boolean {
    return this.copy(
      'thumbnail',
      record.thumbnailSha256,
      join(dir, record.thumbnail),
      paths.thumbnail(record.thumbnailSha256),
      record.capturedAt,
    );
  }

  private verified(from: string, sha256: string): Buffer {
    const data = readArchiveFile(this.archive, from);
    const actual = sha256Hex(data);
    if (actual !== sha256)
      throw new UnsafePathError(`${from} : SHA-256 ${actual} au lieu de ${sha256} (enregistrement)`);
    return data;
  }

  private copy(kind: BudgetKind, sha256: string, from: string, to: string, capturedAt: string): boolean {
    let data: Buffer | undefined;
    try {
      const { published, isNew } = this.budget.admitShared(kind, `${kind}:${sha256}`, capturedAt, () => {
        data = this.verified(from, sha256);
        return data.length;
      });
      if (published && isNew) writeFileSync(join(this.out, to), data ?? this.verified(from, sha256));
      return published;
    } catch (error) {
      if (!(error instanceof UnsafePathError) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.refused.push({ path: from, problems: [error instanceof Error ? error.message : String(error)] });
      return false;
    }
  }
}
