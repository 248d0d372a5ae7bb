/**
 * Driver for a site of its own (`platform: steps`): once on the entry page, it does the target file's
 * actions in order, finding links, buttons, radios and checkboxes by their visible text as a person
 * reads them. It stops at the first action it cannot do, naming it, and on any HTTP error page, which
 * classification then judges with the motif's texts. It does only what the file says: never more.
 */
import { errors, type Locator, type Page } from 'playwright';
import { fold } from '../outcome/classify.ts';
import type { StepAction, StepsMotif } from '../target/schema.ts';
import { CAPTCHA_SELECTORS } from './captcha.ts';
import { quoteList, readControls, type Controls } from './controls.ts';
import type { Session } from './session.ts';

/** Matches a visible text the way a reader does: case, spacing and apostrophes aside, but whole (« salarié » ≠ « salarié 2 »). */
export function readerPattern(text: string): RegExp {
  const words = text
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’‘]/g, "['’‘]"));
  return new RegExp(`^\\s*${words.join('\\s+')}\\s*$`, 'i');
}

/** How a step reads in records, logs and messages: `click : Rechercher un créneau` (the target's words, not quoted). */
export function describeAction(action: StepAction): string {
  const [kind, value] = Object.entries(action)[0] as [string, string];
  return `${kind} : ${value}`;
}

type Choice = Exclude<StepAction, { open: string } | { waitFor: string }>;

/** Where a click, check or choose acts, how to name it, and what the page offers instead when it is absent. */
function place(page: Page, action: Choice): { locator: Locator; what: string; offered: (c: Controls) => string[] } {
  if ('click' in action) {
    const name = readerPattern(action.click);
    return {
      locator: page.getByRole('link', { name }).or(page.getByRole('button', { name })),
      what: 'lien ni bouton',
      offered: (c) => [...c.links.map((l) => l.text), ...c.buttons],
    };
  }
  if ('check' in action)
    return {
      locator: page.getByRole('checkbox', { name: readerPattern(action.check) }),
      what: 'case à cocher',
      offered: (c) => c.checkboxes,
    };
  return {
    locator: page.getByRole('radio', { name: readerPattern(action.choose) }),
    what: 'bouton radio',
    offered: (c) => c.radios.map((r) => r.label),
  };
}

async function act(session: Session, action: StepAction, texts: StepsMotif['texts']): Promise<string | null> {
  const { page } = session;
  const name = describeAction(action);
  if ('open' in action) {
    await session.step(name, () => page.goto(session.siteUrl(action.open), { waitUntil: 'domcontentloaded' }));
    return null;
  }
  if ('waitFor' in action) {
    // Also stops waiting on a page that already says how it ended: its texts (no slot, error…) or a captcha.
    const needles = [action.waitFor, ...texts.noSlot, ...texts.slots, ...texts.error].map(fold);
    // A site may answer in a dialog rather than in the page: its words end the wait too.
    let waiting = true;
    const inDialog = async () => {
      while (waiting && !session.dialogs?.some((d) => needles.some((n) => fold(d.message).includes(n))))
        await new Promise((done) => setTimeout(done, 100));
    };
    try {
      await session.step(name, () =>
        Promise.race([
          page.waitForFunction(
            ({ wanted, captchas }) => {
              const seen = (document.body?.innerText ?? '').replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').toLowerCase();
              return wanted.some((w) => seen.includes(w)) || captchas.some((s) => document.querySelector(s) !== null);
            },
            { wanted: needles, captchas: CAPTCHA_SELECTORS },
          ),
          inDialog(),
        ]).finally(() => {
          waiting = false;
        }),
      );
    } catch (error) {
      if (error instanceof errors.TimeoutError) return 'texte jamais apparu dans le temps imparti';
      throw error;
    }
    return null;
  }
  const { locator, what, offered } = place(page, action);
  // Looked for once, the page being loaded: a missing element is the target file's mistake, not a slow site.
  if ((await locator.count()) === 0)
    return `aucun ${what} portant ce texte ; la page propose : ${quoteList(offered(await readControls(page)))}`;
  const found = locator.first();
  await session.step(name, async () => {
    if ('click' in action) {
      await found.click();
      await page.waitForLoadState('domcontentloaded');
    } else {
      await found.check();
    }
  });
  return null;
}

/** Does the motif's steps from the entry page; returns why it stopped early, naming the step, if it did. */
export async function walkSteps(session: Session, motif: StepsMotif): Promise<string | null> {
  for (const [i, action] of motif.steps.entries()) {
    // An HTTP error page ends the walk: it is what the capture shows and classification judges.
    const { status } = session.lastResponse();
    if (status !== null && status >= 400) return null;
    const problem = await act(session, action, motif.texts);
    if (problem) return `étape ${i + 1} (steps[${i}], ${describeAction(action)}) : ${problem}`;
  }
  return null;
}
