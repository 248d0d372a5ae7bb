// Replica — the routes of the eAppointment préfecture. `appointment.do` starts a visit and leads to `appointment.jsp`,
// which shows the step the visit has reached (motives, date and hours, personal details): the platform keeps one
// address for all its steps. The DWR calls answer as the real ones are read by their pages: a motive call says whether
// availabilities were found (else the message the page alerts), an hours call lists a day's hours. Behaviours apply per
// `<host>` or per motive, `<host>/<key>` (the first motive ticked).

import { isFailure } from '../behaviours.ts';
import { behaviourOf, session, throughFirewall, type ReplicaContext, type SessionCookie } from '../context.ts';
import { failure, notFound } from '../errors.ts';
import { file, page, redirect, withCookie, type Outcome, type ReplicaRequest } from '../http.ts';
import type { Visit } from '../sessions.ts';
import { calendarPage, detailsPage, DWR, motivePage, neverBooksPage, PAGE_PATH } from './pages.ts';
import {
  EAPPOINTMENT_HOST,
  EAPPOINTMENT_START,
  EAPPOINTMENT_TEXTS,
  eappointmentMotives,
  HOURS,
  OPEN_DAYS,
} from './site.ts';

const SESSION: SessionCookie = { name: 'JSESSIONID', path: '/' };
// invented: what the replica answers when « Continuer » is pressed with no motive ticked
const NO_MOTIVE = 'Veuillez sélectionner au moins un motif.';

/** A DWR reply: script that hands the result to the page's callback. */
const dwrReply = (result: unknown): Outcome =>
  file(
    'text/javascript; charset=utf-8',
    `//#DWR-INSERT\n//#DWR-REPLY\ndwr.engine.remote.handleCallback("1","0",${JSON.stringify(result)});\n`,
  );

export function serveEappointment(request: ReplicaRequest, ctx: ReplicaContext): Outcome {
  const { id, setCookie } = session(ctx, request, SESSION);
  const scope = EAPPOINTMENT_HOST;
  const starts = request.path === EAPPOINTMENT_START && request.method !== 'POST';
  const visit = starts ? ctx.sessions.startVisit(id, scope) : ctx.sessions.visit(id, scope);
  const respond = (): Outcome => {
    if (starts) return redirect(PAGE_PATH);
    if (request.path === PAGE_PATH) return stepPage(ctx, visit ?? ctx.sessions.startVisit(id, scope));
    if (visit === undefined) return redirect(EAPPOINTMENT_START);
    if (request.path === EAPPOINTMENT_START) return submit(request, visit);
    if (request.path === `${DWR}/AjaxMotive.motiveMultiSiteSubmit.dwr`) return motives(request, ctx, visit);
    if (request.path === `${DWR}/AjaxSelectionFormFeeder.getHoursProposalForADay.dwr`) return hours(request, visit);
    return notFound();
  };
  return withCookie(throughFirewall(ctx, behaviourOf(ctx, scope, visit), respond), setCookie);
}

/** The page of the step the visit has reached; past the motives, where the motive's behaviour shows. */
function stepPage(ctx: ReplicaContext, visit: Visit): Outcome {
  if (visit.step === undefined || visit.step === 'motive') return page(200, motivePage(eappointmentMotives));
  const current = behaviourOf(ctx, EAPPOINTMENT_HOST, visit);
  if (isFailure(current)) return failure(current);
  return page(200, visit.step === 'details' ? detailsPage() : calendarPage());
}

/** AjaxMotive.motiveMultiSiteSubmit: `c0-param1=Object_Object:{20:reference:c0-e1}` holds the motives ticked. */
function motives(request: ReplicaRequest, ctx: ReplicaContext, visit: Visit): Outcome {
  const map = request.form.get('c0-param1') ?? '';
  const keys = [...map.matchAll(/(\d+):reference/g)].map((m) => m[1]);
  const motive = eappointmentMotives.find((m) => keys.includes(m.key));
  if (motive === undefined) return dwrReply({ foundAvailabilities: false, msg: NO_MOTIVE });
  visit.planning = motive.key;
  const current = behaviourOf(ctx, EAPPOINTMENT_HOST, visit);
  // An error shows on the page the script then opens; every other answer but slots is the no-slot alert.
  if (current !== 'slots' && !isFailure(current))
    return dwrReply({ foundAvailabilities: false, msg: EAPPOINTMENT_TEXTS.noSlot });
  visit.passed = true;
  return dwrReply({ foundAvailabilities: true });
}

/** AjaxSelectionFormFeeder.getHoursProposalForADay: `c0-param2=string:2027-01-14` → that day's hours. */
function hours(request: ReplicaRequest, visit: Visit): Outcome {
  const day = /string:2027-01-(\d\d)$/.exec(request.form.get('c0-param2') ?? '')?.[1];
  const open = visit.step === 'calendar' && (OPEN_DAYS as readonly string[]).includes(String(Number(day)));
  return dwrReply(open ? HOURS : []);
}

/** POST `appointment.do` (form2): moves the visit one step on, when what that step asks was given. */
function submit(request: ReplicaRequest, visit: Visit): Outcome {
  const step = request.form.get('step');
  if (step === 'motive' && visit.passed) visit.step = 'calendar';
  else if (
    step === 'hour' &&
    visit.step === 'calendar' &&
    (HOURS as readonly string[]).includes(request.form.get('timeArea') ?? '')
  )
    visit.step = 'details';
  else if (step === 'book') return page(200, neverBooksPage());
  return redirect(PAGE_PATH);
}
