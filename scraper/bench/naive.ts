/**
 * The baseline the engine is measured against: a bot written the way the predecessor and many public
 * bots are — a fresh browser per motif, `networkidle` after every step, a fixed 2 s sleep after every
 * page, a full-page screenshot saved as is. It walks the same legacy booking pages (index link,
 * conditions, guichet) as fixed steps, with no classification, record or thumbnail. Writes only `png`.
 */
import { writeFile } from 'node:fs/promises';
import { chromium, type Page } from 'playwright';
import { VIEWPORT } from '../navigate/attempt.ts';
import { chromiumLaunch } from '../navigate/browser.ts';
import { startUrl, type Motif } from '../target/schema.ts';

/** What such bots wait after each page « to be safe ». */
export const NAIVE_SLEEP_MS = 2000;

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await sleep(NAIVE_SLEEP_MS);
}

async function submit(page: Page): Promise<void> {
  await page.locator('input[name="nextButton"]').first().click();
  await settle(page);
}

/** One motif the naive way; `siteUrl` maps the real URL to the replica. Writes the screenshot to `png`. */
export async function naiveAttempt(motif: Motif, siteUrl: (realUrl: string) => string, png: string): Promise<void> {
  if (motif.platform !== 'legacy-booking')
    throw new Error(`${motif.id} : le robot naïf ne connaît que le module « booking »`);
  const browser = await chromium.launch(chromiumLaunch());
  try {
    const page = await browser.newPage({ viewport: VIEWPORT, locale: 'fr-FR' });
    await page.goto(siteUrl(startUrl(motif.entry)), { waitUntil: 'networkidle' });
    await sleep(NAIVE_SLEEP_MS);
    const cookies = page.locator('#cookies-banner').getByRole('link', { name: 'Accepter', exact: true });
    if (await cookies.isVisible()) await cookies.click();
    if (motif.entry.by === 'link') {
      await page
        .getByRole('link', { name: motif.entry.link, exact: true })
        .nth(motif.entry.linkIndex - 1)
        .click();
      await settle(page);
    }
    await page.locator('#condition').check();
    await submit(page);
    if (motif.planning) {
      await page.getByLabel(motif.planning, { exact: true }).check();
      await submit(page);
    }
    await writeFile(png, await page.screenshot({ fullPage: true }));
  } finally {
    await browser.close();
  }
}
