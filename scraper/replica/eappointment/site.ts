// Replica — a préfecture on the older « eAppointment » platform (docs/sites/eappointment.md): motive checkboxes,
// « Continuer » answered by a DWR call, then an alert or a date picker, « Choix d'une heure » and the personal details
// with their image code. Names, host and motive labels are invented; the platform's paths, ids and the texts marked [V]
// in the docs page come from public bots.

export const EAPPOINTMENT_HOST = 'rdv-etrangers-99.prefecture-exemple.fr';
export const EAPPOINTMENT_PREFECTURE = 'Préfecture de Bellerive';
/** The application's folder: `eAppointmentpref94` in Val-de-Marne, `eAppointment57` in Moselle. */
export const EAPPOINTMENT_APP = '/eAppointmentpref99';
/** Where a visit starts, as `appointment.do?…` does on the real sites. */
export const EAPPOINTMENT_START = `${EAPPOINTMENT_APP}/appointment.do`;

export interface Motive {
  /** the checkbox's value (`selectedMotiveKeyList`), and the last part of a behaviour key `<host>/<key>` */
  key: string;
  label: string;
}

// 20, 70 and 120 are motive keys seen in public bots; only 20's meaning is known (« Retrait de titre », a bot's
// comment). The other labels are invented.
export const eappointmentMotives: readonly Motive[] = [
  { key: '20', label: 'Retrait de titre' },
  { key: '70', label: 'Première demande de titre de séjour' },
  { key: '120', label: 'Renouvellement de titre de séjour' },
];

/** The texts that the tests' target file quotes. */
export const EAPPOINTMENT_TEXTS = {
  // the site's alert, as the press quoted it (bots quote « selectionnnés … séléctionné », docs/sites/eappointment.md)
  noSlot: "Aucun rendez-vous n'est possible pour les motifs sélectionnés ou le créneau horaire sélectionné.",
  button: 'Continuer',
  hours: "Choix d'une heure",
  code: 'Code de vérification (*)',
} as const;

/** The days the date picker offers (January 2027, fixed so that the pages never change) and the hours of each. */
export const OPEN_DAYS = ['11', '12', '14'] as const;
export const HOURS = ['09:45', '09:48', '09:51'] as const;
