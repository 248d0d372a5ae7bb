/** What the listing pages know about the build besides the index. */
import type { BudgetSummary } from '../pipeline/budget.ts';
import type { SiteContext } from './layout.ts';
import type { Freshness } from './status.ts';

export interface BuildInfo extends SiteContext {
  freshness: Freshness;
  images: BudgetSummary;
}
