// Replica — RDV Préfecture (docs/sites/rdv-prefecture.md): entry → `cgu/` (captcha) → POST `_validerCaptcha` →
// `creneau/`, with the JSESSIONID session. Decides which page a request gets; the markup lives in pages.ts and
// captcha.ts.

import { randomBytes } from 'node:crypto';
import { isFailure } from '../behaviours.ts';
import {
  behaviourOf,
  newSessionCookie,
  session,
  throughFirewall,
  type ReplicaContext,
  type SessionCookie,
} from '../context.ts';
import { failure, notFound } from '../errors.ts';
import { file, page, redirect, withCookie, type Outcome, type ReplicaRequest } from '../http.ts';
import type { Visit } from '../sessions.ts';
import { RDV_HOST, type Demarche } from '../sites.ts';
import { CAPTCHA_ENDPOINT, captchaImage, captchaMatches } from './captcha.ts';
import { captchaPage, demarchePath, entryPage, nextAvailabilityPage, noSlotPage, slotsPage } from './pages.ts';

const DEMARCHE_PATH = /^\/rdvpref\/reservation\/demarche\/(\d+)(?:\/(cgu|creneau|_validerCaptcha))?\/?$/;
// path /rdvpref as on the platform (docs/sites/rdv-prefecture.md « Parcours »)
const J_SESSION: SessionCookie = { name: 'JSESSIONID', path: '/rdvpref' };

type DemarchePage = 'entry' | 'cgu' | 'creneau' | '_validerCaptcha';

interface Booking {
  ctx: ReplicaContext;
  request: ReplicaRequest;
  demarche: Demarche;
  /** `<host>/<demarcheId>`, the behaviour key of the démarche */
  scope: string;
  sessionId: string;
  visit: Visit;
}

export function serveRdv(request: ReplicaRequest, ctx: ReplicaContext): Outcome {
  if (request.path === CAPTCHA_ENDPOINT) {
    return request.query.get('get') === 'image' ? file('image/svg+xml', captchaImage(ctx.captchaCode)) : notFound();
  }
  const match = DEMARCHE_PATH.exec(request.path);
  const demarche = ctx.sites.demarches.find(({ id }) => id === match?.[1]);
  if (match === null || demarche === undefined) return notFound();
  const pageName = (match[2] ?? 'entry') as DemarchePage;

  const { id, setCookie } = session(ctx, request, J_SESSION);
  const scope = `${RDV_HOST}/${demarche.id}`;
  // each GET of the entry page starts a new attempt; a visitor who comes straight to cgu/ starts one there
  const startsAttempt = pageName === 'entry' && request.method !== 'POST';
  const visit = (startsAttempt ? undefined : ctx.sessions.visit(id, scope)) ?? ctx.sessions.startVisit(id, scope);
  const booking: Booking = { ctx, request, demarche, scope, sessionId: id, visit };
  const respond = (): Outcome => {
    switch (pageName) {
      case 'entry':
        return page(200, entryPage(demarche));
      case 'cgu':
        return page(200, captchaPage(demarche, randomBytes(16).toString('hex'), request.query.get('error')));
      case '_validerCaptcha':
        return validateCaptcha(booking, setCookie !== undefined);
      case 'creneau':
        return showCreneau(booking);
    }
  };
  return withCookie(throughFirewall(ctx, behaviourOf(ctx, scope, visit), respond), setCookie);
}

/**
 * POST `_validerCaptcha` (docs/sites/rdv-prefecture.md « Parcours »): right code → `creneau/` with a fresh, trusted
 * JSESSIONID; wrong → `cgu/?error=invalidCaptcha`.
 */
function validateCaptcha({ ctx, request, demarche, sessionId, visit }: Booking, sessionIsNew: boolean): Outcome {
  if (request.method !== 'POST') return redirect(demarchePath(demarche, 'cgu/'));
  // the captcha was issued for a session the server no longer knows
  if (sessionIsNew) return redirect(demarchePath(demarche, 'cgu/?error=errorSessionInvalide'));
  if (!captchaMatches(request.form.get('captchaUsercode') ?? '', ctx.captchaCode)) {
    return redirect(demarchePath(demarche, 'cgu/?error=invalidCaptcha'));
  }
  visit.passed = true;
  const trusted = ctx.sessions.rotate(sessionId);
  return withCookie(redirect(demarchePath(demarche, 'creneau/')), newSessionCookie(trusted, J_SESSION).setCookie);
}

/**
 * `creneau/`: only after the captcha (docs/sites/rdv-prefecture.md « Parcours »); where errors hit, after the captcha
 * step, as on the legacy sites.
 */
function showCreneau({ ctx, demarche, scope, visit }: Booking): Outcome {
  if (!visit.passed) return redirect(demarchePath(demarche, 'cgu/?error=errorSessionInvalide'));
  const current = behaviourOf(ctx, scope, visit);
  if (isFailure(current)) return failure(current);
  // 'captcha' changes nothing here: this platform always has its captcha; 'no-calendar' is a legacy answer
  switch (current) {
    case 'slots':
      return page(200, slotsPage(demarche));
    case 'next-availability':
      return page(200, nextAvailabilityPage(demarche));
    case 'empty-week':
    case 'calendar-hidden':
      return page(200, noSlotPage(demarche, current));
    default:
      return page(200, noSlotPage(demarche));
  }
}
