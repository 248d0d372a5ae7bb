// Replica — the routes of the préfecture with its own booking pages: index → démarche (search form) → POST `recherche`
// → 302 → `resultat`. A GET of the démarche page starts an attempt; the profile chosen plays the part of the legacy
// guichet, so behaviours apply per `<host>/<démarche>` or `<host>/<démarche>/<profile>`.

import { isFailure } from '../behaviours.ts';
import { behaviourOf, session, throughFirewall, type ReplicaContext, type SessionCookie } from '../context.ts';
import { failure, notFound } from '../errors.ts';
import { page, redirect, withCookie, type Outcome, type ReplicaRequest } from '../http.ts';
import type { Visit } from '../sessions.ts';
import {
  demarchePath,
  indexPage,
  neverBooksPage,
  noSlotPage,
  searchPage,
  slotsPage,
  unavailablePage,
  verificationPage,
} from './pages.ts';
import { CUSTOM_HOST, CUSTOM_INDEX_PATH, customDemarches, type CustomDemarche } from './site.ts';

const DEMARCHE_PATH = /^\/rendez-vous\/([a-z0-9-]+)(?:\/(recherche|resultat|reserver))?\/?$/;
const SESSION: SessionCookie = { name: 'PHPSESSID', path: '/' };

// invented, like the whole site
const NO_PROFILE = 'Veuillez indiquer votre situation.';
const NO_CHECKBOX = 'Veuillez confirmer avoir pris connaissance de la liste des pièces à fournir.';

export function serveCustom(request: ReplicaRequest, ctx: ReplicaContext): Outcome {
  const { id, setCookie } = session(ctx, request, SESSION);
  if (request.path === CUSTOM_INDEX_PATH) return withCookie(page(200, indexPage(customDemarches)), setCookie);
  const match = DEMARCHE_PATH.exec(request.path);
  const demarche = customDemarches.find((d) => d.id === match?.[1]);
  if (match === null || demarche === undefined) return notFound();
  const scope = `${CUSTOM_HOST}/${demarche.id}`;
  const pageName = match[2] ?? 'form';
  const startsAttempt = pageName === 'form' && request.method !== 'POST';
  const visit = startsAttempt ? ctx.sessions.startVisit(id, scope) : ctx.sessions.visit(id, scope);
  const respond = (): Outcome => {
    if (pageName === 'form') return page(200, searchPage(demarche));
    if (visit === undefined) return redirect(demarchePath(demarche));
    if (pageName === 'recherche') return search(request, demarche, visit);
    if (pageName === 'reserver') return page(200, neverBooksPage(demarche));
    return result(ctx, scope, demarche, visit);
  };
  return withCookie(throughFirewall(ctx, behaviourOf(ctx, scope, visit), respond), setCookie);
}

/** POST `recherche`: both answers given → 302 to the result; otherwise the form again with what is missing. */
function search(request: ReplicaRequest, demarche: CustomDemarche, visit: Visit): Outcome {
  if (request.method !== 'POST') return redirect(demarchePath(demarche));
  const profile = demarche.profiles.find((p) => p.value === request.form.get('profil'));
  if (demarche.profiles.length > 0 && profile === undefined) return page(200, searchPage(demarche, NO_PROFILE));
  if (!request.form.has('pieces')) return page(200, searchPage(demarche, NO_CHECKBOX));
  visit.passed = true;
  if (profile !== undefined) visit.planning = profile.value;
  return redirect(demarchePath(demarche, 'resultat'));
}

/** GET `resultat`: where the behaviour shows, after the search, as on the other sites. */
function result(ctx: ReplicaContext, scope: string, demarche: CustomDemarche, visit: Visit): Outcome {
  if (!visit.passed) return redirect(demarchePath(demarche));
  const current = behaviourOf(ctx, scope, visit);
  if (current === 'overloaded') return page(200, unavailablePage(demarche));
  if (isFailure(current)) return failure(current);
  if (current === 'captcha') return page(200, verificationPage(demarche));
  return page(200, current === 'slots' ? slotsPage(demarche) : noSlotPage(demarche));
}
