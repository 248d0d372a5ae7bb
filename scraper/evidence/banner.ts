/**
 * The lines printed under the page image on a stamped exhibit. Pure: the exhibit (sharp), the site's
 * capture page and the dossier all call this one function, so they show exactly the same words.
 */
import { OUTCOME_LABELS } from '../outcome/outcomes.ts';
import type { EvidenceRecord } from './record.ts';
import { parisDateTime, parisTime, utcDateTime } from './time.ts';

export interface BannerLine {
  /** What the line says, e.g. « Date et heure (Paris) ». */
  label: string;
  value: string;
}

/** The fields the banner prints: a compact index entry that has them is enough (the dossier in the browser). */
export type BannerRecord = Pick<
  EvidenceRecord,
  'id' | 'prefectureName' | 'motifLabel' | 'url' | 'capturedAt' | 'outcome' | 'assisted' | 'sha256' | 'mode'
> & {
  evidence?: {
    truncated?: { height: number } | undefined;
    masked?: string[] | undefined;
    dialogs?: { at: string; type: DialogType; message: string }[] | undefined;
  };
};

type DialogType = 'alert' | 'confirm' | 'prompt' | 'beforeunload';

const DIALOG_NAMES: Record<DialogType, string> = {
  alert: 'alerte',
  confirm: 'demande de confirmation',
  prompt: 'demande de saisie',
  beforeunload: 'avertissement avant de quitter la page',
};

/** The words of the site's dialogs, verbatim, with what kind of box showed them and when: no screenshot shows them. */
const dialogLines = (record: BannerRecord): BannerLine[] =>
  (record.evidence?.dialogs ?? []).map((d) => ({
    label: 'Message affiché par le site',
    value: `« ${d.message} » (${DIALOG_NAMES[d.type]}, à ${parisTime(d.at).format('HH:mm:ss')}, heure de Paris)`,
  }));

/** Said wherever the page image is shown: the box on the image is the tool's, not the préfecture's. */
export const MASKED_NOTE =
  'image du code de sécurité masquée par l’outil (elle change à chaque visite ; rien d’autre n’est modifié)';

/** A rectangle of the page image blacked out on a public version of the exhibit, in image pixels. */
export interface MaskZone {
  x: number;
  y: number;
  width: number;
  height: number;
}

const assistance = (record: BannerRecord) =>
  record.mode === 'witness'
    ? ' — tentative faite par une personne, capturée par l’outil'
    : record.assisted
      ? ' — captcha résolu par une personne'
      : '';

/** With `masks`, says which zones are blacked out and that the hash printed is the original image's. */
export function bannerLines(record: BannerRecord, masks: MaskZone[] = []): BannerLine[] {
  const masked: BannerLine[] =
    masks.length === 0
      ? []
      : [
          {
            label: 'Zones masquées',
            value:
              `${masks.length} zone(s) noircie(s) sur cette copie (x, y, largeur, hauteur : ` +
              `${masks.map((m) => `${m.x}, ${m.y}, ${m.width}, ${m.height}`).join(' ; ')}) ; ` +
              'l’empreinte ci-dessous est celle de l’image originale, non masquée',
          },
        ];
  return [
    { label: 'Préfecture', value: record.prefectureName },
    { label: 'Démarche', value: record.motifLabel },
    { label: 'Adresse', value: record.url },
    { label: 'Date et heure (Paris)', value: parisDateTime(record.capturedAt) },
    { label: 'Date et heure (UTC)', value: utcDateTime(record.capturedAt) },
    {
      label: 'Résultat',
      value: OUTCOME_LABELS[record.outcome] + assistance(record) + (record.evidence?.masked ? ` — ${MASKED_NOTE}` : ''),
    },
    ...dialogLines(record),
    { label: 'Capture', value: record.id },
    ...masked,
    { label: masks.length ? 'SHA-256 de l’image originale' : 'SHA-256 de l’image', value: record.sha256 },
    // An image cut to the size caps says so where the court reads it, with the page's real height.
    ...(record.evidence?.truncated
      ? [
          {
            label: 'Page tronquée',
            value: `image limitée au haut de la page (hauteur réelle ${record.evidence.truncated.height} px)`,
          },
        ]
      : []),
  ];
}
