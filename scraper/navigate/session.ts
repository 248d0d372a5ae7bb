/**
 * What a driver works with: the page, and a `step` helper that times each named step and notes the
 * URL and HTTP status it ended on. After each action it waits like a person for what the action set off
 * (settle.ts), within the step's time, so that no driver reads or acts on the page before. Also follows
 * main-frame responses, whose status and `Date` header (the préfecture's clock) go into the record.
 */
import type { Page, Response } from 'playwright';
import type { Step } from '../evidence/record.ts';
import type { PageDialog } from '../outcome/page.ts';
import { settle, watchActivity } from './settle.ts';

export interface Session {
  page: Page;
  /** Runs one named step of the walk, then waits for the page to settle; its duration and end state go into the record. */
  step<T>(name: string, action: () => Promise<T>): Promise<T>;
  /** Real URL → URL actually visited (the replica in tests). */
  siteUrl(realUrl: string): string;
  /** Called when a captcha stands before the final page; resolves true once a person solved it. */
  solveCaptcha?: (page: Page) => Promise<boolean>;
  /** Watches each step as it ends (dry-run screenshots, discovery); unset in normal runs, so it costs nothing. */
  onStep?: (step: Step, page: Page) => Promise<void>;
  readonly steps: Step[];
  /** The page's dialogs so far, when the attempt keeps them (navigate/dialogs.ts): a site may answer in one. */
  dialogs?: readonly PageDialog[];
  lastResponse(): { status: number | null; serverDate: string | null };
  /** The last main-frame response itself: its server address and certificate go into the record. */
  finalResponse(): Response | null;
}

/**
 * `timeoutMs` bounds each step; `deadline` (epoch ms) bounds the whole attempt: every step gets what is
 * left of the motif's budget at most, so no sequence of slow pages can outlast it.
 */
export function openSession(
  page: Page,
  rewrite: (url: string) => string,
  limits: { timeoutMs: number; deadline: number },
  now: () => number = Date.now,
): Session {
  let last: Response | null = null;
  page.on('response', (response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) last = response;
  });
  const activity = watchActivity(page);
  const steps: Step[] = [];
  const session: Session = {
    page,
    steps,
    siteUrl: rewrite,
    async step(name, action) {
      const start = now();
      const timeout = Math.max(1, Math.min(limits.timeoutMs, limits.deadline - start));
      page.setDefaultTimeout(timeout);
      page.setDefaultNavigationTimeout(timeout);
      try {
        const done = await action();
        await settle(page, activity, start + timeout - now());
        return done;
      } finally {
        const done: Step = {
          name,
          url: page.url(),
          status: last?.status() ?? null,
          durationMs: Math.max(0, Math.round(now() - start)),
        };
        steps.push(done);
        // A watcher's failure (a screenshot of a closing page…) must not change the walk.
        await session.onStep?.(done, page).catch(() => undefined);
      }
    },
    lastResponse: () => ({ status: last?.status() ?? null, serverDate: last?.headers()['date'] ?? null }),
    finalResponse: () => last,
  };
  return session;
}
