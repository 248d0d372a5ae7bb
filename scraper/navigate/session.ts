/**
 * What a driver works with: the page, and a `step` helper that times each named step and notes the
 * URL and HTTP status it ended on. Also follows main-frame responses, whose status and `Date`
 * header (the préfecture's clock) go into the record.
 */
import type { Page, Response } from 'playwright';
import type { Step } from '../evidence/record.ts';

export interface Session {
  page: Page;
  /** Runs one named step of the walk; its duration and end state go into the record. */
  step<T>(name: string, action: () => Promise<T>): Promise<T>;
  /** Real URL → URL actually visited (the replica in tests). */
  siteUrl(realUrl: string): string;
  /** Called when a captcha stands before the final page; resolves true once a person solved it. */
  solveCaptcha?: (page: Page) => Promise<boolean>;
  readonly steps: Step[];
  lastResponse(): { status: number | null; serverDate: string | null };
}

export function openSession(page: Page, rewrite: (url: string) => string, now: () => number = Date.now): Session {
  let last: Response | null = null;
  page.on('response', (response) => {
    if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) last = response;
  });
  const steps: Step[] = [];
  return {
    page,
    steps,
    siteUrl: rewrite,
    async step(name, action) {
      const start = now();
      try {
        return await action();
      } finally {
        steps.push({ name, url: page.url(), status: last?.status() ?? null, durationMs: Math.max(0, Math.round(now() - start)) });
      }
    },
    lastResponse: () => ({ status: last?.status() ?? null, serverDate: last?.headers()['date'] ?? null }),
  };
}
