// Replica — the legacy eZ Publish booking module (docs/sites/legacy.md): `/booking/create/<id>/<step>` with POST-redirect-GET between steps,
// the eZSESSID session, the index pages and the progress images. Decides which page a request gets; the markup lives in
// pages.ts and layout.ts.

import { isFailure, type Behaviour } from '../behaviours.ts';
import { behaviourOf, session, throughFirewall, type ReplicaContext, type SessionCookie } from '../context.ts';
import { failure, notFound } from '../errors.ts';
import { file, page, redirect, withCookie, type Outcome, type ReplicaRequest } from '../http.ts';
import type { Visit } from '../sessions.ts';
import type { BookingForm, LegacySite } from '../sites.ts';
import { firstFreeSlot } from './calendar.ts';
import { COOKIE_CHOICE, legacyLayout } from './layout.ts';
import {
  calendarStep,
  captchaStep,
  conditionsStep,
  descriptionStep,
  guichetStep,
  indexContent,
  manageStep,
  neverBooksStep,
  noSlotStep,
  type Look,
} from './pages.ts';
import { PROGRESS_IMAGE_DIR, progressImage } from './progress.ts';

// with or without the `index.php/` prefix some sites have (docs/sites/legacy.md « Session »); step 5 carries a unix time (docs/sites/legacy.md « Étapes »)
const BOOKING_PATH = /^(\/index\.php)?\/booking\/create\/(\d+)(?:\/(\d+)(?:\/\d+)?)?\/?$/;
const EZ_SESSION: SessionCookie = { name: 'eZSESSID', path: '/' };

// Validation messages of the real module were never seen (docs/sites/legacy.md « Étapes » item 2 [U]).
const CONDITIONS_REFUSED = "Vous devez accepter les conditions d'utilisation pour continuer.";
const NO_GUICHET_CHOSEN = 'Veuillez choisir la nature du rendez-vous.';
// The module's other no-slot answer, as found (« pas calendrier », sic) (docs/sites/legacy.md « Erreurs »).
const NO_CALENDAR = "Il n'y a pas calendrier disponible pour effectuer une demande de rendez-vous";

interface Booking {
  ctx: ReplicaContext;
  request: ReplicaRequest;
  site: LegacySite;
  form: BookingForm;
  /** `/booking/create/<id>`, with the prefix the visitor used */
  path: string;
  /** `<host>/<formId>`, the behaviour key of the form */
  scope: string;
  /** this session's attempt on the form, if it started one with a GET of step 0 */
  visit: Visit | undefined;
}

export function serveLegacy(site: LegacySite, request: ReplicaRequest, ctx: ReplicaContext): Outcome {
  if (request.path.startsWith(`${PROGRESS_IMAGE_DIR}/`)) {
    const image = progressImage(request.path.slice(PROGRESS_IMAGE_DIR.length + 1));
    return image === undefined ? notFound() : file('image/png', image);
  }
  const match = BOOKING_PATH.exec(request.path);
  const form = site.forms.find(({ id }) => id === match?.[2]);
  if (match !== null && form !== undefined) return serveBooking(site, form, match, request, ctx);
  const index = site.indexPage;
  if (index === undefined || index.path !== request.path) return notFound();
  // every page of the CMS opens a session on the first visit (docs/sites/legacy.md « Session »)
  return withCookie(
    render(site, request, index.title, indexContent(index)),
    session(ctx, request, EZ_SESSION).setCookie,
  );
}

function serveBooking(
  site: LegacySite,
  form: BookingForm,
  match: RegExpExecArray,
  request: ReplicaRequest,
  ctx: ReplicaContext,
): Outcome {
  const { id, setCookie } = session(ctx, request, EZ_SESSION);
  const step = Number(match[3] ?? 0);
  const scope = `${site.host}/${form.id}`;
  // each GET of step 0 starts a new attempt, as bots start over from /0 after an error (docs/sites/legacy.md « Erreurs »)
  const startsAttempt = request.method !== 'POST' && step === 0;
  const visit = startsAttempt ? ctx.sessions.startVisit(id, scope) : ctx.sessions.visit(id, scope);
  const booking: Booking = {
    ctx,
    request,
    site,
    form,
    path: `${match[1] ?? ''}/booking/create/${form.id}`,
    scope,
    visit,
  };
  return withCookie(
    throughFirewall(ctx, behaviourOf(ctx, scope, visit), () => respond(booking, step)),
    setCookie,
  );
}

function respond(booking: Booking, step: number): Outcome {
  const { request, visit } = booking;
  if (step >= 5) return renderStep(booking, neverBooksStep(look(booking)));
  if (step === 0)
    return request.method === 'POST'
      ? acceptConditions(booking)
      : renderStep(booking, conditionsStep(look(booking), stepUrl(booking, 0)));
  // steps 1–4 need a session that went through step 0 (docs/sites/legacy.md « Erreurs » [I]); some real sites let bots open /1 directly (docs/sites/legacy.md « Étapes »), the
  // replica is strict so that our bot is proven to walk from step 0
  if (visit === undefined || !visit.passed) return redirect(stepUrl(booking, 0));
  return request.method === 'POST' ? postResult(booking, visit, step) : getResult(booking, visit, step);
}

/** POST /0 → 302 to /1 (several guichets), else straight to the result step (docs/sites/legacy.md « Étapes »). */
function acceptConditions(booking: Booking): Outcome {
  const { visit, form, request } = booking;
  if (visit === undefined) return redirect(stepUrl(booking, 0));
  if (request.form.has('manageButton')) return renderStep(booking, manageStep(look(booking)));
  if (!request.form.has('condition'))
    return renderStep(booking, conditionsStep(look(booking), stepUrl(booking, 0), CONDITIONS_REFUSED));
  // The conditions page comes back with the error list instead of moving on (docs/sites/legacy.md « Erreurs »).
  if (behaviour(booking) === 'no-calendar')
    return renderStep(booking, conditionsStep(look(booking), stepUrl(booking, 0), undefined, [NO_CALENDAR]));
  visit.passed = true;
  return redirect(stepUrl(booking, form.guichets.length > 0 ? 1 : resultStep(behaviour(booking))));
}

function postResult(booking: Booking, visit: Visit, step: number): Outcome {
  const recaptcha = booking.request.form.get('g-recaptcha-response');
  if (recaptcha !== null) {
    visit.captchaSolved = recaptcha !== '';
    return redirect(stepUrl(booking, step));
  }
  switch (step) {
    case 1:
      return chooseGuichet(booking, visit);
    case 2:
      return redirect(stepUrl(booking, 0)); // "Terminer" goes back to step 0 (docs/sites/legacy.md « Étape 2 : aucun créneau »)
    case 3:
      return redirect(stepUrl(booking, 4));
    default:
      return redirect(`${booking.path}/5/${firstFreeSlot()}`); // "Première plage horaire libre" (docs/sites/legacy.md « Étapes 3 et 4 : créneaux »)
  }
}

/** POST /1 with `planning` → 302 to the result step of that guichet (docs/sites/legacy.md « Étapes » item 4). */
function chooseGuichet(booking: Booking, visit: Visit): Outcome {
  const planning = booking.request.form.get('planning');
  const guichet = booking.form.guichets.find((candidate) => candidate.planning === planning);
  if (guichet === undefined)
    return renderStep(booking, guichetStep(look(booking), stepUrl(booking, 1), booking.form, NO_GUICHET_CHOSEN));
  visit.planning = guichet.planning;
  return redirect(stepUrl(booking, resultStep(behaviour(booking))));
}

/** GET of steps 1–4: where errors hit, after the conditions step, as real sites fail under load (docs/sites/legacy.md « Erreurs »). */
function getResult(booking: Booking, visit: Visit, step: number): Outcome {
  const current = behaviour(booking);
  if (isFailure(current)) return failure(current);
  if (current === 'captcha' && !visit.captchaSolved)
    return renderStep(booking, captchaStep(look(booking), stepUrl(booking, step)));
  const { form } = booking;
  if (step === 1)
    return form.guichets.length > 0
      ? renderStep(booking, guichetStep(look(booking), stepUrl(booking, 1), form))
      : redirect(stepUrl(booking, resultStep(current)));
  // availability decides between /2 and /3–/4: step 3 exists only when slots do (docs/sites/legacy.md « Étapes 3 et 4 : créneaux »)
  if (step >= 3 !== (current === 'slots')) return redirect(stepUrl(booking, resultStep(current)));
  if (step === 2) return renderStep(booking, noSlotStep(look(booking), stepUrl(booking, 2)));
  if (step === 3) {
    const guichet = form.guichets.find(({ planning }) => planning === visit.planning);
    return renderStep(booking, descriptionStep(look(booking), stepUrl(booking, 3), form, guichet?.label));
  }
  return renderStep(booking, calendarStep(look(booking), stepUrl(booking, 4), booking.path));
}

function behaviour(booking: Booking): Behaviour {
  return behaviourOf(booking.ctx, booking.scope, booking.visit);
}

function resultStep(behaviour: Behaviour): number {
  return behaviour === 'slots' ? 3 : 2;
}

/** A step's address; absolute on the sites drawn as the real pages, whose form actions are (docs/sites/legacy.md « Étape 2 : aucun créneau »). */
function stepUrl(booking: Booking, step: number): string {
  const origin = booking.site.realBanner === undefined ? '' : booking.request.origin;
  return `${origin}${booking.path}/${step}`;
}

function look(booking: Booking): Look {
  return { real: booking.site.realBanner !== undefined };
}

/** A booking page: the form's name is its <h1> (docs/sites/legacy.md « Étape 1 : guichets »). */
function renderStep(booking: Booking, content: string): Outcome {
  return render(booking.site, booking.request, booking.form.name, content);
}

function render(site: LegacySite, request: ReplicaRequest, heading: string, content: string): Outcome {
  return page(200, legacyLayout({ site, heading, content, cookiesAnswered: request.cookies.has(COOKIE_CHOICE) }));
}
