// Replica — server-side sessions (eZSESSID on the legacy sites docs/sites/legacy.md « Session », JSESSIONID on RDV
// Préfecture docs/sites/rdv-prefecture.md « Parcours »). A session holds one visit per form or démarche; a visit is one
// attempt of the bot on it. Kept in memory only.

import { randomBytes } from 'node:crypto';
import type { AttemptBehaviours } from './behaviours.ts';

export interface Visit {
  /** legacy: the conditions of step 0 were accepted; rdv-prefecture: the captcha was solved */
  passed: boolean;
  /** the guichet chosen at step 1 (legacy forms with several guichets) */
  planning?: string;
  /** the 'captcha' behaviour's widget was solved in this attempt */
  captchaSolved: boolean;
  /** eAppointment: the step reached, its pages sharing one address (motives, then calendar, then details) */
  step?: 'motive' | 'calendar' | 'details';
  behaviours: AttemptBehaviours;
}

export class Sessions {
  private visitsBySession = new Map<string, Map<string, Visit>>();

  /** A new session id: 32 hex characters, like eZ Publish's (docs/sites/legacy.md « Session »). */
  create(): string {
    const id = randomBytes(16).toString('hex');
    this.visitsBySession.set(id, new Map());
    return id;
  }

  has(id: string | undefined): id is string {
    return id !== undefined && this.visitsBySession.has(id);
  }

  visit(id: string | undefined, scope: string): Visit | undefined {
    return id === undefined ? undefined : this.visitsBySession.get(id)?.get(scope);
  }

  /** Starts a new attempt on a form or démarche: everything done before in this session for it is forgotten. */
  startVisit(id: string, scope: string): Visit {
    const visit: Visit = { passed: false, captchaSolved: false, behaviours: new Map() };
    this.visitsBySession.get(id)?.set(scope, visit);
    return visit;
  }

  /** Gives the session a new id, as servers do once a visitor is trusted (against session fixation). */
  rotate(id: string): string {
    const visits = this.visitsBySession.get(id) ?? new Map<string, Visit>();
    this.visitsBySession.delete(id);
    const next = randomBytes(16).toString('hex');
    this.visitsBySession.set(next, visits);
    return next;
  }

  clear(): void {
    this.visitsBySession.clear();
  }
}
