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
 *
 * A page depends on its record and text, its neighbours, its run's timestamps as checked and the repository, never on
 * the build's time: when the previous build made a page from the same inputs (build state, state.ts), its
 * size is known without rendering it, and its file is taken from the previous site.
 */
import { join } from 'node:path';
import {
  capturePage,
  olderLink,
  type CapturePageInput,
  type Neighbour,
  type OlderNeighbour,
} from '../render/capture.ts';
import { DATE_TIME_MAX_BYTES } from '../render/dates.ts';
import { FORMAT } from '../render/format.ts';
import type { TimelessContext } from '../render/layout.ts';
import { paths } from '../model/urls.ts';
import type { SizeBudget } from './budget.ts';
import { FileWriter } from './file-writer.ts';
import { digest, type BuildState, type PageMemo } from './state.ts';
import type { CaptureSummary } from './summary.ts';

/** What a capture page needs besides its summary: its whole record and text, read when it is rendered. */
export type PageInputs = () => Promise<Pick<CapturePageInput, 'record' | 'text'>>;

interface Pending {
  summary: CaptureSummary;
  inputs: PageInputs;
  /**
   * The page, admitted by the budget: its text around the older link when rendered at admission (null when the
   * previous build made the same page, then taken from it or rendered at write time), what the text depends
   * on, and the bytes admitted for it. Null when the budget left it out.
   */
  page: {
    parts: [string, string] | null;
    newer: Neighbour | null;
    head: string;
    bytes: number;
    admitted: number;
    /** What the previous build made this capture's page from, if it made one. */
    known: PageMemo | undefined;
  } | null;
  timestamps: CapturePageInput['timestamps'];
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

const byteLength = (parts: [string, string]) => Buffer.byteLength(parts[0]) + Buffer.byteLength(parts[1]);

export class CapturePages {
  private readonly pending = new Map<string, Pending>();
  private readonly files = new FileWriter();
  pages = 0;

  constructor(
    private readonly out: string,
    private readonly context: TimelessContext,
    private readonly budget: SizeBudget,
    private readonly state: BuildState,
  ) {}

  /** Whether the page of the capture is written; `imagePublished`: whether the budget kept its page image. */
  async add(
    summary: CaptureSummary,
    inputs: PageInputs,
    imagePublished: boolean,
    timestamps: CapturePageInput['timestamps'] = [],
  ): Promise<boolean> {
    const { capture } = summary;
    const key = `${capture.prefecture}/${capture.motif}`;
    const held = this.pending.get(key);
    const newer = held?.page ? { id: held.summary.capture.id, capturedAt: held.summary.capture.capturedAt } : null;
    const page = await this.admit(summary, inputs, imagePublished, newer, timestamps);
    this.pending.set(key, { summary, inputs, page, timestamps });
    if (held) await this.write(held, { id: capture.id, capturedAt: capture.capturedAt, page: page !== null });
    return page !== null;
  }

  /**
   * The page of a capture whose record is not what its manifest lists (`modified`: why): marked not to be used, linked
   * from no other page and no list, rendered at every build (there are few, if any).
   */
  async addModified(summary: CaptureSummary, inputs: PageInputs, imagePublished: boolean, modified: string) {
    const { capture } = summary;
    if (!imagePublished || this.budget.full) return this.budget.leaveOut('page', capture.capturedAt);
    const [head, tail] = await this.render(inputs, null, [], modified);
    const text = head + olderLink(capture, null) + tail;
    if (!this.budget.admit('page', capture.capturedAt, () => Buffer.byteLength(text))) return;
    this.pages++;
    await this.files.write(join(this.out, paths.capture(capture.id)), text);
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

  /** Rendered only while the budget has room, and only when the previous build did not make the same page. */
  private async admit(
    summary: CaptureSummary,
    inputs: PageInputs,
    imagePublished: boolean,
    newer: Neighbour | null,
    timestamps: CapturePageInput['timestamps'],
  ): Promise<Pending['page']> {
    const { capture, ids } = summary;
    if (!imagePublished || this.budget.full) {
      this.budget.leaveOut('page', capture.capturedAt);
      return null;
    }
    const head = digest(JSON.stringify([ids.record, ids.text, newer, timestamps, this.context.repository]));
    const known = this.state.pagePreviously(capture.id);
    const parts = known?.head === head ? null : await this.render(inputs, newer, timestamps);
    const bytes = parts ? byteLength(parts) : known!.bytes;
    const admitted = bytes + OLDER_LINK_MAX_BYTES;
    return this.budget.admit('page', capture.capturedAt, () => admitted)
      ? { parts, newer, head, bytes, admitted, known }
      : null;
  }

  private async render(
    inputs: PageInputs,
    newer: Neighbour | null,
    timestamps: CapturePageInput['timestamps'],
    modified: string | null = null,
  ): Promise<[string, string]> {
    return capturePage({ ...(await inputs()), newer, timestamps, modified }, this.context);
  }

  /** A page made by the previous build from the same inputs is taken from it, its size known without rendering. */
  private async write(held: Pending, older: OlderNeighbour | null): Promise<void> {
    const { page, summary } = held;
    if (!page) return;
    const { id } = summary.capture;
    const key = digest(JSON.stringify([page.head, older]));
    const { known } = page;
    const same = known?.key === key;
    const link = same ? '' : olderLink(summary.capture, older);
    const total = same ? known.total : page.bytes + Buffer.byteLength(link);
    this.budget.release('page', page.admitted - total);
    this.pages++;
    this.state.page(id, { head: page.head, bytes: page.bytes, key, total });
    const path = paths.capture(id);
    if (same) return this.files.move(this.state.previousFile(path)!, join(this.out, path));
    const parts = page.parts ?? (await this.render(held.inputs, page.newer, held.timestamps));
    return this.files.write(join(this.out, path), parts[0] + link + parts[1]);
  }
}
