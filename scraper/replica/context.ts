// Replica — the state shared by the page handlers (behaviours, sessions, options), and the rules common to both
// platforms: session cookies, and what a behaviour does to every response of a form.

import type { Behaviour, BehaviourBook } from './behaviours.ts';
import { failure } from './errors.ts';
import { withDelay, type Outcome, type ReplicaRequest } from './http.ts';
import type { Sessions, Visit } from './sessions.ts';
import type { Demarche, LegacySite } from './sites.ts';

export interface ReplicaContext {
  /** The sites served: the bundled ones (sites.ts), with those drawn from target files when asked (catalogue.ts). */
  sites: { legacy: readonly LegacySite[]; demarches: readonly Demarche[] };
  book: BehaviourBook;
  sessions: Sessions;
  slowMs: number;
  captchaCode: string;
}

export interface SessionCookie {
  name: string;
  path: string;
}

export interface Session {
  id: string;
  /** the Set-Cookie value to send when the session was just created */
  setCookie?: string;
}

/**
 * The visitor's session, or a new one on the first visit (eZSESSID docs/sites/legacy.md « Session », JSESSIONID
 * docs/sites/rdv-prefecture.md « Parcours »).
 */
export function session(ctx: ReplicaContext, request: ReplicaRequest, cookie: SessionCookie): Session {
  const id = request.cookies.get(cookie.name);
  if (ctx.sessions.has(id)) return { id };
  return newSessionCookie(ctx.sessions.create(), cookie);
}

export function newSessionCookie(id: string, cookie: SessionCookie): Session {
  return { id, setCookie: `${cookie.name}=${id}; Path=${cookie.path}; HttpOnly` };
}

/**
 * The behaviour of a form (or of its chosen guichet) in the visitor's attempt; a visitor without one sees the latest.
 */
export function behaviourOf(ctx: ReplicaContext, scope: string, visit: Visit | undefined): Behaviour {
  if (visit === undefined) return ctx.book.peek(scope);
  return ctx.book.draw(visit.behaviours, ctx.book.keyFor(scope, visit.planning));
}

/**
 * What a behaviour does to every response of a form, whatever the step: 'forbidden' answers 403 from the very first
 * page (a firewall blocks the whole site, docs/sites/legacy.md « Erreurs »), 'slow' delays each answer.
 */
export function throughFirewall(ctx: ReplicaContext, behaviour: Behaviour, respond: () => Outcome): Outcome {
  if (behaviour === 'forbidden') return failure(behaviour);
  return withDelay(respond(), behaviour === 'slow' ? ctx.slowMs : 0);
}
