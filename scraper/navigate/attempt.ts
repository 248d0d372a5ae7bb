/**
 * One attempt at one motif: a fresh browser context (empty profile, no cookies), then its phases (phases.ts):
 * the walk through the booking pages, the final page settled, read and judged, photographed full page, its
 * server identified. A walk cut short by a timeout, a hang or a network error is still captured and judged,
 * with the side it failed on (failure.ts): the site's, or the robot's when the site could not be reached at
 * all. Anything else (browser crash, a bug of ours) is not the site's: the attempt is reported as not
 * captured, never as an outcome.
 */
import type { Browser, BrowserContext, Page } from 'playwright';
import type { Classification } from '../outcome/classify.ts';
import type { PageSnapshot } from '../outcome/page.ts';
import type { Step } from '../evidence/record.ts';
import { startUrl as startOf, type Motif } from '../target/schema.ts';
import type { ServerIdentity } from '../evidence/server.ts';
import { bounded, PageHang, SHOT_MS } from './deadline.ts';
import { oneLine } from './failure.ts';
import { PHASE_NAMES, runPhases, type Attempting } from './phases.ts';
import { recordDialogs } from './dialogs.ts';
import { openSession } from './session.ts';
import { watchTimers } from './settle.ts';

export { oneLine };

export const VIEWPORT = { width: 1280, height: 800 };

/** The browser context of an attempt, and of a witness session: a fresh profile that sees Paris time in French. */
export const CONTEXT_OPTIONS = {
  viewport: VIEWPORT,
  locale: 'fr-FR',
  timezoneId: 'Europe/Paris',
  deviceScaleFactor: 1,
} as const;

/** Longest wait for opening the context and its page, and for closing it once the attempt is over. */
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
  /** Follows the attempt phase by phase (`ÉTAPE [i/n] : nom`). */
  log?: (line: string) => void;
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

/** Opens the attempt's page, with its CDP session and its session of steps, in a fresh context. */
async function open(context: BrowserContext, motif: Motif, options: AttemptOptions): Promise<Attempting> {
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
  return {
    motif,
    limits: { timeoutMs: options.timeoutMs, deadline: options.deadline },
    startUrl: options.siteUrl(startOf(motif.entry)),
    page,
    cdp,
    session,
    failure: null,
    failedAt: null,
    stopReason: null,
    looked: null,
    photo: null,
    server: { server: null, tls: null, clockOffsetMs: null },
  };
}

export async function attempt(browser: Browser, motif: Motif, options: AttemptOptions): Promise<AttemptResult> {
  const startedAt = new Date().toISOString();
  const log = options.log ?? (() => undefined);
  log(`ÉTAPE [1/${PHASE_NAMES.length}] : ${PHASE_NAMES[0]}`);
  let context: BrowserContext;
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
    const a = await bounded(open(context, motif, options), CLOSE_MS, 'navigateur');
    await runPhases(a, log);
    const { looked, photo } = a;
    if (!looked || !photo) throw new Error('page ni lue ni photographiée');
    if (options.keepTrace) {
      const path = options.keepTrace(looked.verdict);
      await bounded(context.tracing.stop(path ? { path } : {}), SHOT_MS, 'trace').catch(() => undefined);
    }
    result = {
      kind: 'captured',
      startedAt,
      capturedAt: photo.capturedAt,
      snapshot: looked.seen,
      verdict: looked.verdict,
      serverDate: looked.last.serverDate,
      server: a.server,
      steps: a.session.steps,
      png: photo.png,
      startUrl: a.startUrl,
      cutFromHeight: photo.cutFromHeight,
      masked: photo.masked,
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
