/**
 * Copies each page image and thumbnail once per content, named by its SHA-256 (`img/<sha>.png`,
 * `thumb/<sha>.webp`): thousands of identical « aucun créneau » pages cost one file. No image processing:
 * the thumbnails were made at capture time. What the size budget leaves out is not copied.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EvidenceRecord } from '../../scraper/evidence/record.ts';
import { paths } from '../model/urls.ts';
import type { BudgetKind, SizeBudget } from './budget.ts';
import type { RecordFile } from './scan.ts';
import type { ArchiveSource } from './source.ts';

export class ImagePublisher {
  /** Files already decided: their size is not asked again. */
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
    return this.copy('image', record.sha256, file.siblings.get(record.image)!, paths.image(record.sha256), record);
  }

  /** Whether its thumbnail is on the site. */
  thumbnail(record: EvidenceRecord, file: RecordFile): Promise<boolean> {
    return this.copy(
      'thumbnail',
      record.thumbnailSha256,
      file.siblings.get(record.thumbnail)!,
      paths.thumbnail(record.thumbnailSha256),
      record,
    );
  }

  private async copy(
    kind: BudgetKind,
    sha256: string,
    id: string,
    to: string,
    { capturedAt }: EvidenceRecord,
  ): Promise<boolean> {
    const key = `${kind}:${sha256}`;
    const size = this.budget.full || this.seen.has(key) ? 0 : await this.source.size(id);
    this.seen.add(key);
    const { published, isNew } = this.budget.admitShared(kind, key, capturedAt, () => size);
    if (published && isNew) await this.source.copy(id, join(this.out, to));
    return published;
  }
}
