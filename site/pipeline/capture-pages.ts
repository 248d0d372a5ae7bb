/**
 * Writes one page per capture while the archive is read, newest first, within the size budget. A page
 * needs its older and newer neighbours, so each motif holds back one page until the next (older) record
 * arrives: memory stays at one page per motif, whatever the size of the archive. Rendered by plain
 * TypeScript rather than by an Eleventy template: 100,000 paginated pages cost Eleventy alone ~25 s and
 * ~0.9 GB here, for nothing its data cascade adds to pages that depend on one record each.
 *
 * The budget is spent in capture order, so a page is admitted when its record arrives, before its older
 * neighbour is known. It is rendered then in two parts around the link to that neighbour, and admitted
 * with room for the longest such link (`OLDER_LINK_MAX_BYTES`); when the neighbour arrives, its own
 * admission is decided first, so the link goes to its page only if that page is written (else to its
 * month page), and the unused room is given back. Newer neighbours need no such care: a page is only
 * admitted while nothing has been left out, so the newer page it links to was written.
 */
import { join } from 'node:path';
import type { EvidenceRecord } from '../../scraper/evidence/record.ts';
import { capturePage, olderLink, type CapturePageInput, type OlderNeighbour } from '../render/capture.ts';
import { DATE_TIME_MAX_BYTES } from '../render/dates.ts';
import { FORMAT } from '../render/format.ts';
import type { SiteContext } from '../render/layout.ts';
import { paths } from '../model/urls.ts';
import type { SizeBudget } from './budget.ts';
import { FileWriter } from './file-writer.ts';

interface Pending {
  record: EvidenceRecord;
  /** The page around its older link, and the bytes admitted for it; null when the budget left it out. */
  page: { parts: [string, string]; admitted: number } | null;
}

/** The most bytes `olderLink` can take: each form is a fixed text (its address has a fixed length) and one date. */
export const OLDER_LINK_MAX_BYTES = (() => {
  const record = { id: 'p/m/2000-01-01T00-00-00Z', prefecture: 'p', motif: 'm' };
  const older = { id: 'p/m/1999-12-31T23-00-00Z', capturedAt: '1999-12-31T23:00:00Z' };
  const dated = (page: boolean) =>
    Buffer.byteLength(olderLink(record, { ...older, page })) -
    Buffer.byteLength(FORMAT.parisDateTime(older.capturedAt)) +
    DATE_TIME_MAX_BYTES;
  return Math.max(Buffer.byteLength(olderLink(record, null)), dated(true), dated(false));
})();

export class CapturePages {
  private readonly pending = new Map<string, Pending>();
  private readonly files = new FileWriter();
  pages = 0;

  constructor(
    private readonly out: string,
    private readonly context: SiteContext,
    private readonly budget: SizeBudget,
  ) {}

  /** Whether the page of `record` is written; `imagePublished`: whether the budget kept its page image. */
  async add(
    record: EvidenceRecord,
    imagePublished: boolean,
    extras: Pick<CapturePageInput, 'timestamps' | 'text'> = {},
  ): Promise<boolean> {
    const key = `${record.prefecture}/${record.motif}`;
    const held = this.pending.get(key);
    const page = this.admit(record, imagePublished, held?.page ? held.record : null, extras);
    this.pending.set(key, { record, page });
    if (held) await this.write(held, { id: record.id, capturedAt: record.capturedAt, page: page !== null });
    return page !== null;
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

  /** Rendered only while the budget has room. */
  private admit(
    record: EvidenceRecord,
    imagePublished: boolean,
    newer: EvidenceRecord | null,
    extras: Pick<CapturePageInput, 'timestamps' | 'text'>,
  ): Pending['page'] {
    if (!imagePublished) {
      this.budget.leaveOut('page', record.capturedAt);
      return null;
    }
    let page: Pending['page'] = null;
    const published = this.budget.admit('page', record.capturedAt, () => {
      const parts = capturePage({ record, newer, ...extras }, this.context);
      page = { parts, admitted: Buffer.byteLength(parts[0]) + Buffer.byteLength(parts[1]) + OLDER_LINK_MAX_BYTES };
      return page.admitted;
    });
    return published ? page : null;
  }

  private write(held: Pending, older: OlderNeighbour | null): Promise<void> {
    if (!held.page) return Promise.resolve();
    const text = held.page.parts[0] + olderLink(held.record, older) + held.page.parts[1];
    this.budget.release('page', held.page.admitted - Buffer.byteLength(text));
    this.pages++;
    return this.files.write(join(this.out, paths.capture(held.record.id)), text);
  }
}
