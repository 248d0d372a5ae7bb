/**
 * The phases of an attempt once its page is open, run in order by one loop: walk, settle, look, photograph,
 * identify the server. Each is bounded the same way — the renderer's watch (a script that never yields) and a
 * deadline of its own — and what its failure means is said once, beside it. Why the walk stopped short is
 * decided in one place, `stop`: the first cause is kept, and the page's scripts are stopped so that it can
 * still be read and photographed. A page that hangs once the look is made is looked at again, scripts stopped,
 * so that what it says is judged with the hang.
 */
import type { CDPSession, Page } from 'playwright';
import { classify, type Classification } from '../outcome/classify.ts';
import type { NavigationFailure, PageSnapshot } from '../outcome/page.ts';
import { serverIdentity, type ServerIdentity } from '../evidence/server.ts';
import { outcomeTextsOf, type Motif } from '../target/schema.ts';
import { bounded, PageHang, PROBE_MS, SHOT_MS, silenceScripts, watchRenderer } from './deadline.ts';
import { openEntry } from './entry.ts';
import { failedUrl, navigationFailure } from './failure.ts';
import { walkLegacyBooking } from './legacy-booking.ts';
import { maskChangingParts } from './mask.ts';
import { walkRdvPrefecture } from './rdv-prefecture.ts';
import type { Session } from './session.ts';
import { READ_MS, screenshotPage, snapshot } from './snapshot.ts';
import { walkSteps } from './steps.ts';

/** Longest wait for the final page's images and styles before the screenshot. */
const IMAGES_WAIT_MS = 30_000;

/** What the phases of one attempt share: the open page, then what each phase found. */
export interface Attempting {
  readonly motif: Motif;
  readonly limits: { timeoutMs: number; deadline: number };
  readonly startUrl: string;
  readonly page: Page;
  /** Opened with the page: once it hangs, opening a CDP session would wait for the stuck renderer too. */
  readonly cdp: CDPSession;
  readonly session: Session;
  /** Why the walk stopped short, set by `stop` only. */
  failure: NavigationFailure | null;
  /** The address being opened when the walk failed, as the browser named it. */
  failedAt: string | null;
  /** Why the driver stopped on a page it knows but cannot go past. */
  stopReason: string | null;
  looked: { seen: PageSnapshot; verdict: Classification; last: ReturnType<Session['lastResponse']> } | null;
  photo: { png: Buffer; cutFromHeight: number | null; capturedAt: string; masked: string[] } | null;
  server: ServerIdentity;
}

/** After a failed phase: go on with the next, or look at the page again (it hung once the look was made). */
type Next = 'next' | 'look-again';

interface Phase {
  /** Its name in the log. */
  name: string;
  /** Its own deadline, in ms, and what a PageHang at that deadline says. */
  bound(a: Attempting): { ms: number; what: string };
  run(a: Attempting): Promise<void>;
  /** What its error means; throwing abandons the attempt (not captured). */
  failed(error: unknown, a: Attempting): Promise<Next>;
}

const lastStep = (a: Attempting) => a.session.steps.at(-1)?.name ?? 'open';

/** The one place that decides why the walk stopped short: the first cause is kept. */
async function stop(a: Attempting, failure: NavigationFailure): Promise<void> {
  a.failure ??= failure;
  await silenceScripts(a.cdp);
}

const hang = (a: Attempting): NavigationFailure => ({
  side: 'site',
  text: `page figée (script sans fin) après l'étape ${lastStep(a)}`,
});

/** A hang while reading or photographing the page: the look is made again, scripts stopped; anything else is ours. */
async function hungOrOurs(error: unknown, a: Attempting): Promise<Next> {
  if (!(error instanceof PageHang)) throw error;
  await stop(a, hang(a));
  return 'look-again';
}

/** Whether the page's renderer still answers; a CDP call, so it works with the page's scripts stopped. */
async function answers(cdp: CDPSession): Promise<boolean> {
  return bounded(cdp.send('Runtime.evaluate', { expression: '0' }), PROBE_MS, 'page')
    .then(() => true)
    .catch((error: unknown) => !(error instanceof PageHang));
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

const PHASES: Phase[] = [
  {
    name: 'parcours des pages',
    // Playwright's timeouts bound navigations and waits, not evaluations: the watch and the motif's deadline do.
    bound: (a) => ({ ms: Math.max(1, a.limits.deadline - Date.now()), what: 'temps maximal du motif dépassé' }),
    async run(a) {
      a.stopReason = await walk(a.session, a.motif);
    },
    // A timeout, a hang or a network error is captured and judged; anything else is not the site's.
    async failed(error, a) {
      const failure = navigationFailure(error, lastStep(a), a.limits);
      if (failure === null) throw error;
      a.failedAt = failedUrl(error);
      // A navigation still pending (the site never answered) would make every later look at the page wait
      // for it: stopped, as a person presses Échap, and what the window shows is captured.
      await stop(a, failure);
      return 'next';
    },
  },
  {
    // The page as a person sees it, images included: the drivers go on as soon as a page's DOM is there,
    // and on a slow site its images come a round trip later. One that never comes is left out, as in a window.
    name: 'chargement des images',
    bound: () => ({ ms: IMAGES_WAIT_MS + PROBE_MS + 10_000, what: 'chargement des images' }),
    async run(a) {
      if (a.failure === null) {
        const timeout = Math.max(1, Math.min(IMAGES_WAIT_MS, a.limits.deadline - Date.now()));
        await bounded(a.page.waitForLoadState('load', { timeout }), IMAGES_WAIT_MS + 5000, 'images').catch(
          () => undefined,
        );
      }
      // A script that starts spinning once the walk is over hangs the page just the same.
      if (!(await answers(a.cdp))) await stop(a, hang(a));
    },
    async failed(_error, a) {
      await stop(a, hang(a));
      return 'next';
    },
  },
  {
    name: 'lecture de la page',
    bound: () => ({ ms: READ_MS + 5000, what: 'lecture de la page' }),
    async run(a) {
      const last = a.session.lastResponse();
      const seen = await snapshot(a.page, last, a.failure, a.stopReason, a.session.dialogs);
      // A page that never arrived shows about:blank, or the browser's own error page: name the address being opened.
      if (seen.url === 'about:blank' || seen.url.startsWith('chrome-error:')) seen.url = a.failedAt ?? a.startUrl;
      a.looked = { seen, verdict: classify(seen, outcomeTextsOf(a.motif)), last };
    },
    failed: hungOrOurs,
  },
  {
    name: "capture d'écran",
    bound: () => ({ ms: 2 * SHOT_MS + PROBE_MS + 10_000, what: "capture d'écran" }),
    async run(a) {
      // A page that hangs is captured unmasked rather than not at all; the record then says nothing was masked.
      const masked =
        a.looked?.verdict.outcome === 'captcha'
          ? await bounded(maskChangingParts(a.page, a.motif.platform), SHOT_MS, 'masque').catch(() => [])
          : [];
      const capturedAt = new Date().toISOString();
      a.photo = { ...(await screenshotPage(a.page, a.cdp)), capturedAt, masked };
    },
    failed: hungOrOurs,
  },
  {
    // A server that holds its TLS handshake must not hold the capture: without an answer in time, « unknown ».
    name: 'identification du serveur',
    bound: () => ({ ms: SHOT_MS, what: 'serveur' }),
    async run(a) {
      a.server = await serverIdentity(a.session.finalResponse());
    },
    async failed() {
      return 'next';
    },
  },
];

const LOOK = PHASES.findIndex((p) => p.name === 'lecture de la page');

/** The names of every phase of an attempt, the opening included, for the log (`ÉTAPE [i/n] : nom`). */
export const PHASE_NAMES = ['ouverture', ...PHASES.map((p) => p.name)];

/**
 * Runs the phases in order. A page that hangs after the look was made is looked at and photographed again,
 * once: its scripts are stopped by then, so a second hang is a browser that no longer answers (not captured).
 */
export async function runPhases(a: Attempting, log: (line: string) => void): Promise<void> {
  let lookedAgain = false;
  for (let i = 0; i < PHASES.length; i++) {
    const phase = PHASES[i]!;
    log(`ÉTAPE [${i + 2}/${PHASE_NAMES.length}] : ${phase.name}`);
    const { ms, what } = phase.bound(a);
    try {
      await watchRenderer(a.cdp, a.limits.timeoutMs, bounded(phase.run(a), ms, what));
    } catch (error) {
      if ((await phase.failed(error, a)) !== 'look-again') continue;
      if (lookedAgain) throw error;
      lookedAgain = true;
      i = LOOK - 1;
    }
  }
}
