/** Lists of captures as thumbnails with their time and outcome (month pages, latest captures). */
import type { CaptureEntry } from '../pipeline/collect.ts';
import { OUTCOME_LABELS } from '../../scraper/outcome/outcomes.ts';
import { outcomeBadge } from './capture.ts';
import { clockTime, shortDate } from './dates.ts';
import { html, type Html } from './html.ts';
import { paths } from './urls.ts';

export function captureCards(captures: readonly CaptureEntry[], to: (path: string) => string, withDate: boolean): Html {
  return html`<ul class="cards">${captures.map((c) => {
    const when = withDate ? `${shortDate(c.capturedAt)} à ${clockTime(c.capturedAt)}` : clockTime(c.capturedAt);
    const thumb = c.thumbnail
      ? html`<img src="${to(paths.thumbnail(c.thumbnail))}" width="320" height="240" loading="lazy" alt="">`
      : html`<span class="nothumb">aperçu non publié</span>`;
    return html`<li${c.changed ? html` class="changed"` : ''}><a href="${to(paths.capture(c.id))}" aria-label="${when} : ${OUTCOME_LABELS[c.outcome]}">${thumb}<span class="when">${when}</span></a>${outcomeBadge(c.outcome)}</li>`;
  })}</ul>`;
}
