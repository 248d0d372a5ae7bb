/**
 * One attempt at one motif: a fresh browser context (empty profile, no cookies), the walk through the
 * booking pages, a snapshot of the final page and its full-page screenshot. A timeout or a network
 * failure is the site's doing: the page is still captured and judged. Anything else (browser crash,
 * a bug of ours) is not the site's: the attempt is reported as not captured, never as an outcome.
 */
import { errors, type Browser, type Page } from 'playwright';
import { classify, type Classification, type PageSnapshot } from '../outcome/classify.ts';
import type { Step } from '../evidence/record.ts';
import { outcomeTextsOf, startUrl as startOf, type Motif } from '../target/schema.ts';
import { finalPageEvidence, type ServerIdentity } from '../evidence/server.ts';
import { openEntry } from './entry.ts';
import { walkLegacyBooking } from './legacy-booking.ts';
import { walkRdvPrefecture } from './rdv-prefecture.ts';
import { openSession, type Session } from './session.ts';
import { screenshotPage, snapshot } from './snapshot.ts';
import { walkSteps } from './steps.ts';

export const VIEWPORT = { width: 1280, height: 800 };

/** The browser context of an attempt, and of a witness session: a fresh profile that sees Paris time in French. */
export const CONTEXT_OPTIONS = {
  viewport: VIEWPORT,
  locale: 'fr-FR',
  timezoneId: 'Europe/Paris',
  deviceScaleFactor: 1,
} as const;

/** Longest wait for the final page's images and styles before the screenshot. */
const IMAGES_WAIT_MS = 30_000;

export interface AttemptOptions {
  /** Longest wait for one page, in ms. */
  timeoutMs: number;
  /** When the motif's time budget runs out (epoch ms). */
  deadline: number;
  siteUrl: (realUrl: string) => string;
  solveCaptcha?: (page: Page) => Promise<boolean>;
  /** Watches each step as it ends, e.g. to screenshot it (dry run). */
  onStep?: (step: Step, page: Page) => Promise<void>;
  /** Records a Playwright trace, kept at the path this returns for the final page, or dropped on null (dry run). */
  keepTrace?: (verdict: Classification) => string | null;
}

export type AttemptResult =
  | {
      kind: 'captured';
      startedAt: string;
      capturedAt: string;
      snapshot: PageSnapshot;
      /** What the final page says, judged once here with the motif's texts. */
      verdict: Classification;
      serverDate: string | null;
      /** Address, certificate and clock of the server that sent the final page. */
      server: ServerIdentity;
      /** The page's visible text as the browser renders it (innerText). */
      text: string;
      steps: Step[];
      png: Buffer;
      startUrl: string;
    }
  | { kind: 'not-captured'; startedAt: string; reason: string };

/** One line, without Playwright's call log, for logs and records. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').trim().slice(0, 300);
}

/** A timeout or a refused/closed connection comes from the site; null for anything else. */
function siteFailure(error: unknown, lastStep: string, options: AttemptOptions): string | null {
  if (error instanceof errors.TimeoutError) {
    return Date.now() >= options.deadline
      ? `temps maximal du motif dépassé après l'étape ${lastStep}`
      : `délai dépassé (${Math.round(options.timeoutMs / 1000)} s) après l'étape ${lastStep}`;
  }
  const message = oneLine(error);
  const network = /net::ERR_[A-Z_]+/.exec(message);
  return network ? `échec de connexion (${network[0]}) après l'étape ${lastStep}` : null;
}

async function walk(session: Session, motif: Motif): Promise<string | null> {
  const problem = await openEntry(session, motif);
  if (problem) return problem;
  switch (motif.platform) {
    case 'legacy-booking':
      return walkLegacyBooking(session, motif);
    case 'rdv-prefecture':
      return walkRdvPrefecture(session);
    case 'steps':
      return walkSteps(session, motif);
  }
}

export async function attempt(browser: Browser, motif: Motif, options: AttemptOptions): Promise<AttemptResult> {
  const startedAt = new Date().toISOString();
  const startUrl = options.siteUrl(startOf(motif.entry));
  let context;
  try {
    context = await browser.newContext(CONTEXT_OPTIONS);
  } catch (error) {
    return { kind: 'not-captured', startedAt, reason: `navigateur indisponible : ${oneLine(error)}` };
  }
  try {
    const page = await context.newPage();
    const session = openSession(page, options.siteUrl, options);
    if (options.solveCaptcha) session.solveCaptcha = options.solveCaptcha;
    if (options.onStep) session.onStep = options.onStep;
    if (options.keepTrace) await context.tracing.start({ screenshots: true, snapshots: true });
    let failure: string | null = null;
    let stopReason: string | null = null;
    try {
      stopReason = await walk(session, motif);
    } catch (error) {
      failure = siteFailure(error, session.steps.at(-1)?.name ?? 'open', options);
      if (failure === null) throw error;
      // A navigation still pending (the site never answered) would make every later look at the page
      // wait for it forever: stop it, as a person presses Échap, and capture what the window shows.
      await context
        .newCDPSession(page)
        .then((cdp) => cdp.send('Page.stopLoading'))
        .catch(() => undefined);
    }
    // The page as a person sees it, images included: the drivers go on as soon as a page's DOM is there,
    // and on a slow site its images come a round trip later. One that never comes is left out, as in a window.
    if (failure === null)
      await page
        .waitForLoadState('load', { timeout: Math.max(1, Math.min(IMAGES_WAIT_MS, options.deadline - Date.now())) })
        .catch(() => undefined);
    const last = session.lastResponse();
    const seen = await snapshot(page, last, failure, stopReason);
    // A page that never arrived still shows about:blank: name the address that was being opened.
    if (seen.url === 'about:blank') seen.url = startUrl;
    const { server, text } = await finalPageEvidence(page, session.finalResponse());
    const verdict = classify(seen, outcomeTextsOf(motif));
    const capturedAt = new Date().toISOString();
    const png = await screenshotPage(page);
    if (options.keepTrace) {
      const path = options.keepTrace(verdict);
      await context.tracing.stop(path ? { path } : {});
    }
    return {
      kind: 'captured',
      startedAt,
      capturedAt,
      snapshot: seen,
      verdict,
      serverDate: last.serverDate,
      server,
      text,
      steps: session.steps,
      png,
      startUrl,
    };
  } catch (error) {
    // In an assisted run the person may close the window: there is no page left to capture.
    const closed = context.pages().length === 0 && options.solveCaptcha !== undefined;
    return { kind: 'not-captured', startedAt, reason: closed ? 'fenêtre fermée par la personne' : oneLine(error) };
  } finally {
    await context.close().catch(() => undefined);
  }
}
