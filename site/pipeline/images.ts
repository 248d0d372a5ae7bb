/**
 * Copies each page image and thumbnail once per content, named by its SHA-256 (`img/<sha>.png`,
 * `thumb/<sha>.webp`): thousands of identical « aucun créneau » pages cost one file. No image processing:
 * the thumbnails were made at capture time. What the budget leaves out is not copied.
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EvidenceRecord } from '../../scraper/evidence/record.ts';
import { paths } from '../render/urls.ts';
import { ImageBudget } from './budget.ts';

export interface Published {
  image: boolean;
  thumbnail: boolean;
}

export class ImagePublisher {
  readonly budget: ImageBudget;

  constructor(
    private readonly archive: string,
    private readonly out: string,
    limitBytes: number,
  ) {
    this.budget = new ImageBudget(limitBytes);
    for (const folder of [paths.image(''), paths.thumbnail('')]) mkdirSync(join(out, dirname(folder)), { recursive: true });
  }

  /** `dir`: the record's folder in the archive. The thumbnail goes first: listings need it most. */
  publish(record: EvidenceRecord, dir: string): Published {
    return {
      thumbnail: this.copy(`thumb:${record.thumbnailSha256}`, join(dir, record.thumbnail), paths.thumbnail(record.thumbnailSha256), record.capturedAt),
      image: this.copy(`image:${record.sha256}`, join(dir, record.image), paths.image(record.sha256), record.capturedAt),
    };
  }

  private copy(key: string, from: string, to: string, capturedAt: string): boolean {
    const source = join(this.archive, from);
    const { published, isNew } = this.budget.admit(key, capturedAt, () => statSync(source).size);
    if (published && isNew) copyFileSync(source, join(this.out, to));
    return published;
  }
}
