/**
 * Writes one page per capture while the archive is read, newest first. A page needs its older and newer
 * neighbours, so each motif holds back one record until the next (older) one arrives: memory stays at
 * one record per motif, whatever the size of the archive. Rendered by plain TypeScript rather than by an
 * Eleventy template: 100,000 paginated pages cost Eleventy alone ~25 s and ~0.9 GB here, for nothing
 * its data cascade adds to pages that depend on one record each.
 */
import { join } from 'node:path';
import type { EvidenceRecord } from '../../scraper/evidence/record.ts';
import { capturePage, type Neighbour } from '../render/capture.ts';
import type { SiteContext } from '../render/layout.ts';
import { paths } from '../render/urls.ts';
import { FileWriter } from './file-writer.ts';
import type { Published } from './images.ts';

interface Pending {
  record: EvidenceRecord;
  published: Published;
  newer: Neighbour | null;
}

export class CapturePages {
  private readonly pending = new Map<string, Pending>();
  private readonly files = new FileWriter();
  pages = 0;
  bytes = 0;

  constructor(
    private readonly out: string,
    private readonly context: SiteContext,
  ) {}

  async add(record: EvidenceRecord, published: Published): Promise<void> {
    const key = `${record.prefecture}/${record.motif}`;
    const held = this.pending.get(key);
    this.pending.set(key, { record, published, newer: held ? { id: held.record.id, capturedAt: held.record.capturedAt } : null });
    if (held) await this.write(held, { id: record.id, capturedAt: record.capturedAt });
  }

  /** The oldest capture of each motif has no older neighbour. Resolves when every page is on disk. */
  async finish(): Promise<void> {
    for (const held of this.pending.values()) await this.write(held, null);
    this.pending.clear();
    await this.files.close();
  }

  async abandon(): Promise<void> {
    await this.files.abandon();
  }

  private write(held: Pending, older: Neighbour | null): Promise<void> {
    const text = capturePage({ record: held.record, older, newer: held.newer, published: held.published }, this.context);
    this.pages++;
    this.bytes += Buffer.byteLength(text);
    return this.files.write(join(this.out, paths.capture(held.record.id)), text);
  }
}
