/** Reads the final page into the plain snapshot that classification judges (outcome/classify.ts). */
import type { CDPSession, Page } from 'playwright';
import type { NavigationFailure, PageDialog, PageSnapshot } from '../outcome/page.ts';
import { CAPTCHA_SELECTORS } from './captcha.ts';
import { NO_CHOICES, readChoices } from './choices.ts';
import { bounded, PROBE_MS, SHOT_MS } from './deadline.ts';
import { cleanLines, cleanText, TEXT_LIMITS } from '../evidence/page-text.ts';

// Free cells of the legacy week table (docs/sites/legacy.md « Étapes 3 et 4 : créneaux ») and slot radios of RDV Préfecture (docs/sites/rdv-prefecture.md « Page des créneaux »).
const FREE_CELLS = 'td.free, td.status-1';
const SLOT_RADIOS = 'input[id^="trhId_"], input[type="radio"][name="trhId"]';

type Seen = Omit<PageSnapshot, 'url' | 'status' | 'failure' | 'stopReason' | 'choices' | 'dialogs'>;

/** What a page that could not be read shows: nothing at all. */
export const NOTHING: Seen = {
  title: '',
  headings: [],
  text: '',
  captcha: [],
  freeCells: 0,
  slotRadios: 0,
  progress: [],
  firstSlotDate: null,
};

/** Longest wait for the page to be read; a page that does not answer by then is read as empty. */
export const READ_MS = 15_000;

/** `dialogs`: the native dialogs the page opened during the attempt (navigate/dialogs.ts), part of what was seen. */
export async function snapshot(
  page: Page,
  last: { status: number | null },
  failure: NavigationFailure | null,
  stopReason: string | null,
  dialogs: readonly PageDialog[] = [],
): Promise<PageSnapshot> {
  // Cut in the page already (twice the kept length, cleaning shortens): a 5 MB title never crosses the wire.
  const seen: Seen = await bounded(
    page.evaluate(
      ({ captchaSelectors, freeCells, slotRadios, limits }) => ({
        title: document.title.slice(0, limits.title * 2),
        // Only what a person sees: a hidden « Contacts » box is not a heading of the page (docs/sites/legacy.md « Étape 2 : aucun créneau »).
        headings: Array.from(document.querySelectorAll<HTMLElement>('h1, h2, h3'))
          .filter((h) => h.getClientRects().length > 0)
          .slice(0, limits.headings * 2)
          .map((h) => h.innerText.slice(0, limits.heading * 2)),
        // Lines kept: a sentence quoted in the record ends where its block ends.
        text: (document.body?.innerText ?? '').slice(0, limits.text * 2),
        captcha: captchaSelectors.filter((s) => document.querySelector(s) !== null),
        freeCells: document.querySelectorAll(freeCells).length,
        slotRadios: document.querySelectorAll(slotRadios).length,
        progress: Array.from(document.querySelectorAll<HTMLImageElement>('img[src*="etape_"]'), (img) =>
          (img.getAttribute('src') ?? '').replace(/[?#].*$/, '').replace(/^.*\//, ''),
        ),
        // The state the RDV Préfecture page embeds, in a script or an attribute (docs/sites/rdv-prefecture.md « Technologie », docs/sites/rdv-prefecture.md « Page des créneaux »).
        firstSlotDate: (() => {
          const html = document.documentElement.outerHTML.replace(/&quot;/g, '"');
          const found = /["']?datePremiereDispo["']?\s*:\s*(?:"([^"]*)"|'([^']*)'|null)/.exec(html);
          return found ? (found[1] ?? found[2] ?? '') : null;
        })(),
      }),
      { captchaSelectors: CAPTCHA_SELECTORS, freeCells: FREE_CELLS, slotRadios: SLOT_RADIOS, limits: TEXT_LIMITS },
    ),
    READ_MS,
    'lecture de la page',
  ).catch(() => NOTHING);
  // A page that could not be read once is not waited for twice.
  const choices =
    seen === NOTHING
      ? NO_CHOICES
      : await bounded(readChoices(page), READ_MS, 'lecture des choix').catch(() => NO_CHOICES);
  return {
    ...seen,
    choices,
    dialogs: [...dialogs],
    url: cleanText(page.url(), TEXT_LIMITS.url),
    status: last.status,
    title: cleanText(seen.title, TEXT_LIMITS.title),
    headings: seen.headings
      .map((h) => cleanText(h, TEXT_LIMITS.heading))
      .filter(Boolean)
      .slice(0, TEXT_LIMITS.headings),
    text: cleanLines(seen.text, TEXT_LIMITS.text),
    captcha: seen.captcha,
    failure,
    stopReason: stopReason === null ? null : cleanText(stopReason, TEXT_LIMITS.text),
  };
}

/**
 * Page images are cut at this height (CSS px): a 40,000 px page of noise makes a PNG of over 100 MB, which
 * GitHub refuses. 16,384 px is twenty screens, more than any booking page; the record keeps the real height.
 */
export const MAX_PAGE_HEIGHT = 16_384;

/** The full page, cut at MAX_PAGE_HEIGHT; the page's real height when it was cut. */
export async function screenshotPage(
  page: Page,
  cdp: CDPSession,
): Promise<{ png: Buffer; cutFromHeight: number | null }> {
  const metrics = await bounded(cdp.send('Page.getLayoutMetrics'), PROBE_MS, 'mesure de la page').catch(() => null);
  const height = Math.ceil(metrics?.cssContentSize.height ?? 0);
  const width = Math.ceil(metrics?.cssContentSize.width ?? page.viewportSize()?.width ?? 1280);
  const cut = height > MAX_PAGE_HEIGHT;
  // The browser's own error page (the site was not reached): Playwright's screenshot first runs its scripts in the
  // page, which a chrome-error:// page may never let it do (seen once waiting the whole minute). It has nothing to
  // freeze: the browser draws it as it is, through the protocol. Its window, not its content: an error page just
  // committed may report a content of width 0, which the browser refuses to draw (seen after an endless redirect).
  if (page.url().startsWith('chrome-error:')) {
    const view = page.viewportSize() ?? { width, height: 800 };
    const shot = await bounded(
      cdp.send('Page.captureScreenshot', { format: 'png', clip: { x: 0, y: 0, ...view, scale: 1 } }),
      SHOT_MS,
      "capture d'écran",
    );
    return { png: Buffer.from(shot.data, 'base64'), cutFromHeight: null };
  }
  const png = await bounded(
    page.screenshot({
      fullPage: true,
      type: 'png',
      animations: 'disabled',
      caret: 'hide',
      timeout: SHOT_MS,
      ...(cut ? { clip: { x: 0, y: 0, width, height: MAX_PAGE_HEIGHT } } : {}),
    }),
    SHOT_MS + 5000,
    "capture d'écran",
  );
  return { png, cutFromHeight: cut ? height : null };
}
