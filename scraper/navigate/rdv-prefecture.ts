/**
 * Driver for the national RDV Préfecture platform (reference §3): entry page → `cgu/` with the CaptchEtat
 * captcha → `creneau/`. Unattended, it stops at the captcha (recorded as such). In an assisted run a person
 * solves it in the visible browser and the bot carries on to the slot page. It never solves one itself.
 */
import type { Session } from './session.ts';

const captcha = (session: Session) => session.page.locator('rdv-captchetat, #captchaFormulaireExtInput').first();

export async function walkRdvPrefecture(session: Session): Promise<string | null> {
  const { page } = session;
  const start = page.getByRole('button', { name: 'Prendre un rendez-vous' }).or(page.getByRole('link', { name: 'Prendre un rendez-vous' }));
  if (await start.first().isVisible().catch(() => false)) {
    await session.step('start-booking', async () => {
      await start.first().click();
      await page.waitForLoadState('domcontentloaded');
    });
  }
  if ((await captcha(session).count()) === 0 || !session.solveCaptcha) return null;
  const solved = await session.step('captcha-by-person', () => session.solveCaptcha!(page));
  return solved ? null : 'captcha non résolu par la personne dans le temps imparti';
}
