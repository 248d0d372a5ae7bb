/**
 * The site's only script, bundled by the build (esbuild) into `assets/site.js`. Everything works without
 * it; with it, the freshness warnings are checked against today's date, the capture page can download
 * the stamped exhibit made in the browser, and the motif page's dossier form appears (its bundle is
 * loaded when the form is first used).
 */
import { loadOnFirstUse } from './dossier-loader.ts';
import { staleMessage } from '../render/freshness.ts';
import { stampButton } from './stamp.ts';

function checkFreshness(): void {
  for (const element of document.querySelectorAll<HTMLElement>('.stale[data-last]')) {
    const message = staleMessage(element.dataset.last!, new Date(), Number(element.dataset.limitHours));
    element.textContent = message ?? '';
    element.hidden = message === null;
  }
}

checkFreshness();
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-stamp]')) stampButton(button);
for (const form of document.querySelectorAll<HTMLFormElement>('form[data-dossier][data-script]')) loadOnFirstUse(form);
