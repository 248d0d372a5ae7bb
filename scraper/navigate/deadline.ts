/**
 * Hard deadlines for what Playwright's own timeouts do not cover: `page.evaluate`, a screenshot of a page
 * whose script never yields, closing a context whose renderer is stuck. Playwright's calls then wait for
 * ever; racing them against a timer is the only bound that holds whatever the page does.
 */
import type { CDPSession } from 'playwright';

/** Longest wait for a screenshot (or a trace) of the final page, and for a trivial call to the page. */
export const SHOT_MS = 60_000;
export const PROBE_MS = 10_000;

/** The page (or the browser) stopped answering: its script never yields, or its process is stuck. */
export class PageHang extends Error {
  constructor(what: string, ms: number) {
    super(`${what} : aucune réponse en ${Math.round(ms / 1000)} s`);
    this.name = 'PageHang';
  }
}

/** `work`, or a PageHang once `ms` have passed; the late result of `work` is dropped (never an unhandled rejection). */
export function bounded<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PageHang(what, ms)), Math.max(1, ms));
  });
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Watches a page's main thread while `work` runs: a renderer that does not answer a trivial evaluation for
 * `silenceMs` (a `while (true) {}` after load) ends the wait with a PageHang, whatever call was waiting on it.
 * The CDP session must have been opened before the page could hang: opening one needs the renderer.
 */
export async function watchRenderer<T>(cdp: CDPSession, silenceMs: number, work: Promise<T>): Promise<T> {
  let stop = false;
  const watch = (async (): Promise<never> => {
    while (!stop) {
      await new Promise((done) => setTimeout(done, Math.min(1000, silenceMs)));
      if (stop) break;
      // A navigation may destroy the evaluated context: any answer, even an error, says the renderer is alive.
      await bounded(
        cdp.send('Runtime.evaluate', { expression: '0' }).catch(() => undefined),
        silenceMs,
        'page figée (script sans fin)',
      );
    }
    return new Promise<never>(() => undefined);
  })();
  work.catch(() => undefined);
  watch.catch(() => undefined);
  try {
    return await Promise.race([work, watch]);
  } finally {
    stop = true;
  }
}

/** Stops the page's scripts so that it can still be read and photographed: the current one, and any to come. */
export async function silenceScripts(cdp: CDPSession): Promise<void> {
  await bounded(
    Promise.all([
      cdp.send('Runtime.terminateExecution').catch(() => undefined),
      cdp.send('Emulation.setScriptExecutionDisabled', { value: true }).catch(() => undefined),
      cdp.send('Page.stopLoading').catch(() => undefined),
    ]),
    5000,
    'arrêt des scripts de la page',
  ).catch(() => undefined);
}
