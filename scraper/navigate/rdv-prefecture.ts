/**
 * Driver for the national RDV Préfecture platform (docs/sites/rdv-prefecture.md): entry page → `cgu/` with the
 * CaptchEtat captcha → `creneau/`. Unattended, it stops at the captcha (recorded as such). In an assisted run a person
 * solves it in the visible browser and the bot carries on to the slot page. It never solves one itself.
 */
import { passCaptcha } from './captcha.ts';
import type { Session } from './session.ts';

export async function walkRdvPrefecture(session: Session): Promise<string | null> {
  const { page } = session;
  const start = page
    .getByRole('button', { name: 'Prendre un rendez-vous' })
    .or(page.getByRole('link', { name: 'Prendre un rendez-vous' }));
  if (
    await start
      .first()
      .isVisible()
      .catch(() => false)
  ) {
    await session.step('start-booking', async () => {
      await start.first().click();
      await page.waitForLoadState('domcontentloaded');
    });
  }
  return passCaptcha(session);
}
