// Replica — CaptchEtat, the State captcha of RDV Préfecture (BotDetect engine, docs/sites/rdv-prefecture.md « Captcha »), without the real service.
// The real element fetches its markup from api.piste.gouv.fr with a Bearer token; the replica renders the same markup
// on the server and serves the image itself, as an SVG drawing the configured code.

import { esc } from '../http.ts';

/** Where the replica serves the captcha image (`?get=image&c=captchaFR&t=<captchaId>`, as the real endpoint). */
export const CAPTCHA_ENDPOINT = '/rdvpref/captcha/simple-captcha-endpoint';
const STYLE_NAME = 'captchaFR'; // the ids prefix seen on the platform (docs/sites/rdv-prefecture.md « Captcha » [I])

/** The answer bots type: they drop spaces and dashes and upper-case it (docs/sites/rdv-prefecture.md « Captcha »), so the replica compares the same way. */
export function captchaMatches(answer: string, code: string): boolean {
  const normalize = (text: string) => text.replace(/[\s-]/g, '').toUpperCase();
  return normalize(answer) !== '' && normalize(answer) === normalize(code);
}

/**
 * The BotDetect markup (docs/sites/rdv-prefecture.md « Captcha » [V]) as the live page ends up once its script ran: the custom `<rdv-captchetat>` of the
 * server HTML is a plain `div` then (docs/sites/rdv-prefecture.md « Page des créneaux »), so nothing may depend on the tag. The captcha id changes at every render.
 */
export function captchetatElement(captchaId: string): string {
  const image = `${CAPTCHA_ENDPOINT}?get=image&c=${STYLE_NAME}&t=${captchaId}`;
  return `<div class="captchetat">
<div id="BDC_CaptchaComponent"><div class="BDC_CaptchaDiv" id="${STYLE_NAME}_CaptchaDiv">
<div class="BDC_CaptchaImageDiv" id="${STYLE_NAME}_CaptchaImageDiv"><img class="BDC_CaptchaImage" id="${STYLE_NAME}_CaptchaImage" src="${esc(image)}" width="250" height="50" alt="Retapez les caractères de l'image"></div>
<div class="BDC_CaptchaIconsDiv" id="${STYLE_NAME}_CaptchaIconsDiv"><a class="BDC_SoundLink" id="${STYLE_NAME}_SoundLink" href="#" title="Énoncer le code du captcha">Énoncer le code du captcha</a>
<audio id="BDC_CaptchaSoundAudio_${STYLE_NAME}" preload="none"></audio></div>
<input type="hidden" name="BDC_VCID_${STYLE_NAME}" id="BDC_VCID_${STYLE_NAME}" value="${captchaId}">
</div></div>
<input type="hidden" name="captchaId" value="${captchaId}">
</div>`;
}

/** The image: the code in slanted letters over a few lines of noise, the same for every request. */
export function captchaImage(code: string): string {
  const letters = [...code].map((letter, index) => {
    const x = 22 + index * 34;
    const angle = ((index * 37) % 30) - 15;
    return `<text x="${x}" y="36" transform="rotate(${angle} ${x} 28)">${esc(letter)}</text>`;
  });
  const noise = [0, 1, 2, 3].map((index) => `<line x1="0" y1="${8 + index * 11}" x2="250" y2="${44 - index * 9}" />`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="250" height="50" viewBox="0 0 250 50">
<rect width="250" height="50" fill="#eef0f6"/>
<g stroke="#8a8fb0" stroke-width="1.2">${noise.join('')}</g>
<g font-family="'Courier New', monospace" font-size="30" font-weight="bold" fill="#1b1b5e">${letters.join('')}</g>
</svg>`;
}
