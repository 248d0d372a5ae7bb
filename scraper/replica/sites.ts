// Replica — the booking sites it imitates: hosts, forms, guichets, index pages and RDV Préfecture démarches. Pure data,
// from docs/sites/legacy.md « Formulaires connus » and docs/sites/rdv-prefecture.md « Démarches connues »; every guess
// is marked [U].

export interface Guichet {
  planning: string;
  label: string;
}

export interface BookingForm {
  id: string;
  /** shown as the page's <h1> */
  name: string;
  /**
   * one radio per guichet at step 1; empty when the form has one guichet and skips step 1 (docs/sites/legacy.md
   * « Étapes »)
   */
  guichets: Guichet[];
}

export interface IndexLink {
  text: string;
  href: string;
}

export interface IndexPage {
  path: string;
  title: string;
  links: IndexLink[];
}

export interface LegacySite {
  host: string;
  /** the préfecture named in the header, under the Marianne */
  prefecture: string;
  /** a banner shown on every page of the site */
  warning?: string;
  forms: BookingForm[];
  indexPage?: IndexPage;
  /**
   * Drawn as the pages saved from the real sites are (docs/sites/legacy.md « Étape 2 : aucun créneau »): the page's <h1> is this banner of the site, not the form's
   * name; absolute form actions; the progress bar outside `#inner_Booking`; the conditions page with two buttons.
   */
  realBanner?: string;
}

export interface Demarche {
  id: string;
  prefecture: string;
  title: string;
}

const PPRDV_AES_TRAVAIL_CHARCOT = "Demande d'admission exceptionnelle au séjour au regard du travail (Charcot)";
const PPRDV_AES_TRAVAIL_TRUFFAUT = "Demande d'admission exceptionnelle au séjour au regard du travail (Truffaut)";
const PPRDV_ETUDIANT = 'Demande de premier titre de séjour « étudiant » réservée aux étudiants non munis d’un VLS-TS';
const PPRDV_MEDICAL_TRUFFAUT = 'Demande de titre de séjour pour raisons médicales (Truffaut)';
const PPRDV_MEDICAL_CHARCOT = 'Demande de titre de séjour pour raisons médicales (Charcot)';
const PPRDV_AES_VPF_TRUFFAUT =
  'Demande d’admission exceptionnelle au séjour au titre de la situation personnelle et familiale (CRE Truffaut)';
const PPRDV_AES_VPF_CHARCOT =
  'Demande d’admission exceptionnelle au séjour au titre de la situation personnelle et familiale (CRE Charcot)';

const pprdv: LegacySite = {
  host: 'pprdv.interieur.gouv.fr',
  prefecture: 'Préfecture de Police',
  forms: [
    { id: '948', name: PPRDV_AES_VPF_CHARCOT, guichets: [] },
    { id: '953', name: PPRDV_AES_VPF_TRUFFAUT, guichets: [] },
    {
      id: '885',
      name: PPRDV_AES_TRAVAIL_CHARCOT,
      guichets: [
        { planning: '886', label: 'salarié' },
        { planning: '1043', label: 'salarié 2' },
      ],
    },
    { id: '876', name: PPRDV_AES_TRAVAIL_TRUFFAUT, guichets: [] },
    // 976 ↔ this motif is itself [U] (docs/sites/legacy.md « Formulaires connus »)
    { id: '976', name: PPRDV_ETUDIANT, guichets: [] },
    // replica-only ids: the real ids of the two "raisons médicales" forms were never found (docs/sites/legacy.md
    // « Formulaires connus »)
    { id: '9901', name: PPRDV_MEDICAL_CHARCOT, guichets: [] },
    { id: '9902', name: PPRDV_MEDICAL_TRUFFAUT, guichets: [] },
    {
      id: '989',
      // the motif of 989 is [U] (docs/sites/legacy.md « Formulaires connus »); the guichet labels are [V]
      name: "Retrait d'un titre de séjour",
      guichets: [
        { planning: '1075', label: 'Guichets 1, 2, 3 et 4' },
        { planning: '1076', label: 'Guichets 5, 6, 7 et 8' },
        { planning: '1077', label: 'Guichets 9, 10, 11 et 12' },
      ],
    },
  ],
  indexPage: {
    path: '/Rendez-vous-demarches-prefecture-de-police',
    title: 'Rendez-vous pour les démarches à la préfecture de police', // [U]
    // link texts and their order exactly as in Julia Descamps' code (docs/sites/legacy.md « Formulaires connus »), ’
    // and ' as found
    links: [
      { text: PPRDV_ETUDIANT, href: '/booking/create/976' },
      { text: PPRDV_MEDICAL_TRUFFAUT, href: '/booking/create/9902' },
      { text: PPRDV_MEDICAL_CHARCOT, href: '/booking/create/9901' },
      { text: PPRDV_AES_VPF_TRUFFAUT, href: '/booking/create/953' },
      { text: PPRDV_AES_VPF_CHARCOT, href: '/booking/create/948' },
      // the two AES-travail links are swapped on purpose: Julia found them "mal attribué dans le code html" and opened
      // 885 and 876 directly (docs/sites/legacy.md « Formulaires connus »); a bot following these texts lands on the
      // wrong form
      { text: PPRDV_AES_TRAVAIL_TRUFFAUT, href: '/booking/create/885' },
      { text: PPRDV_AES_TRAVAIL_CHARCOT, href: '/booking/create/876' },
    ],
  },
};

const seineSaintDenis: LegacySite = {
  host: 'www.seine-saint-denis.gouv.fr',
  prefecture: 'Préfet de la Seine-Saint-Denis',
  // quoted by the press in 2018–2019; its place in the page is [U] (docs/sites/legacy.md « Étape 0 : conditions »)
  warning:
    "ATTENTION ! Toutes les prises de rendez-vous proposées sur ce site Internet sont gratuites. Soyez très vigilants, n'acceptez aucune prise de rendez-vous en ligne payante.",
  forms: [
    {
      id: '9829',
      name: 'Admission exceptionnelle au séjour - Arrondissement de Bobigny',
      // planning ids and labels [U]: the labels follow Julia's screenshot folders (docs/sites/legacy.md
      // « Formulaires connus »), the ids the usual form id + n
      guichets: [
        { planning: '9830', label: 'Pôle vie privée et familiale - Arrondissement de Bobigny' },
        { planning: '9831', label: 'Pôle vie professionnelle - Arrondissement de Bobigny' },
      ],
    },
    { id: '10317', name: 'Admission exceptionnelle au séjour - Le Raincy', guichets: [] },
    // the "training" form; its name is [U]
    { id: '9845', name: 'Formulaire de test - prise de rendez-vous', guichets: [] },
  ],
  indexPage: {
    path: '/Prendre-un-rendez-vous',
    title: 'Prendre un rendez-vous',
    // two links with the same text, Bobigny first then Le Raincy (docs/sites/legacy.md « Formulaires connus »). The
    // `/index.php/…/0` shape is the only SSD booking URL seen literally (docs/sites/legacy.md « Session »), so the
    // links use it.
    links: [
      { text: "Demande d'admission exceptionnelle au séjour", href: '/index.php/booking/create/9829/0' },
      { text: "Demande d'admission exceptionnelle au séjour", href: '/index.php/booking/create/10317/0' },
    ],
  },
};

// A préfecture our project does not ship: proves that a new target file works with no code change.
const hautsDeSeine: LegacySite = {
  host: 'www.hauts-de-seine.gouv.fr',
  prefecture: 'Préfet des Hauts-de-Seine',
  forms: [
    {
      id: '12083',
      name: "Remise d'un titre de séjour",
      guichets: [
        { planning: '14673', label: "Remise d'un titre de séjour - GUICHET 4 B - Nanterre" },
        { planning: '14806', label: "Remise d'un titre de séjour - GUICHET 1B - Nanterre" },
        { planning: '14932', label: "Remise d'un titre de séjour - GUICHET 3 B - Nanterre" },
      ],
    },
  ],
};

// The site of the two saved pages (docs/sites/legacy.md « Étape 2 : aucun créneau »); 11343 is the form of the saved no-slot page, its name is [U]. 11404's guichets
// are [U].
const valDOise: LegacySite = {
  host: 'www.val-doise.gouv.fr',
  prefecture: 'Préfet du Val-d’Oise',
  realBanner: 'Les services de l’État dans le Val-d’Oise',
  forms: [
    { id: '11343', name: 'Demande de titre de séjour', guichets: [] },
    {
      id: '11404',
      name: 'Remise de titre de séjour',
      guichets: [
        { planning: '11405', label: 'Remise de titre - Cergy' },
        { planning: '11406', label: 'Remise de titre - Argenteuil' },
      ],
    },
  ],
};

export const legacySites: readonly LegacySite[] = [pprdv, seineSaintDenis, hautsDeSeine, valDOise];

export const RDV_HOST = 'www.rdv-prefecture.interieur.gouv.fr';

// ids from docs/sites/rdv-prefecture.md « Démarches connues »; the titles are [U]
export const demarches: readonly Demarche[] = [
  { id: '16040', prefecture: 'Préfecture du Val-de-Marne', title: 'Titre de séjour - Créteil' },
  { id: '4083', prefecture: 'Préfecture des Yvelines', title: 'Titre de séjour - Versailles' },
];
