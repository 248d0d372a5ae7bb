/**
 * The words of the page's native dialogs (`alert`, `confirm`, `prompt`, the « leave this page? » of
 * `beforeunload`). A screenshot cannot show them, yet a site may answer in one (« Aucun rendez-vous… »): they
 * are kept, with their time, as part of what was seen, judged like the page's text, and drawn on the exhibit.
 * Each is closed as a person going on with the booking would: a message or a question dismissed (« OK »,
 * « Annuler »), and « Quitter la page » when leaving was what the person asked for (`beforeunload`). A
 * `beforeunload` box shows no words of the site in today's browsers: only dialogs with words are kept.
 */
import type { Dialog, Page } from 'playwright';
import { cleanText } from '../evidence/page-text.ts';
import type { PageDialog } from '../outcome/page.ts';

/** Longest kept message, and most dialogs kept: a page that alerts in a loop must not fill the record. */
export const DIALOG_LIMITS = { message: 1000, count: 20 } as const;

const TYPES = new Set<string>(['alert', 'confirm', 'prompt', 'beforeunload']);

/**
 * Listens to the page's dialogs from now on; the list grows as they come (the first DIALOG_LIMITS.count), each
 * message cleaned like any page text.
 */
export function recordDialogs(page: Page, now: () => Date = () => new Date()): PageDialog[] {
  const seen: PageDialog[] = [];
  page.on('dialog', (dialog: Dialog) => {
    const type = dialog.type();
    const message = cleanText(dialog.message(), DIALOG_LIMITS.message);
    if (seen.length < DIALOG_LIMITS.count && message !== '' && TYPES.has(type))
      seen.push({ at: now().toISOString(), type: type as PageDialog['type'], message });
    // A listener takes over Playwright's own dismissal: without an answer, the page would wait for ever.
    void (type === 'beforeunload' ? dialog.accept() : dialog.dismiss()).catch(() => undefined);
  });
  return seen;
}
