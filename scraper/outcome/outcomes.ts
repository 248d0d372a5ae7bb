/** The outcomes an attempt can have, and how they read in French on exhibits, the site and dossiers. */
export const OUTCOMES = ['no-slot', 'slot-available', 'captcha', 'site-error', 'blocked', 'unrecognized'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<Outcome, string> = {
  'no-slot': 'Aucun créneau disponible',
  'slot-available': 'Créneau disponible',
  captcha: 'Captcha avant la page des créneaux (non résolu)',
  'site-error': 'Erreur du site de la préfecture',
  blocked: 'Accès bloqué par le site',
  unrecognized: 'Page non reconnue (le site a changé\u00a0?)',
};
