/**
 * Waiting after an action the way a person does before the next one: a click may start a navigation a moment
 * later (a script's timer, an XHR first), and a page may fill itself in after it arrived. The page is settled once
 * nothing it set off is still coming — no document, script, XHR or fetch under way, no short timer of its scripts
 * pending — and it has rested REST_MS: no request started or ended, no navigation, the same visible text. A page
 * that keeps polling settles between two polls: a timer that re-arms itself (the same function again) or an
 * interval is a loop, not an answer coming. Bounded by SETTLE_MAX_MS and the step's time: a page that never rests
 * is read as it stands then, never as a failure (the step itself decides that).
 */
import type { Page, Request } from 'playwright';

/** How long a settled page has been at rest: one request's answer leads to the next within this. */
export const REST_MS = 200;

/** Longest settling after one action, within the step's time. */
export const SETTLE_MAX_MS = 5000;

const POLL_MS = 100;

/**
 * What a page waits for before it shows its answer. Images, fonts, media and open channels (EventSource,
 * WebSocket) are left out: they never change what the page says, and a live channel never ends.
 */
const AWAITED = new Set(['document', 'script', 'xhr', 'fetch']);

/** Timers longer than this are not an answer about to come (a session warning, a carousel). */
const SHORT_TIMER_MS = 3000;

/**
 * Counts the page's pending one-shot timers, given as text (no loader helpers in the page). A function that already
 * ran once is a loop re-arming itself: not counted again. The page's timers behave exactly as before.
 */
const TIMERS = `(() => {
  const pending = new Set();
  const ran = new WeakSet();
  const set = window.setTimeout;
  const clear = window.clearTimeout;
  window.setTimeout = function (handler, delay, ...rest) {
    if (typeof handler !== 'function') return set.call(window, handler, delay, ...rest);
    let id;
    const counted = !ran.has(handler) && (Number(delay) || 0) <= ${SHORT_TIMER_MS};
    id = set.call(window, function () {
      pending.delete(id);
      ran.add(handler);
      return handler.apply(this, arguments);
    }, delay, ...rest);
    if (counted) pending.add(id);
    return id;
  };
  window.clearTimeout = function (id) {
    pending.delete(id);
    return clear.call(window, id);
  };
  Object.defineProperty(window, '__stpPendingTimers', { get: () => pending.size });
})()`;

/** Lets `settle` see the page's short timers, in every document the page opens from now on. */
export async function watchTimers(page: Page): Promise<void> {
  await page.addInitScript(TIMERS);
}

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

/** What a person would notice changing, and the timers still to fire; null while the page navigates. */
async function look(page: Page): Promise<{ seen: string; timers: number } | null> {
  return page
    .evaluate(() => ({
      seen: `${document.readyState}\n${document.body?.innerText ?? ''}`,
      timers: Number((window as unknown as { __stpPendingTimers?: number }).__stpPendingTimers ?? 0),
    }))
    .catch(() => null);
}

/** Waits, at most `budgetMs`, until the page has settled after an action (see above). */
export async function settle(page: Page, activity: Activity, budgetMs: number): Promise<void> {
  const start = Date.now();
  const end = start + Math.min(SETTLE_MAX_MS, budgetMs);
  let before = await look(page);
  let changed = start;
  while (Date.now() + POLL_MS < end) {
    await new Promise((done) => setTimeout(done, POLL_MS));
    const now = Date.now();
    const current = await look(page);
    if (current === null || current.seen !== before?.seen) changed = now;
    before = current;
    if (current === null || current.seen.startsWith('loading') || current.timers > 0 || activity.busy()) continue;
    if (now - Math.max(changed, activity.lastChange()) >= REST_MS) return;
  }
}
