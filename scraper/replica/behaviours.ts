// Replica — what each booking form does on a given attempt.
// Reads the behaviours given by the test (per form, per guichet, per démarche); keeps one attempt counter per key.
// Writes nothing outside its own state.

/** Every behaviour a form of the replica can show; the comments say what the bot sees. */
export const BEHAVIOURS = [
  'no-slot', // legacy: « Il n'existe plus de plage horaire libre… » (docs/sites/legacy.md « Étape 2 : aucun créneau »); rdv-prefecture: « Aucun créneau disponible… » (docs/sites/rdv-prefecture.md « Page des créneaux »)
  'slots', // legacy: step 3 then the step 4 calendar (docs/sites/legacy.md « Étapes 3 et 4 : créneaux »); rdv-prefecture: creneau page with trhId_ radios (docs/sites/rdv-prefecture.md « Page des créneaux »)
  'overloaded', // the real « Service surchargé » page: no <title>, an <h1> and the long sentence (docs/sites/legacy.md « Erreurs »), status 200
  'overloaded-503', // the same page answered 503, as it also is (docs/sites/legacy.md « Erreurs »)
  'bad-gateway', // nginx 502 (docs/sites/legacy.md « Erreurs »)
  'unavailable', // nginx 503 (docs/sites/legacy.md « Erreurs »)
  'haproxy', // the bare HAProxy 503 « No server is available to handle this request. » (docs/sites/legacy.md « Erreurs »)
  'gateway-timeout', // nginx 504 (docs/sites/legacy.md « Erreurs »)
  'forbidden', // 403 from the first page on: a firewall blocks the whole form (docs/sites/legacy.md « Erreurs »)
  'hang', // the request is accepted and never answered
  'slow', // answers normally, every response of the form waits `slowMs`
  'unknown-page', // a page the bot does not know: the site changed
  'captcha', // legacy: a static reCAPTCHA v2-like widget before the result (docs/sites/legacy.md « Captcha »); rdv-prefecture shows its captcha anyway
  // The other real answers (docs/sites/legacy.md « Erreurs », docs/sites/rdv-prefecture.md « Page des créneaux »); on the other platform each reads as 'no-slot'.
  'no-calendar', // legacy: the conditions POST answers the conditions page with `ul.error` « Il n'y a pas calendrier disponible… »
  'next-availability', // rdv-prefecture: « Aucun créneau disponible sur cette semaine » + « Prochaine disponibilité le 12/01/2027 »
  'empty-week', // rdv-prefecture: « Aucun créneau disponible sur cette semaine » without a later date, next publication line
  'calendar-hidden', // rdv-prefecture: « Veuillez réessayer ultérieurement. » alone, both publication lines
] as const;

export type Behaviour = (typeof BEHAVIOURS)[number];

export function isBehaviour(value: string): value is Behaviour {
  return (BEHAVIOURS as readonly string[]).includes(value);
}

/** Behaviours under which the site serves its own pages; the others replace them by an error page (see errors.ts). */
const SERVING = [
  'no-slot',
  'slots',
  'slow',
  'captcha',
  'no-calendar',
  'next-availability',
  'empty-week',
  'calendar-hidden',
] as const;
export type FailureBehaviour = Exclude<Behaviour, (typeof SERVING)[number]>;

export function isFailure(behaviour: Behaviour): behaviour is FailureBehaviour {
  return !(SERVING as readonly Behaviour[]).includes(behaviour);
}

/** The behaviours an attempt has drawn so far, one per key, so that reloading a page of the same attempt shows the same thing. */
export type AttemptBehaviours = Map<string, Behaviour>;

/**
 * The behaviours configured by the test and the attempt counters.
 * A key is `<host>/<formId>`, `<host>/<formId>/<planningId>` (one guichet, wins over the form key) or `<host>/<demarcheId>`.
 * An array is a sequence per attempt: attempt n draws element n, the last element repeats.
 */
export class BehaviourBook {
  private configured = new Map<string, Behaviour[]>();
  private attempts = new Map<string, number>();

  constructor(private readonly initial: Record<string, Behaviour | Behaviour[]> = {}) {
    this.reset();
  }

  set(key: string, behaviour: Behaviour | Behaviour[]): void {
    const sequence = Array.isArray(behaviour) ? [...behaviour] : [behaviour];
    if (sequence.length === 0)
      throw new Error(`replica: empty behaviour sequence for ${key}; give at least one behaviour`);
    this.configured.set(key, sequence);
    this.attempts.delete(key);
  }

  reset(): void {
    this.configured.clear();
    this.attempts.clear();
    for (const [key, behaviour] of Object.entries(this.initial)) this.set(key, behaviour);
  }

  /** The key that governs a form, or one of its guichets when the test configured that guichet. */
  keyFor(scope: string, planning?: string): string {
    const planningKey = planning === undefined ? undefined : `${scope}/${planning}`;
    return planningKey !== undefined && this.configured.has(planningKey) ? planningKey : scope;
  }

  /** The behaviour of `key` in this attempt; the first call of an attempt draws the next element of the sequence. */
  draw(attempt: AttemptBehaviours, key: string): Behaviour {
    const drawn = attempt.get(key);
    if (drawn !== undefined) return drawn;
    const index = this.attempts.get(key) ?? 0;
    this.attempts.set(key, index + 1);
    const behaviour = this.at(key, index);
    attempt.set(key, behaviour);
    return behaviour;
  }

  /** The behaviour of the latest attempt on `key`, without starting one (for visitors with no session). */
  peek(key: string): Behaviour {
    return this.at(key, Math.max(0, (this.attempts.get(key) ?? 0) - 1));
  }

  private at(key: string, index: number): Behaviour {
    const sequence = this.configured.get(key) ?? ['no-slot'];
    return sequence[Math.min(index, sequence.length - 1)] ?? 'no-slot';
  }
}
