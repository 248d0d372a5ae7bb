/**
 * Captchas: how to see one on a page, and the assisted run's hand-over to a person. The bot never solves
 * a captcha: in an assisted run it stops, says so in the terminal, and waits until the person has solved
 * it in the visible browser (the widget is gone from the page), then carries on.
 */
import type { Page } from 'playwright';
import type { Session } from './session.ts';

// Captcha widgets met on the préfecture platforms: CaptchEtat on RDV Préfecture (docs/sites/rdv-prefecture.md
// « Captcha »), reCAPTCHA v2 and eZHumanCAPTCHA on the legacy module (docs/sites/legacy.md « Captcha »), Turnstile
// reported in 2025 (docs/sites/rdv-prefecture.md « Captcha »).
export const CAPTCHA_SELECTORS = [
  'rdv-captchetat',
  '#captchaFormulaireExtInput',
  '#BDC_CaptchaComponent',
  '.g-recaptcha',
  'iframe[src*="recaptcha"]',
  '[name="eZHumanCAPTCHACode"]',
  '.cf-turnstile',
];

export const ASSIST_PROMPT = 'Saisissez le code dans la fenêtre du navigateur puis cliquez sur Suivant';

export async function hasCaptcha(page: Page): Promise<boolean> {
  return page
    .evaluate((selectors) => selectors.some((s) => document.querySelector(s) !== null), CAPTCHA_SELECTORS)
    .catch(() => false);
}

/**
 * When a captcha stands on the page and a person is there (assisted run), hands it over as the step
 * `captcha-by-person`. Returns null when there is nothing to do or once passed, else why not.
 */
export async function passCaptcha(session: Session): Promise<string | null> {
  if (!session.solveCaptcha || !(await hasCaptcha(session.page))) return null;
  const solved = await session.step('captcha-by-person', () => session.solveCaptcha!(session.page));
  return solved ? null : 'captcha non résolu par la personne dans le temps imparti';
}

export interface PersonOptions {
  /** How long the person has, in ms. */
  timeoutMs: number;
  /** Where to tell the person what to do (the terminal). */
  say: (line: string) => void;
}

/** The assisted run's `solveCaptcha`: asks, then waits until the page no longer shows a captcha. */
export function personSolver({ timeoutMs, say }: PersonOptions): (page: Page) => Promise<boolean> {
  return async (page) => {
    say(
      `  → ${ASSIST_PROMPT} (vous avez ${timeoutMs < 120_000 ? `${Math.round(timeoutMs / 1000)} s` : `${Math.round(timeoutMs / 60_000)} min`}).`,
    );
    await page.bringToFront().catch(() => undefined);
    // The cursor in the code field of RDV Préfecture, so the person only has to type (the field may be absent).
    await page
      .evaluate(() => document.querySelector<HTMLInputElement>('#captchaFormulaireExtInput')?.focus())
      .catch(() => undefined);
    // Asked from here rather than with waitForFunction, which can lose its way when the page navigates
    // under it: a look that fails (page between two documents) just means « not yet ».
    const end = Date.now() + timeoutMs;
    // A person who closes the window gives up: no need to wait for the end of the time allowed.
    while (Date.now() < end && !page.isClosed()) {
      const passed = await page
        .evaluate(
          (selectors) =>
            document.readyState !== 'loading' && !selectors.some((s) => document.querySelector(s) !== null),
          CAPTCHA_SELECTORS,
        )
        .catch(() => false);
      // A wrong code brings the captcha back: the wait goes on until the person gets past it.
      if (passed) return true;
      await new Promise((done) => setTimeout(done, 250));
    }
    return false;
  };
}
