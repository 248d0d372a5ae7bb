// Replica — the pages of the préfecture with its own booking pages: index, search form, result. Pure functions of their
// arguments, so a page renders identically twice. The result arrives the way many small sites do it: the page first
// says it is searching, then a script fills in the answer (a bot must wait for it: the `waitFor` step).

import { esc } from '../http.ts';
import { CUSTOM_INDEX_PATH, CUSTOM_PREFECTURE, CUSTOM_TEXTS, type CustomDemarche } from './site.ts';

const STYLE = `
body { margin: 0; font-family: Verdana, Geneva, sans-serif; font-size: 15px; line-height: 1.6; color: #222; background: #f3f1ec; }
header { background: #1d3557; color: #fff; padding: 14px 24px; }
header p { margin: 0; font-size: 13px; letter-spacing: .04em; text-transform: uppercase; }
header strong { font-size: 20px; }
main { max-width: 820px; margin: 24px auto; background: #fff; padding: 16px 32px 32px; border-radius: 6px; }
h1 { font-size: 24px; color: #1d3557; }
h2 { font-size: 18px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
.demarches { list-style: none; padding: 0; }
.demarches li { margin: 10px 0; }
.demarches a { display: inline-block; padding: 10px 16px; border: 1px solid #1d3557; border-radius: 4px; text-decoration: none; color: #1d3557; }
fieldset { border: 0; padding: 0; margin: 12px 0; }
legend { font-weight: bold; }
.erreur { color: #b00020; font-weight: bold; }
button { background: #e63946; color: #fff; border: 0; border-radius: 4px; padding: 10px 20px; font-size: 15px; cursor: pointer; }
.resultat { padding: 12px 16px; background: #f1faee; border-left: 4px solid #457b9d; }
.verification { display: inline-block; padding: 16px; border: 1px solid #999; background: #fafafa; }
footer { text-align: center; font-size: 12px; color: #666; padding: 12px 0 32px; }
`;

export function customLayout(title: string, content: string): string {
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — ${esc(CUSTOM_PREFECTURE)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><p>République française</p><strong>${esc(CUSTOM_PREFECTURE)}</strong> — prise de rendez-vous</header>
<main>
<h1>${esc(title)}</h1>
${content}
</main>
<footer>${esc(CUSTOM_PREFECTURE)} — site de démonstration de la réplique, sans lien avec un site réel</footer>
</body>
</html>
`;
}

export function demarchePath(demarche: CustomDemarche, page = ''): string {
  return `/rendez-vous/${demarche.id}${page ? `/${page}` : ''}`;
}

export function indexPage(demarches: readonly CustomDemarche[]): string {
  const links = demarches.map((d) => `<li><a href="${demarchePath(d)}">${esc(d.title)}</a></li>`).join('');
  return customLayout(
    'Prendre rendez-vous en ligne',
    `<p>Choisissez votre démarche :</p><ul class="demarches">${links}</ul><p><a href="${CUSTOM_INDEX_PATH}#aide">Aide</a></p>`,
  );
}

/** The search form: "Vous êtes :" radios, a checkbox, the "Rechercher un créneau" button. */
export function searchPage(demarche: CustomDemarche, error?: string): string {
  const radios = demarche.profiles
    .map(
      (p) =>
        `<p><input type="radio" name="profil" id="profil-${p.value}" value="${p.value}"> <label for="profil-${p.value}">${esc(p.label)}</label></p>`,
    )
    .join('');
  const profiles = demarche.profiles.length > 0 ? `<fieldset><legend>Vous êtes :</legend>${radios}</fieldset>` : '';
  const form = `<form method="post" action="${demarchePath(demarche, 'recherche')}">
${error === undefined ? '' : `<p class="erreur" role="alert">${esc(error)}</p>`}${profiles}
<p><input type="checkbox" name="pieces" id="pieces"> <label for="pieces">${esc(CUSTOM_TEXTS.checkbox)}</label></p>
<p><button type="submit">${esc(CUSTOM_TEXTS.button)}</button></p>
</form>`;
  return customLayout(
    demarche.title,
    `<p>Les rendez-vous sont proposés selon votre situation.</p>${form}<p><a href="${CUSTOM_INDEX_PATH}">Retour aux démarches</a></p>`,
  );
}

/** The result page: "searching…", then the answer put in by a script, as on sites that fetch it after the page. */
function resultPage(demarche: CustomDemarche, answer: string): string {
  const script = `<script>setTimeout(function () {
  document.getElementById('resultat').innerHTML = document.getElementById('reponse').innerHTML;
}, 300);</script>`;
  return customLayout(
    demarche.title,
    `<div id="resultat" class="resultat">${esc(CUSTOM_TEXTS.waiting)}</div><template id="reponse"><h2>${esc(CUSTOM_TEXTS.result)}</h2>${answer}</template>${script}`,
  );
}

export function noSlotPage(demarche: CustomDemarche): string {
  return resultPage(demarche, `<p>${esc(CUSTOM_TEXTS.noSlot)} De nouveaux créneaux sont ouverts chaque semaine.</p>`);
}

// Fixed dates, so that the page never changes. The links would book: the bot never follows them.
export function slotsPage(demarche: CustomDemarche): string {
  const slots = ['mardi 19 mai 2026 à 09:30', 'jeudi 21 mai 2026 à 14:00'].map(
    (slot) => `<li>${esc(slot)} — <a href="${demarchePath(demarche, 'reserver')}">Réserver</a></li>`,
  );
  return resultPage(demarche, `<p><strong>${esc(CUSTOM_TEXTS.slots)} :</strong></p><ul>${slots.join('')}</ul>`);
}

/** The 'overloaded' behaviour on this site: its own page, answered 200, that only its texts can recognise. */
export function unavailablePage(demarche: CustomDemarche): string {
  return customLayout(demarche.title, `<p class="erreur">${esc(CUSTOM_TEXTS.error)} Merci de réessayer plus tard.</p>`);
}

/**
 * The 'captcha' behaviour: a Cloudflare Turnstile-like check before the result (reported in 2025, docs/sites/custom.md
 * « Ce que le programme suppose »).
 */
export function verificationPage(demarche: CustomDemarche): string {
  return customLayout(
    demarche.title,
    '<p>Vérification que vous êtes un humain.</p><div class="cf-turnstile verification" data-sitekey="replica-turnstile">Vérification en cours…</div>',
  );
}

export function neverBooksPage(demarche: CustomDemarche): string {
  return customLayout(demarche.title, '<p class="erreur">Cette réplique de test ne réserve jamais de rendez-vous.</p>');
}
