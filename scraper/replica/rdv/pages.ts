// Replica — the pages of one RDV Préfecture démarche (docs/sites/rdv-prefecture.md): entry, captcha (`cgu/`), slots (`creneau/`).
// The slot page is deterministic (fixed publication dates), so two renders of it are identical.

import { esc } from '../http.ts';
import type { Demarche } from '../sites.ts';
import { captchetatElement } from './captcha.ts';
import { rdvLayout } from './layout.ts';

export function demarchePath(demarche: Demarche, page = ''): string {
  return `/rdvpref/reservation/demarche/${demarche.id}/${page}`;
}

/** The "Accueil" page: the q-btn to the captcha and the link to "Gérer mes rendez-vous" (docs/sites/rdv-prefecture.md « Parcours »). */
export function entryPage(demarche: Demarche): string {
  const content = `<h1>${esc(demarche.title)}</h1>
<p>Prenez rendez-vous en ligne pour cette démarche. Munissez-vous de votre adresse électronique et des pièces justificatives demandées.</p>
<p><a class="q-btn q-btn-item bg-primary text-white" href="${demarchePath(demarche, 'cgu/')}">Prendre un rendez-vous</a></p>
<p><a href="/rdvpref/login/">Gérer mes rendez-vous</a></p>`;
  return rdvLayout({ demarche, title: 'Accueil', content });
}

// `?error=` values of the platform (docs/sites/rdv-prefecture.md « Parcours »); the session message wording is [U], "est incorrect" is [V]
const CAPTCHA_ERRORS: Record<string, string> = {
  invalidCaptcha: 'Le code de sécurité saisi est incorrect',
  errorSessionInvalide: 'Votre session a expiré. Veuillez saisir de nouveau le code de sécurité.',
};

/** The captcha page (docs/sites/rdv-prefecture.md « Parcours », docs/sites/rdv-prefecture.md « Captcha »). */
export function captchaPage(demarche: Demarche, captchaId: string, error: string | null): string {
  const message = error === null ? undefined : CAPTCHA_ERRORS[error];
  const invalid = error === 'invalidCaptcha' && message !== undefined;
  const alert =
    message !== undefined && !invalid ? `<div class="fr-alert" role="alert"><p>${esc(message)}</p></div>` : '';
  const inputError = invalid ? `<p id="text-input-captcha-desc-error" class="fr-error-text">${esc(message)}</p>` : '';
  const content = `${alert}<form class="q-card" method="post" action="${demarchePath(demarche, '_validerCaptcha')}">
<p>Afin de vérifier que vous n'êtes pas un robot, saisissez le code de sécurité affiché dans l'image ci-dessous.</p>
${captchetatElement(captchaId)}
<div class="fr-input-group${invalid ? ' fr-input-group--error' : ''}">
<label class="fr-label" for="captchaFormulaireExtInput">Code de sécurité</label>
<input class="fr-input" type="text" id="captchaFormulaireExtInput" name="captchaUsercode" autocomplete="off"${invalid ? ' aria-describedby="text-input-captcha-desc-error"' : ''}>
${inputError}</div>
<button class="fr-btn" type="submit" formaction="${demarchePath(demarche, '_validerCaptcha')}">Suivant</button>
</form>`;
  return rdvLayout({ demarche, title: 'Constituez votre dossier', stepLabel: 'Étape 1 sur 6', content });
}

// The real example of docs/sites/rdv-prefecture.md « Page des créneaux », fixed so that the page never changes; the next publication is replica-made.
const LAST_PUBLICATION = `<p><span class="fr-text--italic fr-text--bold">Dernière mise en ligne de rendez-vous : le 04/05/2026 à 11:58</span><br>
<span class="fr-text--italic">pour des créneaux de la semaine du 18/05/2026</span></p>`;
const NEXT_PUBLICATION = `<p><span class="fr-text--italic fr-text--bold">Prochaine mise en ligne de nouveaux rendez-vous : le 11/05/2026 à 12:00</span><br>
<span class="fr-text--italic">pour des créneaux de la semaine du 25/05/2026</span></p>`;
/** The later slot the 'next-availability' page points to. */
export const NEXT_AVAILABILITY = { shown: '12/01/2027', state: '2027-01-12' };

/** The state the front-end embeds; `datePremiereDispo === ''` means no slot (docs/sites/rdv-prefecture.md « Technologie »). */
function critere(firstSlot: string): string {
  const state = { critere: { datePremiereDispo: firstSlot, dateMin: '2026-05-18', dateMax: '2026-05-24' } };
  return `<script type="application/json" id="rdv-etat">${JSON.stringify(state)}</script>`;
}

/** The message block of the template (docs/sites/rdv-prefecture.md « Page des créneaux » [V]). */
const message = (html: string) => `<div class="text-center q-pa-md">${html}</div>`;

/**
 * `creneau/` as the live page ends up (docs/sites/rdv-prefecture.md « Page des créneaux »): the `rdv-choix-tranche` element is a plain `div` once the script ran.
 * `choice`: the slot grid or the template's message; `after`: the publication lines.
 */
function creneauPage(demarche: Demarche, choice: string, after: string, firstSlot: string): string {
  const content = `<div class="q-card"><div class="choix-tranche">
${choice}
</div>
${after}</div>
${critere(firstSlot)}`;
  return rdvLayout({ demarche, title: 'Choisissez votre créneau', stepLabel: 'Étape 2 sur 6', content });
}

/** The branches of the template where no slot is open (docs/sites/rdv-prefecture.md « Page des créneaux »), by behaviour; 'no-slot' is the last open week. */
export type NoSlotBranch = 'no-slot' | 'empty-week' | 'calendar-hidden';

/** `creneau/` with no slot: the exact template strings of docs/sites/rdv-prefecture.md « Page des créneaux » [V]. */
export function noSlotPage(demarche: Demarche, branch: NoSlotBranch = 'no-slot'): string {
  switch (branch) {
    case 'no-slot':
      return creneauPage(
        demarche,
        message('Aucun créneau disponible à partir de cette date.<br/>Veuillez réessayer ultérieurement.'),
        LAST_PUBLICATION,
        '',
      );
    case 'empty-week':
      return creneauPage(demarche, message('Aucun créneau disponible sur cette semaine'), NEXT_PUBLICATION, '');
    case 'calendar-hidden':
      return creneauPage(
        demarche,
        message('Veuillez réessayer ultérieurement.'),
        NEXT_PUBLICATION + LAST_PUBLICATION,
        '',
      );
  }
}

/** This week is empty, a later one is open: the template's button names its date (docs/sites/rdv-prefecture.md « Page des créneaux »). */
export function nextAvailabilityPage(demarche: Demarche): string {
  const choice = `${message('Aucun créneau disponible sur cette semaine')}
<div class="text-center"><button class="q-btn bg-primary text-white" type="button">Prochaine disponibilité le ${NEXT_AVAILABILITY.shown}</button></div>`;
  return creneauPage(demarche, choice, '', NEXT_AVAILABILITY.state);
}

const SLOT_DAYS = [
  { day: 'lundi', date: '18/05', times: ['09h30', '10h00'] },
  { day: 'mercredi', date: '20/05', times: ['14h15'] },
];

/**
 * `creneau/` with slots: day headers and `trhId_` radios (docs/sites/rdv-prefecture.md « Page des créneaux » [V]); the ids are replica-made. Only days that have slots
 * are shown: an empty day's "Aucun créneau disponible" would read as no-slot to bots that test that substring (docs/sites/rdv-prefecture.md « Page des créneaux »).
 */
export function slotsPage(demarche: Demarche): string {
  let counter = 0;
  const days = SLOT_DAYS.map(({ day, date, times }) => {
    const slots = times.map((time) => {
      const id = `${demarche.id}${String(++counter).padStart(3, '0')}`;
      return `<li class="row cellule justify-center radio-card"><input type="radio" name="trhId" id="trhId_${id}" data-value="${id}"/><label class="fr-label" for="trhId_${id}">${time}</label></li>`;
    });
    return `<div class="jour"><h3 class="celulleHeader text-bold text-center">${day}<br/>${date}</h3><ul>${slots.join('')}</ul></div>`;
  });
  const choice = `<div class="semaine">${days.join('')}</div>
<button class="fr-btn fr-btn--tertiary-no-outline" type="button">Voir plus de créneaux</button>`;
  return creneauPage(demarche, choice, '', '18/05/2026');
}
