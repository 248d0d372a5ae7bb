/**
 * One attempt at one motif: a fresh browser context (empty profile, no cookies), the walk through the
 * booking pages, a snapshot of the final page and its full-page screenshot. A timeout or a network
 * failure is the site's doing: the page is still captured and judged. Anything else (browser crash,
 * a bug of ours) is not the site's: the attempt is reported as not captured, never as an outcome.
 */
import { errors, type Browser, type CDPSession, type Page } from 'playwright';
import { classify, type Classification, type PageSnapshot } from '../outcome/classify.ts';
import type { Step } from '../evidence/record.ts';
import { outcomeTextsOf, startUrl as startOf, type Motif } from '../target/schema.ts';
import { serverIdentity, type ServerIdentity } from '../evidence/server.ts';
import { bounded, PageHang, PROBE_MS, SHOT_MS, silenceScripts, watchRenderer } from './deadline.ts';
import { recordDialogs } from './dialogs.ts';
import { openEntry } from './entry.ts';
import { maskChangingParts } from './mask.ts';
import { walkLegacyBooking } from './legacy-booking.ts';
import { walkRdvPrefecture } from './rdv-prefecture.ts';
import { openSession, type Session } from './session.ts';
import { watchTimers } from './settle.ts';
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

/** Longest wait for closing the context once the walk is over. */
const CLOSE_MS = 15_000;

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
      steps: Step[];
      png: Buffer;
      startUrl: string;
      /** The page's real height when the image was cut at MAX_PAGE_HEIGHT, null when whole. */
      cutFromHeight: number | null;
      /** The context did not close in time: the browser may be stuck and should be restarted. */
      browserStuck?: boolean;
      /** Selectors of what was masked before the screenshot (captcha walls only, mask.ts). */
      masked?: string[];
    }
  | { kind: 'not-captured'; startedAt: string; reason: string; browserStuck?: boolean };

/** One line, without Playwright's call log, for logs and records. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').trim().slice(0, 300);
}

/** A timeout or a refused/closed connection comes from the site; null for anything else. */
function siteFailure(error: unknown, lastStep: string, options: AttemptOptions): string | null {
  if (error instanceof PageHang) return `${error.message} après l'étape ${lastStep}`;
  if (error instanceof errors.TimeoutError) {
    return Date.now() >= options.deadline
      ? `temps maximal du motif dépassé après l'étape ${lastStep}`
      : `délai dépassé (${Math.round(options.timeoutMs / 1000)} s) après l'étape ${lastStep}`;
  }
  const message = oneLine(error);
  // A « page » that is a file: Chromium downloads it and Playwright's navigation fails with this message.
  if (/Download is starting/.test(message))
    return `un fichier à télécharger au lieu d'une page après l'étape ${lastStep}`;
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

/** Whether the page's renderer still answers; a CDP call, so it works with the page's scripts stopped. */
async function answers(cdp: CDPSession): Promise<boolean> {
  return bounded(cdp.send('Runtime.evaluate', { expression: '0' }), PROBE_MS, 'page')
    .then(() => true)
    .catch((error: unknown) => !(error instanceof PageHang));
}

export async function attempt(browser: Browser, motif: Motif, options: AttemptOptions): Promise<AttemptResult> {
  const startedAt = new Date().toISOString();
  const startUrl = options.siteUrl(startOf(motif.entry));
  let context;
  try {
    context = await bounded(browser.newContext(CONTEXT_OPTIONS), CLOSE_MS, 'navigateur');
  } catch (error) {
    return {
      kind: 'not-captured',
      startedAt,
      reason: `navigateur indisponible : ${oneLine(error)}`,
      browserStuck: error instanceof PageHang,
    };
  }
  let result: AttemptResult;
  try {
    const page = await context.newPage();
    // Opened now: once the page hangs, opening a CDP session would wait for the stuck renderer too.
    const cdp = await context.newCDPSession(page);
    // A popup is not the page the walk is on: closed at once, it costs nothing. A download is cancelled.
    // Dialogs are answered as a person would, and their words kept: they are part of what was seen.
    const dialogs = recordDialogs(page);
    // Before the first page: each action is then followed by the wait for what it set off (settle.ts).
    await watchTimers(page);
    page.on('popup', (popup) => void popup.close().catch(() => undefined));
    page.on('download', (download) => void download.cancel().catch(() => undefined));
    const session = openSession(page, options.siteUrl, options);
    if (options.solveCaptcha) session.solveCaptcha = options.solveCaptcha;
    if (options.onStep) session.onStep = options.onStep;
    session.dialogs = dialogs;
    if (options.keepTrace) await context.tracing.start({ screenshots: true, snapshots: true });
    let failure: string | null = null;
    let stopReason: string | null = null;
    const lastStep = () => session.steps.at(-1)?.name ?? 'open';
    try {
      // Playwright's timeouts bound navigations and waits, not evaluations: the watch and the motif's deadline do.
      stopReason = await watchRenderer(
        cdp,
        options.timeoutMs,
        bounded(walk(session, motif), Math.max(1, options.deadline - Date.now()), 'temps maximal du motif dépassé'),
      );
    } catch (error) {
      failure = siteFailure(error, lastStep(), options);
      if (failure === null) throw error;
      // A navigation still pending (the site never answered) would make every later look at the page
      // wait for it forever: stop it, as a person presses Échap, and capture what the window shows.
      // A script that never yields is stopped too, so that the page can still be read and photographed.
      await silenceScripts(cdp);
    }
    // The page as a person sees it, images included: the drivers go on as soon as a page's DOM is there,
    // and on a slow site its images come a round trip later. One that never comes is left out, as in a window.
    if (failure === null)
      await bounded(
        page.waitForLoadState('load', {
          timeout: Math.max(1, Math.min(IMAGES_WAIT_MS, options.deadline - Date.now())),
        }),
        IMAGES_WAIT_MS + 5000,
        'chargement des images',
      ).catch(() => undefined);
    // A script that starts spinning once the walk is over hangs the page just the same.
    if (!(await answers(cdp))) {
      failure ??= `page figée (script sans fin) après l'étape ${lastStep()}`;
      await silenceScripts(cdp);
    }
    const last = session.lastResponse();
    // What the page shows, read then photographed. A script may start spinning only now (a timer after load,
    // on a loaded machine after the check above): the look is watched like the walk, and made again once the
    // scripts are stopped, rather than left to wait for the screenshot's minute and lose the capture.
    const look = async (failure: string | null) => {
      const seen = await snapshot(page, last, failure, stopReason, dialogs);
      // A page that never arrived still shows about:blank: name the address that was being opened.
      if (seen.url === 'about:blank') seen.url = startUrl;
      const verdict = classify(seen, outcomeTextsOf(motif));
      // A page that hangs is captured unmasked rather than not at all; the record then says nothing was masked.
      const masked =
        verdict.outcome === 'captcha'
          ? await bounded(maskChangingParts(page, motif.platform), SHOT_MS, 'masque').catch(() => [])
          : [];
      const capturedAt = new Date().toISOString();
      return { seen, verdict, masked, capturedAt, ...(await screenshotPage(page, cdp)) };
    };
    let looked;
    try {
      looked = await watchRenderer(cdp, options.timeoutMs, look(failure));
    } catch (error) {
      if (!(error instanceof PageHang)) throw error;
      failure ??= `page figée (script sans fin) après l'étape ${lastStep()}`;
      await silenceScripts(cdp);
      looked = await look(failure);
    }
    const { seen, verdict, masked, capturedAt, png, cutFromHeight } = looked;
    // A server that holds its TLS handshake must not hold the capture: without an answer in time, « unknown ».
    const server = await bounded(serverIdentity(session.finalResponse()), SHOT_MS, 'server').catch(() => ({
      server: null,
      tls: null,
      clockOffsetMs: null,
    }));
    if (options.keepTrace) {
      const path = options.keepTrace(verdict);
      await bounded(context.tracing.stop(path ? { path } : {}), SHOT_MS, 'trace').catch(() => undefined);
    }
    result = {
      kind: 'captured',
      startedAt,
      capturedAt,
      snapshot: seen,
      verdict,
      serverDate: last.serverDate,
      server,
      steps: session.steps,
      png,
      startUrl,
      cutFromHeight,
      masked,
    };
  } catch (error) {
    // In an assisted run the person may close the window: there is no page left to capture.
    const windowClosed = context.pages().length === 0 && options.solveCaptcha !== undefined;
    result = {
      kind: 'not-captured',
      startedAt,
      reason: windowClosed ? 'fenêtre fermée par la personne' : oneLine(error),
    };
  }
  const closed = await bounded(context.close(), CLOSE_MS, 'fermeture de la page')
    .then(() => true)
    .catch(() => false);
  if (!closed) result.browserStuck = true;
  return result;
}
