/** Reads the final page into the plain snapshot that classification judges (outcome/classify.ts). */
import type { Page } from 'playwright';
import type { PageSnapshot } from '../outcome/classify.ts';
import { CAPTCHA_SELECTORS } from './captcha.ts';

// Free cells of the legacy week table (docs/sites/legacy.md « Étapes 3 et 4 : créneaux ») and slot radios of RDV
// Préfecture (docs/sites/rdv-prefecture.md « Page des créneaux »).
const FREE_SLOT_SELECTOR = 'td.free, input[id^="trhId_"]';

export async function snapshot(
  page: Page,
  last: { status: number | null },
  failure: string | null,
  stopReason: string | null,
): Promise<PageSnapshot> {
  const seen = await page
    .evaluate(
      ({ captchaSelectors, freeSlotSelector }) => ({
        title: document.title,
        headings: Array.from(document.querySelectorAll('h1, h2'), (h) =>
          (h as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
        ).filter(Boolean),
        text: (document.body?.innerText ?? '').replace(/\s+/g, ' ').trim(),
        captcha: captchaSelectors.filter((s) => document.querySelector(s) !== null),
        freeSlots: document.querySelectorAll(freeSlotSelector).length,
      }),
      { captchaSelectors: CAPTCHA_SELECTORS, freeSlotSelector: FREE_SLOT_SELECTOR },
    )
    .catch(() => ({ title: '', headings: [] as string[], text: '', captcha: [] as string[], freeSlots: 0 }));
  return { url: page.url(), status: last.status, ...seen, failure, stopReason };
}
