/**
 * The rules that decide an outcome, by stable name: the name goes into every record (`evidence.rule`),
 * so a rule may change how it reads a page but never its name. docs/resultats.md lists them all.
 * `kind` says how a rule weighs against the others (classify.ts): `hard` ends the reading (the site did
 * not answer with its page); `captcha`, `error`, `slot` and `no-slot` contradict each other; `weak-no-slot`
 * yields to any slot signal (an empty day on a narrow screen says « Aucun créneau disponible »).
 */
import type { Outcome } from './outcomes.ts';

export type RuleKind = 'hard' | 'captcha' | 'error' | 'slot' | 'no-slot' | 'weak-no-slot' | 'none';

export interface Rule {
  outcome: Outcome;
  kind: RuleKind;
}

export const RULES = {
  'runner-network': { outcome: 'runner-network', kind: 'hard' },
  'http-403': { outcome: 'blocked', kind: 'hard' },
  'firewall-page': { outcome: 'blocked', kind: 'hard' },
  'navigation-failure': { outcome: 'site-error', kind: 'hard' },
  overloaded: { outcome: 'site-error', kind: 'hard' },
  'gateway-error': { outcome: 'site-error', kind: 'hard' },
  'http-5xx': { outcome: 'site-error', kind: 'hard' },
  'error-text': { outcome: 'site-error', kind: 'error' },
  'site-text-error': { outcome: 'site-error', kind: 'error' },
  captcha: { outcome: 'captcha', kind: 'captcha' },
  'rdv-next-availability': { outcome: 'slot-available', kind: 'slot' },
  'rdv-slot-radios': { outcome: 'slot-available', kind: 'slot' },
  'rdv-critere-date': { outcome: 'slot-available', kind: 'slot' },
  'legacy-free-cells': { outcome: 'slot-available', kind: 'slot' },
  'legacy-slot-step': { outcome: 'slot-available', kind: 'slot' },
  'legacy-progress-image': { outcome: 'slot-available', kind: 'slot' },
  'site-text-slots': { outcome: 'slot-available', kind: 'slot' },
  'legacy-no-slot': { outcome: 'no-slot', kind: 'no-slot' },
  'legacy-no-calendar': { outcome: 'no-slot', kind: 'no-slot' },
  'rdv-no-slot-from-date': { outcome: 'no-slot', kind: 'no-slot' },
  'rdv-empty-week': { outcome: 'no-slot', kind: 'no-slot' },
  'rdv-critere-empty': { outcome: 'no-slot', kind: 'no-slot' },
  'rdv-retry-later': { outcome: 'no-slot', kind: 'no-slot' },
  'site-text-no-slot': { outcome: 'no-slot', kind: 'no-slot' },
  'rdv-no-slot-text': { outcome: 'no-slot', kind: 'weak-no-slot' },
  contradiction: { outcome: 'unrecognized', kind: 'none' },
  'driver-stopped': { outcome: 'unrecognized', kind: 'none' },
  'unknown-page': { outcome: 'unrecognized', kind: 'none' },
} as const satisfies Record<string, Rule>;

export type RuleName = keyof typeof RULES;

export const RULE_NAMES = Object.keys(RULES) as RuleName[];
