/**
 * What the size budget (--budget-mb) decided, as the pages and the command report it: per kind of file,
 * what was published and what was left out. The budget itself is `site/pipeline/budget.ts`.
 */
export const BUDGET_KINDS = ['page', 'image', 'thumbnail'] as const;
export type BudgetKind = (typeof BUDGET_KINDS)[number];

/** What the budget kept on the site for one capture. */
export type Published = Record<BudgetKind, boolean>;

export interface Tally {
  files: number;
  bytes: number;
}

export interface LeftOut {
  /** Their size is never computed: a page left out is not even rendered. */
  files: number;
  /** Capture time of the newest capture whose file of this kind was left out: those of older ones are too. */
  from: string | null;
}

export interface BudgetSummary {
  limitBytes: number;
  published: Record<BudgetKind, Tally>;
  leftOut: Record<BudgetKind, LeftOut>;
}

/** Bytes published, all kinds together. */
export const publishedBytes = (summary: BudgetSummary) =>
  BUDGET_KINDS.reduce((n, k) => n + summary.published[k].bytes, 0);
