/** What the listing pages know about the build besides the index. */
import type { BudgetSummary } from '../model/budget.ts';
import type { SiteContext } from './layout.ts';
import type { Freshness } from './status.ts';

export interface BuildInfo extends SiteContext {
  /** The listing pages say when the site was built (capture pages do not: layout.ts). */
  generatedAt: string;
  freshness: Freshness;
  /** What the size budget (--budget-mb) published of the captures' detail, and what it left out. */
  budget: BudgetSummary;
  /** Whether the national observatory is published with the site, under `france/` (--observatory). */
  observatory: boolean;
}
