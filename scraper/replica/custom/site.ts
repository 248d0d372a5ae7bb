// Replica — a préfecture with booking pages of its own (neither the legacy module nor RDV Préfecture), for the `steps`
// platform and for discovery. Invented from end to end: its host, texts and flow belong to no real site.

export const CUSTOM_HOST = 'rendez-vous.prefecture-exemple.fr';
export const CUSTOM_PREFECTURE = "Préfecture de l'Exemple";
export const CUSTOM_INDEX_PATH = '/prendre-rendez-vous';

export interface Profile {
  /** the radio's value, and the last part of a behaviour key `<host>/<démarche>/<value>` */
  value: string;
  label: string;
}

export interface CustomDemarche {
  /** slug in the URL, and the behaviour key `<host>/<id>` */
  id: string;
  title: string;
  /** "Vous êtes :" radios; none for a démarche that asks nothing */
  profiles: Profile[];
}

export const customDemarches: readonly CustomDemarche[] = [
  {
    id: 'titre-de-sejour',
    title: 'Titre de séjour : première demande',
    profiles: [
      { value: 'salarie', label: 'salarié' },
      { value: 'etudiant', label: 'étudiant' },
    ],
  },
  {
    id: 'renouvellement',
    title: "Renouvellement d'un titre de séjour",
    profiles: [
      { value: 'salarie', label: 'salarié' },
      { value: 'etudiant', label: 'étudiant' },
      { value: 'parent', label: "parent d'enfant français" },
    ],
  },
  { id: 'naturalisation', title: 'Naturalisation : dépôt du dossier', profiles: [] },
];

/** The texts of its result pages, which the tests' `steps` targets quote. */
export const CUSTOM_TEXTS = {
  waiting: 'Recherche des créneaux en cours…',
  result: 'Résultat de votre recherche',
  noSlot: "Aucun rendez-vous n'est disponible pour le moment.",
  slots: 'Créneaux disponibles',
  error: 'Le service de prise de rendez-vous est momentanément indisponible.',
  checkbox: "J'ai pris connaissance de la liste des pièces à fournir",
  button: 'Rechercher un créneau',
} as const;
