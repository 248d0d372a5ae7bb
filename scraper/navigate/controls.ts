/**
 * What a person can act on in the page, read in one look: links, buttons, radios and checkboxes by their
 * visible text. The steps driver names them when a step finds nothing to act on; discovery proposes
 * steps from them.
 */
import type { Page } from 'playwright';

export interface Controls {
  links: { text: string; href: string }[];
  buttons: string[];
  radios: { label: string; group: string }[];
  checkboxes: string[];
}

const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

export async function readControls(page: Page): Promise<Controls> {
  // No named function inside: the page cannot see the helpers a TypeScript loader adds around them.
  const raw = await page
    .evaluate(() => ({
      links: Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]'), (a) => ({
        text: a.innerText,
        href: a.getAttribute('href') ?? '',
        shown: a.getClientRects().length > 0,
      })),
      buttons: Array.from(
        document.querySelectorAll<HTMLElement>('button, input[type="submit"], input[type="button"]'),
        (b) => ({
          text: b instanceof HTMLInputElement ? b.value : b.innerText,
          shown: b.getClientRects().length > 0,
        }),
      ),
      radios: Array.from(document.querySelectorAll<HTMLInputElement>('input[type="radio"]'), (r) => ({
        label: r.labels?.[0]?.innerText ?? r.getAttribute('aria-label'),
        group: r.name,
      })),
      checkboxes: Array.from(
        document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'),
        (c) => c.labels?.[0]?.innerText ?? c.getAttribute('aria-label'),
      ),
    }))
    .catch(() => ({ links: [], buttons: [], radios: [], checkboxes: [] }));
  return {
    links: raw.links
      .filter((l) => l.shown && clean(l.text) !== '' && !l.href.startsWith('#'))
      .map((l) => ({ text: clean(l.text), href: l.href })),
    buttons: raw.buttons.filter((b) => b.shown && clean(b.text) !== '').map((b) => clean(b.text)),
    radios: raw.radios.map((r) => ({ label: clean(r.label), group: r.group })),
    checkboxes: raw.checkboxes.map(clean),
  };
}

/** A short list for a message: « a », « b », … (the first ones). */
export function quoteList(texts: string[], max = 8): string {
  if (texts.length === 0) return 'aucun';
  const shown = texts.slice(0, max).map((t) => `« ${t} »`);
  return texts.length > max ? `${shown.join(', ')}… (${texts.length} en tout)` : shown.join(', ');
}
