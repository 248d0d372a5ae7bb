/**
 * Reaching the booking form the way a person does: open its URL, or open the préfecture's index page
 * and click the link with the exact text (the Paris « raisons médicales » forms are only known by it).
 */
import type { Motif } from '../target/schema.ts';
import { quoteList } from './controls.ts';
import type { Session } from './session.ts';
import { plural } from '../evidence/french.ts';

/** The CSS selectors of booking links on a préfecture page: legacy forms and RDV Préfecture démarches. */
export const BOOKING_LINKS = 'a[href*="/booking/create/"], a[href*="/rdvpref/reservation/demarche/"]';

/** What to run when a label or a link text drifted: discover on the same address writes the corrected target lines. */
export function discoverHint(url: string): string {
  return ` — la commande npm run discover -- ${url} propose les lignes corrigées du fichier cible`;
}

/**
 * Dismisses the préfecture sites' cookie banner when it shows (docs/sites/legacy.md « Étape 0 : conditions »); harmless
 * when absent.
 */
export async function acceptCookies(session: Session): Promise<void> {
  const accept = session.page.locator('#cookies-banner').getByRole('link', { name: 'Accepter', exact: true });
  if (await accept.isVisible().catch(() => false)) {
    await session.step('accept-cookies', () => accept.click());
  }
}

/** Returns null once on the form, or why it could not get there (an index link that is gone). */
export async function openEntry(session: Session, motif: Motif): Promise<string | null> {
  const { page } = session;
  const { entry } = motif;
  if (entry.by === 'url') {
    await session.step('open', () => page.goto(session.siteUrl(entry.url), { waitUntil: 'domcontentloaded' }));
    return null;
  }
  await session.step('open-index', () => page.goto(session.siteUrl(entry.index), { waitUntil: 'domcontentloaded' }));
  await acceptCookies(session);
  const links = page.getByRole('link', { name: entry.link, exact: true });
  const count = await links.count();
  if (count < entry.linkIndex) {
    // The booking links the page offers instead, as a person reads them.
    const offered = await page
      .$$eval(BOOKING_LINKS, (all) => all.map((a) => (a as HTMLElement).innerText.replace(/\s+/g, ' ').trim()))
      .catch(() => [] as string[]);
    return (
      // What the target file asked is named without guillemets: only the page's own words are quoted.
      `lien absent de la page d'accueil : ${entry.link}${entry.linkIndex > 1 ? `, n° ${entry.linkIndex}` : ''} (${plural(count, 'trouvé', 'trouvés')}) ; ` +
      `liens de rendez-vous proposés : ${quoteList([...new Set(offered.filter(Boolean))])}${discoverHint(entry.index)}`
    );
  }
  await session.step('follow-link', async () => {
    await links.nth(entry.linkIndex - 1).click();
    await page.waitForLoadState('domcontentloaded');
  });
  return null;
}
