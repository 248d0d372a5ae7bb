// Replica — the page chrome of RDV Préfecture (docs/sites/rdv-prefecture.md « Technologie »): a Vue 3 + Quasar app
// styled with the DSFR. Served as static, server-rendered markup with the same classes (no script, no external
// resource).

import { esc } from '../http.ts';
import type { Demarche } from '../sites.ts';

export interface RdvPageParts {
  demarche: Demarche;
  /** the document <title> and the stepper title */
  title: string;
  /** "Étape 1 sur 6" appears among bots' page detectors (docs/sites/rdv-prefecture.md « Parcours » [U]) */
  stepLabel?: string;
  content: string;
}

const STYLE = `
* { box-sizing: border-box; }
body { margin: 0; font-family: Marianne, Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #161616; background: #fff; }
a { color: #000091; }
.fr-header { border-bottom: 1px solid #ddd; box-shadow: 0 2px 6px rgba(0,0,18,.08); }
.fr-header__body { max-width: 1000px; margin: 0 auto; padding: 16px; display: flex; align-items: center; gap: 32px; }
.fr-logo { margin: 0; font-weight: bold; font-size: 17px; line-height: 1.05; text-transform: uppercase; }
.fr-logo::before { content: ""; display: block; width: 46px; height: 6px; margin-bottom: 6px; background: linear-gradient(90deg, #000091 33%, #fff 33% 66%, #e1000f 66%); }
.fr-header__service-title { margin: 0; font-size: 20px; font-weight: bold; }
.fr-header__service-tagline { margin: 0; font-size: 14px; color: #3a3a3a; }
.fr-container { max-width: 1000px; margin: 0 auto; padding: 24px 16px 48px; }
.fr-stepper__title { font-size: 22px; margin: 0 0 4px; }
.fr-stepper__state { display: block; font-size: 14px; font-weight: normal; color: #666; }
h1 { font-size: 28px; margin: 0 0 8px; }
.q-card { border: 1px solid #ddd; padding: 24px; margin-top: 20px; }
.q-btn { display: inline-block; padding: 8px 20px; text-decoration: none; font-weight: 500; border: 0; font-size: 16px; cursor: pointer; }
.bg-primary { background: #000091; }
.text-white { color: #fff; }
.fr-btn { background: #000091; color: #fff; border: 0; padding: 8px 20px; font-size: 16px; cursor: pointer; }
.fr-btn--tertiary-no-outline { background: transparent; color: #000091; }
.fr-input-group { margin: 16px 0; }
.fr-label { display: block; margin-bottom: 6px; }
.fr-input { width: 240px; padding: 8px 12px; font-size: 16px; border: 0; border-bottom: 2px solid #3a3a3a; background: #eee; }
.fr-error-text { color: #ce0500; font-size: 14px; margin: 6px 0 0; }
.fr-alert { border-left: 4px solid #ce0500; background: #fff4f3; padding: 10px 16px; margin: 16px 0; }
#BDC_CaptchaComponent { display: flex; align-items: center; gap: 16px; margin: 16px 0; }
.BDC_CaptchaImage { border: 1px solid #ccc; }
.text-center { text-align: center; }
.q-pa-md { padding: 16px; }
.text-bold { font-weight: bold; }
.fr-text--italic { font-style: italic; }
.fr-text--bold { font-weight: bold; }
.semaine { display: flex; gap: 12px; }
.jour { flex: 1; }
.jour ul { list-style: none; padding: 0; margin: 0; }
.cellule { display: flex; justify-content: center; align-items: center; gap: 6px; border: 1px solid #000091; margin: 6px 0; padding: 6px; }
.cellule .fr-label { display: inline; margin: 0; }
.fr-footer { border-top: 2px solid #000091; padding: 20px 0; font-size: 14px; color: #555; }
.fr-footer p { max-width: 1000px; margin: 0 auto; padding: 0 16px; }
`;

export function rdvLayout({ demarche, title, stepLabel, content }: RdvPageParts): string {
  const stepper =
    stepLabel === undefined
      ? ''
      : `<h2 class="fr-stepper__title">${esc(title)}<span class="fr-stepper__state">${esc(stepLabel)}</span></h2>`;
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} - RDV Préfecture</title>
<style>${STYLE}</style>
</head>
<body>
<div id="q-app"><div class="q-layout">
<header role="banner" class="fr-header"><div class="fr-header__body">
<p class="fr-logo">République<br>Française</p>
<div><p class="fr-header__service-title">Rendez-vous en préfecture</p><p class="fr-header__service-tagline">${esc(demarche.prefecture)}</p></div>
</div></header>
<main role="main" class="q-page"><div class="fr-container">
<p class="fr-text--bold">${esc(demarche.title)}</p>
${stepper}
${content}
</div></main>
<footer role="contentinfo" class="fr-footer"><p>Ministère de l'Intérieur — rdv-prefecture.interieur.gouv.fr</p></footer>
</div></div>
</body>
</html>
`;
}
