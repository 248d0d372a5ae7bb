/**
 * The Pages size budget for the detail of each capture: its page, its page image and its thumbnail.
 * Spent newest capture first; from the first file that does not fit, every file seen later (older) is
 * left out, so that the site always shows the most recent captures in full and the oldest go first.
 * Images are decided once per content hash (thousands of captures share one « aucun créneau » page);
 * a capture page belongs to one capture. Pure: sizes come from the caller, only when needed.
 */
import { BUDGET_KINDS, type BudgetKind, type BudgetSummary } from '../model/budget.ts';

const perKind = <T>(make: () => T) => Object.fromEntries(BUDGET_KINDS.map((k) => [k, make()])) as Record<BudgetKind, T>;

export class SizeBudget {
  private readonly decided = new Map<string, boolean>();
  private spent = 0;
  private stopped = false;
  readonly summary: BudgetSummary;

  constructor(limitBytes: number) {
    this.summary = {
      limitBytes,
      published: perKind(() => ({ files: 0, bytes: 0 })),
      leftOut: perKind(() => ({ files: 0, from: null })),
    };
  }

  /** Once something did not fit, nothing more is published. */
  get full(): boolean {
    return this.stopped;
  }

  /** Whether a file of one capture alone is published; `size` is asked only while there is room. */
  admit(kind: BudgetKind, capturedAt: string, size: () => number): boolean {
    const bytes = this.full ? Infinity : size();
    if (this.spent + bytes > this.summary.limitBytes) {
      this.leaveOut(kind, capturedAt);
      return false;
    }
    this.spent += bytes;
    this.summary.published[kind].files++;
    this.summary.published[kind].bytes += bytes;
    return true;
  }

  /** Whether the file `key` was published, once decided; undefined before. */
  decision(key: string): boolean | undefined {
    return this.decided.get(key);
  }

  /** Whether the file `key` (its content hash), shared by captures, is published; `isNew` says that it was decided just now. */
  admitShared(
    kind: BudgetKind,
    key: string,
    capturedAt: string,
    size: () => number,
  ): { published: boolean; isNew: boolean } {
    const known = this.decided.get(key);
    if (known !== undefined) return { published: known, isNew: false };
    const published = this.admit(kind, capturedAt, size);
    this.decided.set(key, published);
    return { published, isNew: true };
  }

  /** A file not published whatever room is left (a capture page whose image was left out); nothing after it is. */
  leaveOut(kind: BudgetKind, capturedAt: string): void {
    this.stopped = true;
    this.summary.leftOut[kind].files++;
    this.summary.leftOut[kind].from ??= capturedAt;
  }

  /** Gives back bytes admitted and not written after all (room reserved for a part only known later). */
  release(kind: BudgetKind, bytes: number): void {
    this.spent -= bytes;
    this.summary.published[kind].bytes -= bytes;
  }
}
