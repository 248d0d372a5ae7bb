/**
 * What a person would call a choice of appointment, whatever the site's markup (outcome/classify.ts judges it):
 * hours offered (radios, a list, buttons labelled « 09:45 » or « A 09:45 »), days that can be picked in a
 * calendar or date picker, cells that say « libre », and a code to copy from an image or a sound (a captcha
 * read by its meaning, beside the known widgets of navigate/captcha.ts). Only what is shown and enabled counts.
 */
import type { Page } from 'playwright';
import type { PageChoices } from '../outcome/page.ts';
import { cleanText } from '../evidence/page-text.ts';

export const NO_CHOICES: PageChoices = { times: [], days: [], freeTexts: [], codeFields: [] };

/** Most items of each kind kept: their count and first words are what the record needs. */
const KEPT = 50;

// Plain JavaScript, given as text: the page must not see the helpers a TypeScript loader adds around functions.
const READ = `(() => {
  const shown = (e) => !!e && e.getClientRects().length > 0;
  const words = (e) => (e ? (e.innerText ?? e.textContent ?? '') : '').replace(/\\s+/g, ' ').trim();
  const classes = (e) => (e && typeof e.className === 'string' ? e.className : '');
  const off = (e) =>
    !!e && (e.disabled === true || e.getAttribute('aria-disabled') === 'true' ||
      /(?:^|[\\s_-])(?:disabled|unavailable|unselectable|indisponible|complet|full|past|old)(?:$|[\\s_-])/i.test(classes(e)));
  const HOUR = /^(?:(?:[àa]|de|vers)\\s+)?(?:[01]?\\d|2[0-3])\\s*[:hH]\\s*[0-5]\\d(?:\\s*(?:-|–|à|a)\\s*(?:[01]?\\d|2[0-3])\\s*[:hH]\\s*[0-5]\\d)?$/i;
  const times = [];
  for (const r of document.querySelectorAll('input[type="radio"]')) {
    const label = r.labels && r.labels[0];
    const text = label ? words(label) : (r.getAttribute('aria-label') || '').trim();
    if (!off(r) && (shown(r) || shown(label)) && HOUR.test(text)) times.push(text);
  }
  for (const s of document.querySelectorAll('select')) {
    if (!shown(s) || off(s)) continue;
    for (const o of s.options) if (!o.disabled && HOUR.test(o.text.replace(/\\s+/g, ' ').trim())) times.push(o.text.replace(/\\s+/g, ' ').trim());
  }
  for (const b of document.querySelectorAll('button, a[href], input[type="button"], input[type="submit"], [role="button"], [role="option"]')) {
    const text = b instanceof HTMLInputElement ? b.value.replace(/\\s+/g, ' ').trim() : words(b);
    if (shown(b) && !off(b) && HOUR.test(text)) times.push(text);
  }
  // A calendar: a table or grid with a week of day numbers at least; a day can be picked when it is a link, a
  // button, or a cell the picker marks as such, none of them disabled.
  const DAY = /^(?:[a-zéû]{2,9}\\.?\\s+)?(?:[1-9]|0[1-9]|[12]\\d|3[01])$/i;
  const days = [];
  for (const grid of document.querySelectorAll('table, [role="grid"]')) {
    if (!shown(grid)) continue;
    const cells = Array.from(grid.querySelectorAll('td, [role="gridcell"]')).filter((c) => DAY.test(words(c)));
    if (cells.length < 7) continue;
    for (const cell of cells) {
      const pick = cell.querySelector('a[href], button') ||
        (cell.matches('[data-handler="selectDay"], [role="gridcell"][tabindex], [onclick]') ? cell : null);
      if (pick && shown(pick) && !off(pick) && !off(cell)) days.push(words(cell));
    }
  }
  const FREE = /^(?:(?:plage|place|créneau|creneau)\\s+)?(?:libre|disponible)s?$/i;
  const freeTexts = Array.from(document.querySelectorAll('td, th, [role="gridcell"], li'))
    .filter((c) => !c.matches('td.free, td.status-1') && shown(c) && FREE.test(words(c)))
    .map(words);
  const CODE = /captcha|code\\s+de\\s+(?:v[ée]rification|s[ée]curit[ée]|contr[ôo]le)|caract[èe]res?\\s+(?:de\\s+s[ée]curit[ée]|affich|ci-)|(?:recopie[rz]|saisi(?:r|ssez)|tape[rz]|entre[rz])\\s+(?:le\\s+|les\\s+)?(?:code|caract[èe]res)|code\\s+(?:affich|ci-dess|de\\s+l['’]image)|\\bv[ée]rification\\b/i;
  const codeFields = [];
  for (const input of document.querySelectorAll('input:not([type]), input[type="text"], input[type="number"], input[type="tel"]')) {
    if (!shown(input) || off(input)) continue;
    const label = (input.labels && input.labels[0] ? words(input.labels[0]) : '') ||
      (input.getAttribute('aria-label') || input.getAttribute('placeholder') || '').trim();
    if (!CODE.test(label)) continue;
    let around = input.parentElement;
    for (let up = 0; around && up < 4; up++, around = around.parentElement) {
      const media = Array.from(around.querySelectorAll('img, canvas, audio, a[href*=".mp3"], a[href*=".wav"]')).some(
        (m) => m.tagName === 'AUDIO' || m.tagName === 'A' ||
          (shown(m) && m.getBoundingClientRect().width >= 40 && m.getBoundingClientRect().height >= 15),
      );
      if (media) { codeFields.push(label); break; }
    }
  }
  return { times, days, freeTexts, codeFields };
})()`;

/** The choices the page offers; none when it cannot be read (the snapshot then reads an empty page too). */
export async function readChoices(page: Page): Promise<PageChoices> {
  const raw = (await page.evaluate(READ)) as PageChoices;
  const keep = (texts: string[]) => texts.slice(0, KEPT).map((t) => cleanText(t, 200));
  return {
    times: keep(raw.times),
    days: keep(raw.days),
    freeTexts: keep(raw.freeTexts),
    codeFields: keep(raw.codeFields),
  };
}
