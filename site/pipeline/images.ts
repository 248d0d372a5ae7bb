/**
 * Copies each page image and thumbnail once per content, named by its SHA-256 (`img/<sha>.png`,
 * `thumb/<sha>.webp`): thousands of identical « aucun créneau » pages cost one file. No image processing:
 * the thumbnails were made at capture time. What the size budget leaves out is not copied.
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EvidenceRecord } from '../../scraper/evidence/record.ts';
import { paths } from '../model/urls.ts';
import type { BudgetKind, SizeBudget } from './budget.ts';

export class ImagePublisher {
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

  private copy(kind: BudgetKind, sha256: string, from: string, to: string, capturedAt: string): boolean {
    const source = join(this.archive, from);
    const { published, isNew } = this.budget.admitShared(
      kind,
      `${kind}:${sha256}`,
      capturedAt,
      () => statSync(source).size,
    );
    if (published && isNew) copyFileSync(source, join(this.out, to));
    return published;
  }
}
