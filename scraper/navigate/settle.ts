/**
 * Waiting after an action the way a person does before the next one: a click may start a navigation a moment
 * later (a script, an XHR first), and a page may fill itself in after it arrived. The page is settled once
 * nothing it asked for is still coming (documents, scripts, XHR and fetch) and its visible text has stayed the
 * same for QUIET_MS; a page that keeps polling settles between two polls. Bounded by the step's time: a page
 * that never rests is read as it stands then (never a failure: the step itself decides that).
 */
import type { Page, Request } from 'playwright';

/** How long a page must rest to be settled: Playwright's own « network idle » uses 500 ms too. */
export const QUIET_MS = 500;

/** Longest settling after one action, within the step's time. */
export const SETTLE_MAX_MS = 5000;

const POLL_MS = 100;

/**
 * What a page waits for before it shows its answer. Images, fonts, media and open channels (EventSource,
 * WebSocket) are left out: they never change what the page says, and a live channel never ends.
 */
const AWAITED = new Set(['document', 'script', 'xhr', 'fetch']);

export interface Activity {
  /** Whether a request the page awaits is still under way. */
  busy(): boolean;
  /** When a request last started or ended, or the main frame last navigated (epoch ms). */
  lastChange(): number;
}

/** Follows the page's requests from now on. */
export function watchActivity(page: Page, now: () => number = Date.now): Activity {
  const pending = new Set<Request>();
  let last = now();
  page.on('request', (request) => {
    if (!AWAITED.has(request.resourceType())) return;
    pending.add(request);
    last = now();
  });
  const ended = (request: Request) => {
    if (pending.delete(request)) last = now();
  };
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) last = now();
  });
  return { busy: () => pending.size > 0, lastChange: () => last };
}

/** What a person would notice changing: the document loading, and the visible text. Null while navigating. */
async function look(page: Page): Promise<string | null> {
  return page.evaluate(() => `${document.readyState}\n${document.body?.innerText ?? ''}`).catch(() => null);
}

/** Waits, at most `budgetMs`, until the page has settled after an action (see above). */
export async function settle(page: Page, activity: Activity, budgetMs: number): Promise<void> {
  const start = Date.now();
  const end = start + Math.min(SETTLE_MAX_MS, budgetMs);
  let seen = await look(page);
  let changed = start;
  while (Date.now() + POLL_MS < end) {
    await new Promise((done) => setTimeout(done, POLL_MS));
    const now = Date.now();
    const current = await look(page);
    if (current === null || current !== seen) changed = now;
    seen = current;
    const quiet = now - Math.max(changed, activity.lastChange());
    if (current !== null && !current.startsWith('loading') && !activity.busy() && quiet >= QUIET_MS) return;
  }
}
