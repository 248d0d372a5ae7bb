/**
 * Discovery on a page of motives (the eAppointment platform, docs/sites/eappointment.md): several checkboxes of one
 * name, one per motive, and a button that asks the server for slots. A `steps` motif is proposed per checkbox (tick
 * it, click the button), each walked once like a capture to show where it lands now — a calendar, or the words of
 * the alert that says « no slot », which only a person may copy into the file's texts.
 */
import type { Browser } from 'playwright';
import { siteUrl } from '../navigate/browser.ts';
import { readControls } from '../navigate/controls.ts';
import type { Motif, StepAction } from '../target/schema.ts';
import { land } from './custom.ts';
import type { ExploreOptions } from './explore.ts';
import { TO_COMPLETE, type FoundSteps } from './found.ts';

interface MotivePage {
  title: string | null;
  /** The labels of the first group of at least two checkboxes sharing a name (`selectedMotiveKeyList`). */
  motives: string[];
  button: string | undefined;
}

async function readMotivePage(browser: Browser, url: string, options: ExploreOptions): Promise<MotivePage> {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  try {
    const page = await context.newPage();
    await page.goto(siteUrl(url, options.replica), { waitUntil: 'domcontentloaded', timeout: options.timeoutMs });
    const { title, boxes } = await page.evaluate(() => ({
      title: document.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim() || null,
      boxes: Array.from(document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'), (c) => ({
        name: c.name,
        label: (c.labels?.[0]?.innerText ?? c.getAttribute('aria-label') ?? '').replace(/\s+/g, ' ').trim(),
        shown: c.getClientRects().length > 0,
      })),
    }));
    const usable = boxes.filter((b) => b.name !== '' && b.label !== '' && b.shown);
    const name = usable.find((b) => usable.filter((o) => o.name === b.name).length >= 2)?.name;
    return {
      title,
      motives: usable.filter((b) => b.name === name).map((b) => b.label),
      button: (await readControls(page)).buttons[0],
    };
  } finally {
    await context.close().catch(() => undefined);
  }
}

/** One proposal per motive checkbox of the page at `url`; none when it is no page of motives. */
export async function exploreMotives(browser: Browser, url: string, options: ExploreOptions): Promise<FoundSteps[]> {
  const { title, motives, button } = await readMotivePage(browser, url, options);
  if (motives.length === 0 || button === undefined) return [];
  options.log(`Page « ${title ?? '?'} » : ${motives.length} motifs à cocher, bouton « ${button} »`);
  const found: FoundSteps[] = [];
  // One after another: never two request chains at once on the same site.
  for (const motive of motives) {
    const steps: StepAction[] = [{ check: motive }, { click: button }];
    const motif: Motif & { platform: 'steps' } = {
      id: 'discover',
      label: 'discover',
      platform: 'steps',
      entry: { by: 'url', url },
      steps,
      texts: { noSlot: [TO_COMPLETE], slots: [], error: [] },
    };
    const { landing, waitFor, noSlot, dialog } = await land(browser, motif, options);
    options.log(`  motif « ${motive} » → « ${(dialog ?? landing).slice(0, 120)} »`);
    found.push({
      platform: 'steps',
      url,
      title,
      choice: motive,
      steps: waitFor ? [...steps, { waitFor }] : steps,
      landing,
      noSlot,
      ...(dialog === null ? {} : { dialog }),
    });
  }
  return found;
}
