// Replica — the `#inner_Booking` block of each step of the legacy booking module (docs/sites/legacy.md « Étape 0 : conditions »–docs/sites/legacy.md « Captcha »), and the index pages.
// Pure functions of their arguments: nothing random or dated, so a page renders identically twice (the evidence needs it).

import { esc } from '../http.ts';
import type { BookingForm, IndexPage } from '../sites.ts';
import { calendarTable } from './calendar.ts';
import { progressBar, realProgressBar } from './progress.ts';

/**
 * How a site draws the module. `real`: as on the pages saved from Val-d'Oise and Hérault (docs/sites/legacy.md « Étape 2 : aucun créneau », docs/sites/legacy.md « Erreurs »): the progress bar
 * outside `#inner_Booking`, the hidden help and contact boxes, the conditions page with a second button.
 */
export interface Look {
  real: boolean;
}

/** The form every step posts, with the raw server classes (`jqtransformdone` is added by a browser plugin, docs/sites/legacy.md « Étape 1 : guichets »). */
function bookingForm(action: string, inner: string): string {
  return `<form name="create" class="jqTransform FormValidate" id="FormBookingCreate" method="post" action="${esc(action)}">${inner}</form>`;
}

function button(name: string, value: string, title?: string): string {
  const titled = title === undefined ? '' : ` title="${esc(title)}"`;
  return `<input type="submit" name="${name}" value="${esc(value)}" class="Bbutton"${titled}>`;
}

function submit(name: 'nextButton' | 'finishButton', value: string, title?: string): string {
  return `<div id="submit_Booking">${button(name, value, title)}</div>`;
}

/** The help and contact boxes of the real pages, hidden until asked for; their « Contacts » heading is hidden too (docs/sites/legacy.md « Étape 2 : aucun créneau »). */
const DIALOG =
  '<ul class="aide_Booking"><li><a href="#aide">Aide en ligne</a></li><li><a href="#contacts">Contacts</a></li></ul>' +
  '<div id="dialog_Booking" style="display: none;"><div id="aide"><h2>Aide en ligne</h2><p>Suivez les étapes dans l’ordre.</p></div>' +
  '<div id="contacts"><h2>Contacts</h2><p>Bureau du séjour</p></div><a href="#fermer">Fermer</a></div>';

function innerBooking(look: Look, step: number, heading: string, body: string): string {
  if (look.real)
    return `<div id="global_Booking"><ul id="Progress_Booking">${realProgressBar(step)}</ul><div id="inner_Booking"><h2>${esc(heading)}</h2>\n${body}\n</div>${DIALOG}</div>`;
  const progress = step > 0 ? progressBar(step) : '';
  return `<div id="inner_Booking">${progress}<h2>${esc(heading)}</h2>\n${body}\n</div>`;
}

function errorMessage(message: string | undefined): string {
  return message === undefined ? '' : `<p class="Berreur" role="alert">${esc(message)}</p>`;
}

// The full conditions text was never found (docs/sites/legacy.md « Étape 0 : conditions » [U]): a plausible summary.
const CONDITIONS = [
  'Ce service vous permet de prendre rendez-vous en ligne au guichet de la préfecture. Un seul rendez-vous peut être pris par personne et par démarche.',
  "Votre demande de rendez-vous n'est enregistrée qu'après sa confirmation par le lien reçu par courriel. Présentez-vous à l'heure indiquée, muni de votre convocation et des pièces justificatives demandées.",
  'Les informations recueillies font l’objet d’un traitement informatique destiné à la gestion des rendez-vous.',
];

/**
 * Step 0 (docs/sites/legacy.md « Étape 0 : conditions », docs/sites/legacy.md « Étapes » item 1). The <h2> wording is [U]; the label, title and button are [V]. `errors`: the `ul.error` list
 * the module answers the conditions POST with, as « Il n'y a pas calendrier disponible… » (docs/sites/legacy.md « Erreurs »). The real look has the
 * second button « Annuler, consulter et gérer… » first, so that only a driver reading the buttons takes the right one.
 */
export function conditionsStep(look: Look, action: string, error?: string, errors: string[] = []): string {
  const conditions = `<div class="conditions">${CONDITIONS.map((text) => `<p>${esc(text)}</p>`).join('')}</div>`;
  const checkbox =
    '<div id="condition_Booking"><input type="checkbox" name="condition" id="condition" title="Cliquez la case pour accepter les conditions d&#39;utilisation avant de continuer le processus de prise de rendez-vous.">' +
    ' <label for="condition">Veuillez cocher la case pour accepter les conditions d&#39;utilisation avant de continuer le processus de prise de rendez-vous.</label></div>';
  const list = errors.length === 0 ? '' : `<ul class="error">${errors.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>`;
  const buttons = look.real
    ? `<div id="submit_Booking">${button('manageButton', 'Annuler, consulter et gérer mes demandes de rendez-vous')} ${button('nextButton', 'Effectuer une demande de rendez-vous')}</div>`
    : submit('nextButton', 'Effectuer une demande de rendez-vous');
  return innerBooking(
    look,
    0,
    "Conditions d'utilisation",
    conditions + bookingForm(action, list + errorMessage(error) + checkbox + buttons),
  );
}

/** Where « Annuler, consulter et gérer mes demandes de rendez-vous » leads: not the booking. */
export function manageStep(look: Look): string {
  return innerBooking(
    look,
    0,
    'Gérer mes demandes de rendez-vous',
    '<p>Saisissez le numéro de votre demande et votre adresse électronique pour la consulter ou l’annuler.</p>',
  );
}

/** Step 1, one radio per guichet (docs/sites/legacy.md « Étape 1 : guichets », transcribed from a DevTools screenshot). */
export function guichetStep(look: Look, action: string, form: BookingForm, error?: string): string {
  const radios = form.guichets.map(
    ({ planning, label }) =>
      `<p class="Bligne"><input type="radio" class="radio" value="${planning}" name="planning" id="planning${planning}"> <label for="planning${planning}">${esc(label)}</label></p>`,
  );
  const fieldset = `<fieldset id="fchoix_Booking"><legend>Que souhaitez-vous effectuer ?</legend>${radios.join('')}</fieldset>`;
  return innerBooking(
    look,
    1,
    'Choix de la nature du rendez-vous',
    bookingForm(action, errorMessage(error) + fieldset + submit('nextButton', 'Etape suivante')),
  );
}

/** Step 2, the page our bot screenshots: the form's whole visible text is the message (docs/sites/legacy.md « Étape 2 : aucun créneau » [V]). */
export function noSlotStep(look: Look, action: string): string {
  const message =
    "Il n'existe plus de plage horaire libre pour votre demande de rendez-vous. Veuillez recommencer ultérieurement.";
  return innerBooking(
    look,
    2,
    'Vérification de disponibilité',
    bookingForm(
      action,
      esc(message) +
        submit('finishButton', 'Terminer', look.real ? 'Cliquez ici pour terminer le processus' : undefined),
    ),
  );
}

/** Step 3, shown only when slots exist (docs/sites/legacy.md « Étapes 3 et 4 : créneaux »). The description itself is [U]. */
export function descriptionStep(look: Look, action: string, form: BookingForm, guichet: string | undefined): string {
  const chosen = guichet === undefined ? form.name : `${form.name} — ${guichet}`;
  const body =
    `<p>Vous avez choisi : <strong>${esc(chosen)}</strong>.</p>` +
    '<p>Munissez-vous des originaux et des copies des pièces justificatives. Toute demande incomplète ne pourra pas être traitée.</p>';
  return innerBooking(
    look,
    3,
    'Description de la nature du rendez-vous',
    bookingForm(action, body + submit('nextButton', 'Etape suivante')),
  );
}

/** Step 4, the week calendar (docs/sites/legacy.md « Étapes 3 et 4 : créneaux »); its free cells link to `<bookingPath>/5/<ts>`. */
export function calendarStep(look: Look, action: string, bookingPath: string): string {
  return innerBooking(
    look,
    4,
    "Choix d'une plage horaire",
    bookingForm(action, calendarTable(bookingPath) + submit('nextButton', 'Première plage horaire libre')),
  );
}

/**
 * The 'captcha' behaviour: a Google reCAPTCHA v2-like widget before the result, as some sites had by 2021 (docs/sites/legacy.md « Captcha » [U]).
 * The real widget lives in an iframe from google.com; this one is static and local (no network): ticking the box fills
 * `g-recaptcha-response` with a replica token, so an operator can pass it.
 */
export function captchaStep(look: Look, action: string): string {
  const widget =
    '<p>Veuillez confirmer que vous n&#39;êtes pas un robot pour continuer.</p>' +
    '<div class="g-recaptcha" data-sitekey="replica-recaptcha-site-key">' +
    '<div id="recaptcha-anchor" role="checkbox" aria-checked="false" aria-labelledby="recaptcha-anchor-label" tabindex="0"></div>' +
    '<span id="recaptcha-anchor-label">Je ne suis pas un robot</span>' +
    '<textarea id="g-recaptcha-response" name="g-recaptcha-response" class="g-recaptcha-response" style="display: none;"></textarea></div>';
  const script = `<script>document.getElementById('recaptcha-anchor').addEventListener('click', function () {
  this.setAttribute('aria-checked', 'true');
  document.getElementById('g-recaptcha-response').value = 'replica-recaptcha-token';
});</script>`;
  return innerBooking(
    look,
    6,
    'Contrôle de sécurité',
    bookingForm(action, widget + submit('nextButton', 'Etape suivante')) + script,
  );
}

/** Steps 5 and after book a real appointment: the replica never goes there, and our bot must not either. */
export function neverBooksStep(look: Look): string {
  return innerBooking(
    look,
    5,
    'Réplique : aucune réservation',
    '<p class="Berreur">Cette réplique de test ne réserve jamais de rendez-vous. Le robot ne doit pas aller au-delà du calendrier (étape 4).</p>',
  );
}

export function indexContent(index: IndexPage): string {
  const links = index.links.map(({ text, href }) => `<li><a href="${esc(href)}">${esc(text)}</a></li>`);
  return `<div class="contenu"><p>Choisissez la démarche pour laquelle vous souhaitez prendre rendez-vous :</p><ul class="liens">${links.join('')}</ul></div>`;
}
