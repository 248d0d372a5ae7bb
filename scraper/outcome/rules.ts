/**
 * The rules that decide an outcome, by stable name: the name goes into every record (`evidence.rule`),
 * so a rule may change how it reads a page but never its name. docs/resultats.md lists them all.
 * `kind` says how a rule weighs against the others (classify.ts): `hard` ends the reading (the site did
 * not answer with its page); `captcha`, `error`, `slot` and `no-slot` contradict each other; `weak-no-slot`
 * yields to any slot signal (an empty day on a narrow screen says « Aucun créneau disponible »).
 * `description` says in plain French what the rule saw, never in the page's words: what the page said is
 * quoted apart (`evidence.quote`), and only when it is verbatim page text.
 */
import type { Outcome } from './outcomes.ts';

export type RuleKind = 'hard' | 'captcha' | 'error' | 'slot' | 'no-slot' | 'weak-no-slot' | 'none';

export interface Rule {
  outcome: Outcome;
  kind: RuleKind;
  /** What the rule saw, in the tool's words; classify.ts makes it precise where it can (a count, a status). */
  description: string;
}

export const RULES = {
  'runner-network': {
    outcome: 'runner-network',
    kind: 'hard',
    description: 'site non joint par le robot (réseau de la machine, DNS, connexion refusée, proxy ou TLS)',
  },
  'http-403': { outcome: 'blocked', kind: 'hard', description: 'réponse HTTP 403 (accès refusé par le serveur)' },
  'firewall-page': { outcome: 'blocked', kind: 'hard', description: 'page de pare-feu ou de refus d’accès' },
  'navigation-failure': { outcome: 'site-error', kind: 'hard', description: 'la page finale n’a pas pu être chargée' },
  overloaded: { outcome: 'site-error', kind: 'hard', description: 'page de service surchargé' },
  'gateway-error': {
    outcome: 'site-error',
    kind: 'hard',
    description: 'page d’erreur 50x du serveur ou de sa passerelle',
  },
  'http-5xx': { outcome: 'site-error', kind: 'hard', description: 'réponse HTTP 500 ou plus' },
  'error-text': { outcome: 'site-error', kind: 'error', description: 'message d’erreur du site' },
  'site-text-error': {
    outcome: 'site-error',
    kind: 'error',
    description: 'texte d’erreur de la démarche (fichier cible)',
  },
  captcha: { outcome: 'captcha', kind: 'captcha', description: 'captcha détecté' },
  'code-field-captcha': {
    outcome: 'captcha',
    kind: 'captcha',
    description: 'champ de code à recopier d’une image ou d’un son (captcha reconnu à son libellé)',
  },
  'rdv-next-availability': {
    outcome: 'slot-available',
    kind: 'slot',
    description: 'prochaine disponibilité annoncée par la page',
  },
  'rdv-slot-radios': { outcome: 'slot-available', kind: 'slot', description: 'créneaux proposés (boutons trhId)' },
  'rdv-critere-date': {
    outcome: 'slot-available',
    kind: 'slot',
    description: 'date du premier créneau dans l’état embarqué de la page',
  },
  'legacy-free-cells': { outcome: 'slot-available', kind: 'slot', description: 'plages libres dans le calendrier' },
  'legacy-slot-step': {
    outcome: 'slot-available',
    kind: 'slot',
    description: 'étape du choix de créneau, affichée seulement s’il y a des créneaux',
  },
  'legacy-progress-image': {
    outcome: 'slot-available',
    kind: 'slot',
    description: 'barre de progression à l’étape 3 ou 4, atteinte seulement s’il y a des créneaux',
  },
  'site-text-slots': {
    outcome: 'slot-available',
    kind: 'slot',
    description: 'texte de créneaux disponibles de la démarche (fichier cible)',
  },
  'offered-hours': { outcome: 'slot-available', kind: 'slot', description: 'heures de rendez-vous proposées au choix' },
  'selectable-days': { outcome: 'slot-available', kind: 'slot', description: 'jours à choisir dans un calendrier' },
  'free-cells-text': { outcome: 'slot-available', kind: 'slot', description: 'cases de tableau marquées libres' },
  'legacy-no-slot': { outcome: 'no-slot', kind: 'no-slot', description: 'message d’absence de plage horaire libre' },
  'legacy-no-calendar': { outcome: 'no-slot', kind: 'no-slot', description: 'message d’absence de calendrier' },
  'rdv-no-slot-from-date': {
    outcome: 'no-slot',
    kind: 'no-slot',
    description: 'aucun créneau à partir de la date affichée',
  },
  'rdv-empty-week': {
    outcome: 'no-slot',
    kind: 'no-slot',
    description: 'semaine sans créneau, sans prochaine disponibilité annoncée',
  },
  'rdv-critere-empty': {
    outcome: 'no-slot',
    kind: 'no-slot',
    description: 'état embarqué de la page sans date de premier créneau',
  },
  'rdv-retry-later': {
    outcome: 'no-slot',
    kind: 'no-slot',
    description: 'page des créneaux sans calendrier, qui invite à réessayer plus tard',
  },
  'site-text-no-slot': {
    outcome: 'no-slot',
    kind: 'no-slot',
    description: 'texte d’absence de créneau de la démarche (fichier cible)',
  },
  'rdv-no-slot-text': {
    outcome: 'no-slot',
    kind: 'weak-no-slot',
    description: 'mention d’absence de créneau, sans autre signal',
  },
  contradiction: { outcome: 'unrecognized', kind: 'none', description: 'signaux contradictoires' },
  'driver-stopped': {
    outcome: 'unrecognized',
    kind: 'none',
    description: 'le robot s’est arrêté avant la page finale',
  },
  'unknown-page': { outcome: 'unrecognized', kind: 'none', description: 'page inconnue : aucun signal reconnu' },
} as const satisfies Record<string, Rule>;

export type RuleName = keyof typeof RULES;

export const RULE_NAMES = Object.keys(RULES) as RuleName[];
