/**
 * Driver for the eZ Publish booking module (`/booking/create/<id>/<step>`, docs/sites/legacy.md), used by the
 * préfecture sites and by pprdv for Paris. It acts on the pages it knows — conditions (step 0), guichet
 * choice (step 1), description (step 3, shown only when slots exist) — and stops on any other page,
 * which classification then judges. It never goes past the week calendar (step 4): it never books.
 * In an assisted run, a captcha met on the way goes to the person.
 */
import type { Page } from 'playwright';
import { startUrl, type Motif } from '../target/schema.ts';
import { CAPTCHA_SELECTORS, passCaptcha } from './captcha.ts';
import { acceptCookies, discoverHint } from './entry.ts';
import type { Session } from './session.ts';

type LegacyPage = 'conditions' | 'guichets' | 'captcha' | 'description' | 'final';

/**
 * Reads which page this is in one look, without waiting: error pages have none of these elements. The step's
 * heading is read wherever it is: the real pages put the progress bar and help boxes around `#inner_Booking`,
 * and their <h1> is the site's banner (docs/sites/legacy.md « Étape 2 : aucun créneau »).
 */
async function whichPage(session: Session): Promise<LegacyPage> {
  return session.page.evaluate((captchaSelectors) => {
    if (document.querySelector('#condition')) return 'conditions';
    if (document.querySelector('#fchoix_Booking input[name="planning"]')) return 'guichets';
    if (captchaSelectors.some((s) => document.querySelector(s) !== null)) return 'captcha';
    const headings = Array.from(document.querySelectorAll<HTMLElement>('h1, h2'), (h) => h.innerText);
    return headings.some((h) => /Description de la nature du rendez-vous/i.test(h)) ? 'description' : 'final';
  }, CAPTCHA_SELECTORS);
}

export interface Guichet {
  /** The radio's value, the planning id (`planning886` → 886). */
  planning: string;
  label: string;
}

/** The guichet radios of step 1 (docs/sites/legacy.md « Étape 1 : guichets »), as a person reads their labels. */
export async function guichetChoices(page: Page): Promise<Guichet[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLInputElement>('#fchoix_Booking input[name="planning"]'), (radio) => ({
      planning: radio.value,
      label: (radio.labels?.[0]?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    })),
  );
}

// Buttons that leave the booking: « Annuler, consulter et gérer mes demandes de rendez-vous » (docs/sites/legacy.md « Erreurs »), « Terminer ».
const LEAVES = /annuler|consulter|g[ée]rer|terminer/i;

/**
 * Submits the form with the button that goes on with the booking, read by its text: the conditions page can
 * carry a second button that leaves it (docs/sites/legacy.md « Erreurs »). Waits for the page the POST-redirect-GET leads to.
 */
async function next(session: Session, name: string): Promise<void> {
  const buttons = session.page.locator('#FormBookingCreate input[type="submit"], #FormBookingCreate button');
  const texts = await buttons.evaluateAll((all) =>
    all.map((b) => ({
      text: b instanceof HTMLInputElement ? b.value : (b as HTMLElement).innerText,
      name: b.getAttribute('name'),
    })),
  );
  const goesOn = texts.findIndex((b) => !LEAVES.test(b.text) && b.name === 'nextButton');
  const index = goesOn >= 0 ? goesOn : texts.findIndex((b) => !LEAVES.test(b.text));
  const button = index >= 0 ? buttons.nth(index) : session.page.locator('input[name="nextButton"]').first();
  await session.step(name, async () => {
    await button.click();
    await session.page.waitForLoadState('domcontentloaded');
  });
}

/** Radio labels compared the way a reader does: case and spacing aside, « salarié » ≠ « salarié 2 ». */
const sameLabel = (a: string, b: string) =>
  a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

async function chooseGuichet(session: Session, motif: Motif & { platform: 'legacy-booking' }): Promise<string | null> {
  const radios = session.page.locator('#fchoix_Booking input[name="planning"]');
  const labels = (await guichetChoices(session.page)).map((g) => g.label);
  const wanted = motif.planning;
  const index = wanted === undefined ? (labels.length === 1 ? 0 : -1) : labels.findIndex((l) => sameLabel(l, wanted));
  if (index < 0) {
    const offered = labels.map((l) => `« ${l} »`).join(', ');
    const fix = discoverHint(startUrl(motif.entry));
    return wanted === undefined
      ? `plusieurs guichets proposés, indiquez planning dans le fichier cible : ${offered}${fix}`
      : `guichet absent : ${wanted} ; choix proposés : ${offered}${fix}`;
  }
  await session.step('choose-guichet', () => radios.nth(index).check());
  await next(session, 'submit-guichet');
  return null;
}

/** Walks from the form's first page to its final page; returns why it stopped early, if it did. */
export async function walkLegacyBooking(
  session: Session,
  motif: Motif & { platform: 'legacy-booking' },
): Promise<string | null> {
  const done = new Set<LegacyPage>();
  for (;;) {
    const page = await whichPage(session);
    if (page === 'final' || (page === 'captcha' && !session.solveCaptcha)) return null;
    // Seeing a page twice means the site refused what we sent (conditions not accepted…).
    if (done.has(page)) return `la page ${page} revient après validation : le formulaire a refusé la saisie`;
    done.add(page);
    if (page === 'conditions') {
      await acceptCookies(session);
      await session.step('tick-conditions', () => session.page.locator('#condition').check());
      await next(session, 'accept-conditions');
    } else if (page === 'guichets') {
      const problem = await chooseGuichet(session, motif);
      if (problem) return problem;
    } else if (page === 'captcha') {
      const problem = await passCaptcha(session);
      if (problem) return problem;
    } else {
      await next(session, 'open-calendar');
    }
  }
}
