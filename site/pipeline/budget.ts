/**
 * The Pages size budget for images. Files are decided once per content hash, newest capture first, until
 * the budget is spent; from the first file that does not fit, every file seen later (older) is left out,
 * so that the site always shows the most recent images and the oldest go first. Pure: sizes are asked
 * from the caller, only for a hash seen for the first time.
 */
export interface BudgetSummary {
  limitBytes: number;
  published: { files: number; bytes: number };
  leftOut: { files: number; bytes: number };
  /** Capture time of the newest capture whose file was left out: everything older is left out too. */
  leftOutFrom: string | null;
}

export class ImageBudget {
  private readonly decided = new Map<string, boolean>();
  private full = false;
  readonly summary: BudgetSummary;

  constructor(limitBytes: number) {
    this.summary = { limitBytes, published: { files: 0, bytes: 0 }, leftOut: { files: 0, bytes: 0 }, leftOutFrom: null };
  }

  /** Whether the file `key` (kind + hash) is published; `isNew` says that it was decided just now. */
  admit(key: string, capturedAt: string, size: () => number): { published: boolean; isNew: boolean } {
    const known = this.decided.get(key);
    if (known !== undefined) return { published: known, isNew: false };
    const bytes = size();
    const { summary } = this;
    const published = !this.full && summary.published.bytes + bytes <= summary.limitBytes;
    if (published) {
      summary.published.files++;
      summary.published.bytes += bytes;
    } else {
      this.full = true;
      summary.leftOut.files++;
      summary.leftOut.bytes += bytes;
      summary.leftOutFrom ??= capturedAt;
    }
    this.decided.set(key, published);
    return { published, isNew: true };
  }
}
