/**
 * The lines printed under the page image on a stamped exhibit. Pure: the exhibit (sharp), the site's
 * capture page and the dossier all call this one function, so they show exactly the same words.
 */
import { OUTCOME_LABELS } from '../outcome/outcomes.ts';
import type { EvidenceRecord } from './record.ts';
import { parisDateTime, utcDateTime } from './time.ts';

export interface BannerLine {
  /** What the line says, e.g. « Date et heure (Paris) ». */
  label: string;
  value: string;
}

/** The fields the banner prints: a compact index entry that has them is enough (the dossier in the browser). */
export type BannerRecord = Pick<
  EvidenceRecord,
  'id' | 'prefectureName' | 'motifLabel' | 'url' | 'capturedAt' | 'outcome' | 'assisted' | 'sha256'
> & { evidence?: Pick<EvidenceRecord['evidence'], 'masked'> };

/** Said wherever the page image is shown: the box on the image is the tool's, not the préfecture's. */
export const MASKED_NOTE =
  'image du code de sécurité masquée par l’outil (elle change à chaque visite ; rien d’autre n’est modifié)';

export function bannerLines(record: BannerRecord): BannerLine[] {
  return [
    { label: 'Préfecture', value: record.prefectureName },
    { label: 'Démarche', value: record.motifLabel },
    { label: 'Adresse', value: record.url },
    { label: 'Date et heure (Paris)', value: parisDateTime(record.capturedAt) },
    { label: 'Date et heure (UTC)', value: utcDateTime(record.capturedAt) },
    {
      label: 'Résultat',
      value:
        OUTCOME_LABELS[record.outcome] +
        (record.assisted ? ' — captcha résolu par une personne' : '') +
        (record.evidence?.masked ? ` — ${MASKED_NOTE}` : ''),
    },
    { label: 'Capture', value: record.id },
    { label: 'SHA-256 de l’image', value: record.sha256 },
  ];
}
