/**
 * Discovery on a site of its own (neither booking platform): the links of the page are followed one at a
 * time; a page with a button and radios or checkboxes is taken for a search form, and a `steps` motif is
 * proposed per radio of its first group (tick every box, click the button). Each proposal is walked once,
 * like a capture, to show where it lands now; a sentence of that page that reads like « no slot » is proposed
 * for texts.noSlot, for a person to confirm, since only a person can tell which sentence means « no slot ».
 */
import type { Browser, Page } from 'playwright';
import { attempt } from '../navigate/attempt.ts';
import { siteUrl } from '../navigate/browser.ts';
import { readControls, type Controls } from '../navigate/controls.ts';
import { describeAction } from '../navigate/steps.ts';
import type { Motif, StepAction } from '../target/schema.ts';
import type { ExploreOptions } from './explore.ts';
import { TO_COMPLETE, type FoundSteps } from './found.ts';
import { noSlotSentence } from './no-slot-sentence.ts';
import { plural } from '../evidence/french.ts';

const MAX_LINKS = 15;

// Keeps the headings each document has when it is parsed, before its scripts write anything later.
const PARSED_HEADINGS = `document.addEventListener('DOMContentLoaded', function () {
  window.__stpParsedHeadings = Array.from(document.querySelectorAll('h1, h2, h3'), function (h) { return (h.textContent || '').replace(/\\s+/g, ' ').trim(); });
});`;

/** Headings and text of the page once it has stopped changing, and the headings its scripts added after parsing. */
async function settled(page: Page): Promise<{ text: string; lateHeadings: string[] }> {
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
  await page.waitForTimeout(1000);
  return page.evaluate(() => {
    // Undefined on a page parsed before the watch began (the entry page itself, when no step left it): nothing is
    // known to be late there.
    const parsed = (window as unknown as { __stpParsedHeadings?: string[] }).__stpParsedHeadings;
    const now = Array.from(document.querySelectorAll('h1, h2, h3'), (h) =>
      (h.textContent ?? '').replace(/\s+/g, ' ').trim(),
    );
    return {
      text: document.body?.innerText ?? '',
      lateHeadings: parsed === undefined ? [] : now.filter((h) => h !== '' && !parsed.includes(h)),
    };
  });
}

async function readPage(
  browser: Browser,
  url: string,
  options: ExploreOptions,
): Promise<{ controls: Controls; title: string | null; status: number | null }> {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  try {
    const page = await context.newPage();
    const response = await page.goto(siteUrl(url, options.replica), {
      waitUntil: 'domcontentloaded',
      timeout: options.timeoutMs,
    });
    const title = await page.evaluate(
      () => document.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim() || null,
    );
    return { controls: await readControls(page), title, status: response?.status() ?? null };
  } finally {
    await context.close().catch(() => undefined);
  }
}

/**
 * One proposal walked like a capture; returns where it lands, the heading that appeared late, if any, and the first
 * words the site said in a dialog box (an eAppointment site answers « no slot » in an alert).
 */
export async function land(
  browser: Browser,
  motif: Motif & { platform: 'steps' },
  options: ExploreOptions,
): Promise<{ landing: string; waitFor: string | null; noSlot: string | null; dialog: string | null }> {
  const lastStep = describeAction(motif.steps.at(-1)!);
  let seen: Awaited<ReturnType<typeof settled>> | undefined;
  let watching = false;
  const result = await attempt(browser, motif, {
    timeoutMs: options.timeoutMs,
    deadline: Date.now() + 10 * options.timeoutMs,
    siteUrl: (url) => siteUrl(url, options.replica),
    onStep: async (step, page) => {
      // from the first step on, so that the pages the last steps lead to carry it
      if (!watching) await page.addInitScript(PARSED_HEADINGS);
      watching = true;
      if (step.name === lastStep) seen = await settled(page);
    },
  });
  if (result.kind === 'not-captured') throw new Error(result.reason);
  const text = seen?.text ?? result.snapshot.text;
  // a walk stopped on the way (a step not found) did not reach the result page: nothing of it to quote
  const stopped = seen === undefined ? result.snapshot.stopReason : null;
  // a site may answer in a dialog box rather than on the page (eAppointment): its words are quoted first
  const dialog = result.snapshot.dialogs[0]?.message ?? null;
  return {
    landing: stopped ?? oneLine(text),
    waitFor: seen?.lateHeadings[0] ?? null,
    noSlot: stopped === null ? (noSlotSentence(dialog ?? '') ?? noSlotSentence(text)) : null,
    dialog,
  };
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 300);

export async function exploreCustom(
  browser: Browser,
  indexUrl: string,
  options: ExploreOptions,
): Promise<FoundSteps[]> {
  const here = new URL(indexUrl);
  const index = (await readPage(browser, indexUrl, options)).controls;
  const candidates = index.links
    .map((link, i) => ({
      ...link,
      url: new URL(link.href, indexUrl),
      linkIndex: index.links.slice(0, i).filter((l) => l.text === link.text).length + 1,
    }))
    .filter(({ url }) => url.host === here.host && url.pathname !== here.pathname)
    .slice(0, MAX_LINKS);
  const found: FoundSteps[] = [];
  for (const link of candidates) {
    const { controls, title, status } = await readPage(browser, link.url.href, options);
    const group = controls.radios.filter((r) => r.group === controls.radios[0]?.group).map((r) => r.label);
    const button = controls.buttons[0];
    if (
      (status !== null && status >= 400) ||
      button === undefined ||
      (group.length === 0 && controls.checkboxes.length === 0)
    ) {
      options.log(`Lien « ${link.text} » : pas de formulaire de recherche`);
      continue;
    }
    options.log(
      `Lien « ${link.text} » : formulaire « ${title ?? '?'} » (${group.length} choix, ${plural(controls.checkboxes.length, 'case', 'cases')}, bouton « ${button} »)`,
    );
    for (const choice of group.length > 0 ? group : [null]) {
      const steps: StepAction[] = [
        ...(choice === null ? [] : [{ choose: choice }]),
        ...controls.checkboxes.map((check) => ({ check })),
        { click: button },
      ];
      const motif: Motif & { platform: 'steps' } = {
        id: 'discover',
        label: 'discover',
        platform: 'steps',
        entry: { by: 'link', index: indexUrl, link: link.text, linkIndex: link.linkIndex },
        steps,
        texts: { noSlot: [TO_COMPLETE], slots: [], error: [] },
      };
      const { landing, waitFor, noSlot, dialog } = await land(browser, motif, options);
      options.log(`  ${choice === null ? 'sans choix' : `choix « ${choice} »`} → « ${landing.slice(0, 120)} »`);
      found.push({
        platform: 'steps',
        url: link.url.href,
        index: indexUrl,
        linkText: link.text,
        linkIndex: link.linkIndex,
        title,
        choice,
        steps: waitFor ? [...steps, { waitFor }] : steps,
        landing,
        noSlot,
        ...(dialog === null ? {} : { dialog }),
      });
    }
  }
  return found;
}
