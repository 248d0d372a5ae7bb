/** Reads the final page into the plain snapshot that classification judges (outcome/classify.ts). */
import type { Page } from 'playwright';
import type { PageSnapshot } from '../outcome/classify.ts';
import { CAPTCHA_SELECTORS } from './captcha.ts';
import { bounded } from './deadline.ts';
import { cleanText, TEXT_LIMITS } from '../evidence/page-text.ts';

// Free cells of the legacy week table (docs/sites/legacy.md « Étapes 3 et 4 : créneaux ») and slot radios of RDV
// Préfecture (docs/sites/rdv-prefecture.md « Page des créneaux »).
const FREE_SLOT_SELECTOR = 'td.free, input[id^="trhId_"]';

/** Longest wait for the page to be read; a page that does not answer by then is read as empty. */
const READ_MS = 15_000;

export async function snapshot(
  page: Page,
  last: { status: number | null },
  failure: string | null,
  stopReason: string | null,
): Promise<PageSnapshot> {
  // Cut in the page already (twice the kept length, cleaning shortens): a 5 MB title never crosses the wire.
  const seen = await bounded(
    page.evaluate(
      ({ captchaSelectors, freeSlotSelector, limits }) => ({
        title: document.title.slice(0, limits.title * 2),
        headings: Array.from(document.querySelectorAll('h1, h2'), (h) =>
          (h as HTMLElement).innerText.slice(0, limits.heading * 2),
        ).slice(0, limits.headings * 2),
        text: (document.body?.innerText ?? '').slice(0, limits.text * 2),
        captcha: captchaSelectors.filter((s) => document.querySelector(s) !== null),
        freeSlots: document.querySelectorAll(freeSlotSelector).length,
      }),
      { captchaSelectors: CAPTCHA_SELECTORS, freeSlotSelector: FREE_SLOT_SELECTOR, limits: TEXT_LIMITS },
    ),
    READ_MS,
    'lecture de la page',
  ).catch(() => ({ title: '', headings: [] as string[], text: '', captcha: [] as string[], freeSlots: 0 }));
  return {
    url: cleanText(page.url(), TEXT_LIMITS.url),
    status: last.status,
    title: cleanText(seen.title, TEXT_LIMITS.title),
    headings: seen.headings
      .map((h) => cleanText(h, TEXT_LIMITS.heading))
      .filter(Boolean)
      .slice(0, TEXT_LIMITS.headings),
    text: cleanText(seen.text, TEXT_LIMITS.text),
    captcha: seen.captcha,
    freeSlots: seen.freeSlots,
    failure,
    stopReason: stopReason === null ? null : cleanText(stopReason, TEXT_LIMITS.text),
  };
}
