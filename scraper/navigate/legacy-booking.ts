/**
 * Driver for the eZ Publish booking module (`/booking/create/<id>/<step>`, reference §1), used by the
 * préfecture sites and by pprdv for Paris. It acts on the pages it knows — conditions (step 0), guichet
 * choice (step 1), description (step 3, shown only when slots exist) — and stops on any other page,
 * which classification then judges. It never goes past the week calendar (step 4): it never books.
 */
import type { Motif } from '../target/schema.ts';
import { acceptCookies } from './entry.ts';
import type { Session } from './session.ts';

type LegacyPage = 'conditions' | 'guichets' | 'description' | 'final';

async function whichPage(session: Session): Promise<LegacyPage> {
  const { page } = session;
  if ((await page.locator('#condition').count()) > 0) return 'conditions';
  if ((await page.locator('#fchoix_Booking input[name="planning"]').count()) > 0) return 'guichets';
  const heading = (await page.locator('#inner_Booking h2').first().textContent().catch(() => null)) ?? '';
  if (/Description de la nature du rendez-vous/i.test(heading)) return 'description';
  return 'final';
}

/** Submits the form with its `nextButton` and waits for the page the POST-redirect-GET leads to. */
async function next(session: Session, name: string): Promise<void> {
  await session.step(name, async () => {
    await session.page.locator('input[name="nextButton"]').first().click();
    await session.page.waitForLoadState('domcontentloaded');
  });
}

/** Radio labels compared the way a reader does: case and spacing aside, « salarié » ≠ « salarié 2 ». */
const sameLabel = (a: string, b: string) => a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();

async function chooseGuichet(session: Session, motif: Motif & { platform: 'legacy-booking' }): Promise<string | null> {
  const radios = session.page.locator('#fchoix_Booking input[name="planning"]');
  const labels: string[] = [];
  for (const radio of await radios.all()) {
    const id = await radio.getAttribute('id');
    const label = id ? await session.page.locator(`label[for="${id}"]`).first().textContent() : null;
    labels.push((label ?? '').replace(/\s+/g, ' ').trim());
  }
  const wanted = motif.planning;
  const index = wanted === undefined ? (labels.length === 1 ? 0 : -1) : labels.findIndex((l) => sameLabel(l, wanted));
  if (index < 0) {
    const offered = labels.map((l) => `« ${l} »`).join(', ');
    return wanted === undefined
      ? `plusieurs guichets proposés, indiquez planning dans le fichier cible : ${offered}`
      : `guichet « ${wanted} » absent ; choix proposés : ${offered}`;
  }
  await session.step('choose-guichet', () => radios.nth(index).check());
  await next(session, 'submit-guichet');
  return null;
}

/** Walks from the form's first page to its final page; returns why it stopped early, if it did. */
export async function walkLegacyBooking(session: Session, motif: Motif & { platform: 'legacy-booking' }): Promise<string | null> {
  const done = new Set<LegacyPage>();
  for (;;) {
    const page = await whichPage(session);
    if (page === 'final') return null;
    // Seeing a page twice means the site refused what we sent (conditions not accepted…).
    if (done.has(page)) return `la page « ${page} » revient après validation : le formulaire a refusé la saisie`;
    done.add(page);
    if (page === 'conditions') {
      await acceptCookies(session);
      await session.step('tick-conditions', () => session.page.locator('#condition').check());
      await next(session, 'accept-conditions');
    } else if (page === 'guichets') {
      const problem = await chooseGuichet(session, motif);
      if (problem) return problem;
    } else {
      await next(session, 'open-calendar');
    }
  }
}
