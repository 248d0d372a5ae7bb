// Replica — the page chrome of the legacy préfecture sites: header with the Marianne, <h1>, content, footer, cookie
// banner. No saved page of these sites exists (docs/sites/legacy.md « Jamais vu »): the chrome is plausible, sober and
// self-contained (inline CSS, no external resource). The DOM follows the Seine-Maritime XPaths
// `/html/body/main/div/div/div/div[2]/h2` and `…/div[2]/form/…` (docs/sites/legacy.md « Étape 1 : guichets »).

import { esc } from '../http.ts';
import type { LegacySite } from '../sites.ts';

/** Set by the banner's links; its name is [U]. */
export const COOKIE_CHOICE = 'cookies-banner';

export interface LegacyPageParts {
  site: LegacySite;
  /** the <h1>: the booking form's name on booking pages (docs/sites/legacy.md « Étape 1 : guichets ») */
  heading: string;
  /** the second block under the title: `#inner_Booking` on booking pages */
  content: string;
  /** the visitor already answered the cookie banner */
  cookiesAnswered: boolean;
}

const STYLE = `
* { box-sizing: border-box; }
body { margin: 0; font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #1e1e1e; background: #fff; }
a { color: #000091; }
#header { border-bottom: 1px solid #ddd; box-shadow: 0 2px 4px rgba(0,0,0,.06); }
#header .bandeau { max-width: 960px; margin: 0 auto; padding: 14px 16px; display: flex; align-items: center; gap: 24px; }
.marianne { display: flex; flex-direction: column; gap: 4px; }
.marianne .drapeau { display: flex; width: 42px; height: 6px; }
.marianne .drapeau span { flex: 1; }
.marianne .rf { margin: 0; font-weight: bold; font-size: 15px; line-height: 1.1; letter-spacing: .02em; text-transform: uppercase; }
.marianne .devise { margin: 0; font-size: 11px; line-height: 1.2; font-style: italic; color: #3a3a3a; }
#header .prefecture { margin: 0; font-size: 20px; font-weight: bold; }
main { background: #f6f6f6; padding: 24px 0 40px; }
.container { max-width: 960px; margin: 0 auto; padding: 0 16px; }
.col { background: #fff; border: 1px solid #e0e0e0; padding: 8px 28px 28px; }
.attention { margin: 16px 0 0; padding: 10px 14px; border-left: 4px solid #ce0500; background: #fff4f3; color: #ce0500; font-weight: bold; }
h1 { font-size: 22px; text-transform: uppercase; color: #000091; margin: 20px 0 8px; }
h2 { font-size: 18px; margin: 8px 0 16px; padding-bottom: 6px; border-bottom: 2px solid #000091; }
.etapes { display: flex; gap: 10px; list-style: none; padding: 0; margin: 12px 0 16px; }
.etapes img { display: block; }
#Progress_Booking { display: flex; gap: 10px; list-style: none; padding: 0; margin: 12px 0 16px; }
.aide_Booking { display: flex; gap: 16px; list-style: none; padding: 0; font-size: 13px; }
fieldset { border: 1px solid #ccc; padding: 12px 18px; margin: 0 0 16px; }
legend { font-weight: bold; padding: 0 6px; }
.Bligne { margin: 6px 0; }
.conditions { border: 1px solid #ddd; background: #fafafa; padding: 4px 16px; margin-bottom: 16px; font-size: 14px; }
#condition_Booking { margin: 12px 0; }
#submit_Booking { margin-top: 20px; }
.Bbutton { background: #000091; color: #fff; border: 0; padding: 8px 18px; font-size: 15px; cursor: pointer; }
.Berreur { color: #ce0500; font-weight: bold; }
.g-recaptcha { display: inline-flex; align-items: center; gap: 12px; width: 304px; height: 78px; padding: 0 12px; border: 1px solid #d3d3d3; border-radius: 3px; background: #f9f9f9; box-shadow: 0 0 4px rgba(0,0,0,.08); font-family: Roboto, Arial, sans-serif; font-size: 14px; }
#recaptcha-anchor { width: 26px; height: 26px; border: 2px solid #c1c1c1; border-radius: 2px; background: #fff; cursor: pointer; }
#recaptcha-anchor[aria-checked="true"] { background: #009e49; border-color: #009e49; }
table.calendrier { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 14px; }
table.calendrier th, table.calendrier td { border: 1px solid #ccc; padding: 4px 6px; text-align: center; }
table.calendrier thead th { background: #eef; }
td.free { background: #dff3e4; font-weight: bold; }
td.full { color: #888; }
.liens li { margin: 8px 0; }
footer { border-top: 3px solid #000091; padding: 20px 0 90px; font-size: 13px; color: #555; }
footer ul { list-style: none; padding: 0; margin: 0; display: flex; gap: 20px; }
#cookies-banner { position: fixed; left: 0; right: 0; bottom: 0; background: #1e1e1e; color: #fff; padding: 12px 16px; font-size: 14px; z-index: 10; }
#cookies-banner p { margin: 0 0 8px; max-width: 960px; margin-left: auto; margin-right: auto; }
#cookies-banner .boutons { max-width: 960px; margin: 0 auto; display: flex; gap: 12px; }
#cookies-banner .boutons a { color: #fff; border: 1px solid #fff; padding: 4px 14px; text-decoration: none; }
`;

// hides the banner and remembers the choice, so later pages come with `display: none` (docs/sites/legacy.md
// « Étape 0 : conditions »: 2ooom checks for "none")
const BANNER_SCRIPT = `document.querySelectorAll('#cookies-banner .boutons a').forEach(function (a) {
  a.addEventListener('click', function (event) {
    event.preventDefault();
    document.cookie = '${COOKIE_CHOICE}=' + a.getAttribute('data-choix') + '; path=/; max-age=31536000';
    document.getElementById('cookies-banner').style.display = 'none';
  });
});`;

export function legacyLayout({ site, heading, content, cookiesAnswered }: LegacyPageParts): string {
  const warning = site.warning === undefined ? '' : `<p class="attention">${esc(site.warning)}</p>`;
  // On the real pages the <h1> is the site's banner and the document title the site's (docs/sites/legacy.md « Étape 2 : aucun créneau »).
  const title =
    site.realBanner === undefined
      ? `${esc(heading)} - ${esc(site.prefecture)}`
      : `${esc(heading)} - ${esc(site.realBanner)}`;
  const h1 =
    site.realBanner === undefined
      ? `<h1>${esc(heading)}</h1>`
      : `<h1>${esc(site.realBanner)}</h1><p class="formulaire">${esc(heading)}</p>`;
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<header id="header"><div class="bandeau">
<div class="marianne"><div class="drapeau"><span style="background:#000091"></span><span style="background:#fff"></span><span style="background:#e1000f"></span></div>
<p class="rf">République<br>Française</p><p class="devise">Liberté<br>Égalité<br>Fraternité</p></div>
<p class="prefecture">${esc(site.prefecture)}</p>
</div></header>
<main><div class="container"><div class="row"><div class="col">
<div class="titre">${warning}${h1}</div>
${content}
</div></div></div></main>
<footer><div class="container">
<ul><li><a href="/Mentions-legales">Mentions légales</a></li><li><a href="/Accessibilite">Accessibilité : non conforme</a></li><li><a href="/Donnees-personnelles">Données personnelles</a></li></ul>
<p>${esc(site.prefecture)} — site officiel des services de l'État</p>
</div></footer>
<div id="cookies-banner" style="display: ${cookiesAnswered ? 'none' : 'block'};">
<p>Ce site utilise des cookies de mesure d'audience. Vous pouvez les accepter ou les refuser.</p>
<div class="boutons"><a href="#" data-choix="refuse">Refuser</a><a href="#" data-choix="accepte">Accepter</a></div>
</div>
<script>${BANNER_SCRIPT}</script>
</body>
</html>
`;
}
