/** The outcomes an attempt can have, and how they read in French on exhibits, the site and dossiers. */

/** What the préfecture's site showed: the site's statistics and the dossiers are made of these only. */
export const SITE_OUTCOMES = ['no-slot', 'slot-available', 'captcha', 'site-error', 'blocked', 'unrecognized'] as const;
export type SiteOutcome = (typeof SITE_OUTCOMES)[number];

/**
 * `runner-network`: the robot could not reach the site at all (name not resolved, connection refused or reset,
 * proxy, TLS). Kept in the archive and alerted, but it says nothing of the préfecture (docs/resultats.md).
 */
export const OUTCOMES = [...SITE_OUTCOMES, 'runner-network'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<Outcome, string> = {
  'no-slot': 'Aucun créneau disponible',
  'slot-available': 'Créneau disponible',
  captcha: 'Captcha avant la page des créneaux (non résolu)',
  'site-error': 'Erreur du site de la préfecture',
  blocked: 'Accès bloqué par le site',
  unrecognized: 'Page non reconnue (le site a changé\u00a0?)',
  'runner-network': 'Réseau du robot : le site n’a pas pu être joint',
};

/** Whether a record (or an index entry) shows something of the préfecture's site, not a failure of the robot's network. */
export function fromTheSite<T extends { outcome: Outcome }>(item: T): item is T & { outcome: SiteOutcome } {
  return (SITE_OUTCOMES as readonly Outcome[]).includes(item.outcome);
}
