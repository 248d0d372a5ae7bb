/** Reads the final page into the plain snapshot that classification judges (outcome/classify.ts). */
import type { Page } from 'playwright';
import type { PageSnapshot } from '../outcome/classify.ts';
import { CAPTCHA_SELECTORS } from './captcha.ts';

// Free cells of the legacy week table (docs/sites/legacy.md « Étapes 3 et 4 : créneaux ») and slot radios of RDV Préfecture (docs/sites/rdv-prefecture.md « Page des créneaux », docs/sites/rdv-prefecture.md « Page des créneaux »).
const FREE_CELLS = 'td.free, td.status-1';
const SLOT_RADIOS = 'input[id^="trhId_"], input[type="radio"][name="trhId"]';

type Seen = Omit<PageSnapshot, 'url' | 'status' | 'failure' | 'stopReason'>;

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

export async function snapshot(
  page: Page,
  last: { status: number | null },
  failure: string | null,
  stopReason: string | null,
): Promise<PageSnapshot> {
  // No named function inside: the page cannot see the helpers a TypeScript loader adds around them.
  const seen: Seen = await page
    .evaluate(
      ({ captchaSelectors, freeCells, slotRadios }) => ({
        title: document.title,
        // Only what a person sees: a hidden « Contacts » box is not a heading of the page (docs/sites/legacy.md « Étape 2 : aucun créneau »).
        headings: Array.from(document.querySelectorAll<HTMLElement>('h1, h2, h3'))
          .filter((h) => h.getClientRects().length > 0)
          .map((h) => h.innerText.replace(/\s+/g, ' ').trim())
          .filter(Boolean),
        // Lines kept: a sentence quoted in the record ends where its block ends.
        text: (document.body?.innerText ?? '')
          .split('\n')
          .map((line) => line.replace(/\s+/g, ' ').trim())
          .filter(Boolean)
          .join('\n'),
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
      { captchaSelectors: CAPTCHA_SELECTORS, freeCells: FREE_CELLS, slotRadios: SLOT_RADIOS },
    )
    .catch(() => NOTHING);
  return { url: page.url(), status: last.status, ...seen, failure, stopReason };
}

/** The full page as a lossless PNG, without animations or caret: the page image of every capture. */
export function screenshotPage(page: Page): Promise<Buffer> {
  return page.screenshot({ fullPage: true, type: 'png', animations: 'disabled', caret: 'hide', timeout: 60_000 });
}
