/**
 * Masks, on a captcha wall only, what changes at every load of the page (the captcha image, drawn anew
 * for each visitor) before its screenshot: a neutral box of the same size saying « code de sécurité
 * masqué » is laid over each such element. Two captcha walls then give the same image bytes, which Git
 * stores once, and no captcha image is published. Every other page is screenshot untouched.
 */
import type { Page } from 'playwright';
import type { Platform } from '../target/schema.ts';

export const MASK_TEXT = 'code de sécurité masqué';

/** Captcha pictures and widgets of every platform (the selectors of captcha.ts name their containers). */
const CAPTCHA_IMAGES = [
  'img.BDC_CaptchaImage',
  '#BDC_CaptchaComponent img',
  'rdv-captchetat img',
  '.g-recaptcha',
  'iframe[src*="recaptcha"]',
  '.cf-turnstile',
  'img[src*="captcha" i]',
];

/**
 * What else changes at every load, per platform: nothing known yet besides the captcha pictures (the
 * captcha id of RDV Préfecture is in hidden fields, not on screen, reference §3.3).
 */
const CHANGING_PER_PLATFORM: Record<Platform, string[]> = {
  'rdv-prefecture': [],
  'legacy-booking': [],
  steps: [],
};

export function maskSelectors(platform: Platform): string[] {
  return [...CAPTCHA_IMAGES, ...CHANGING_PER_PLATFORM[platform]];
}

/**
 * Lays the boxes over the visible elements that match; returns the selectors that matched one, for the
 * record (`evidence.masked`). The page's layout does not move: the boxes are absolutely positioned.
 */
export async function maskChangingParts(page: Page, platform: Platform): Promise<string[]> {
  return page
    .evaluate(
      ({ selectors, text }) => {
        const covered = new Set<Element>();
        const masked: string[] = [];
        for (const selector of selectors) {
          let hit = false;
          for (const element of Array.from(document.querySelectorAll(selector))) {
            // An element inside one already covered (the image of a masked widget) needs no second box.
            if ([...covered].some((c) => c.contains(element))) continue;
            const rect = element.getBoundingClientRect();
            if (rect.width < 1 || rect.height < 1) continue;
            const box = document.createElement('div');
            box.textContent = text;
            box.setAttribute('aria-hidden', 'true');
            Object.assign(box.style, {
              position: 'absolute',
              left: `${rect.left + window.scrollX}px`,
              top: `${rect.top + window.scrollY}px`,
              width: `${rect.width}px`,
              height: `${rect.height}px`,
              boxSizing: 'border-box',
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              overflow: 'hidden',
              background: '#e5e5e5',
              border: '1px solid #929292',
              color: '#3a3a3a',
              font: 'italic 14px "DejaVu Sans", sans-serif',
              textAlign: 'center',
              zIndex: '2147483647',
            });
            document.body.appendChild(box);
            covered.add(element);
            hit = true;
          }
          if (hit) masked.push(selector);
        }
        return masked;
      },
      { selectors: maskSelectors(platform), text: MASK_TEXT },
    )
    .catch(() => []);
}
