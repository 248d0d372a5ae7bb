/**
 * What the dossier checks point by point, in plain French: the case law on the spread of the attempts
 * (CE, 10 juin 2020, n° 435594: a request failed because every attempt was made in the same week; the
 * project recommends ≥ 3 weeks, as in the orders granted) and the items of a constat under AFNOR
 * NF Z67-147, each with what the records of the dossier hold and an honest « non » where they fall short.
 * Pure.
 */
import { plural } from '../evidence/french.ts';
import type { DossierRecord } from './entry.ts';
import { MIN_WEEKS, type DossierSummary } from './summary.ts';

export interface SpreadCheck {
  /** Every attempt in one ISO week: what n° 435594 held against the applicant. */
  sameWeek: boolean;
  /** At least MIN_WEEKS distinct ISO weeks. */
  enoughWeeks: boolean;
  /** The sentences of the legal note. */
  text: string;
}

export function spreadCheck(summary: DossierSummary): SpreadCheck {
  const weeks = summary.weeks.length;
  const sameWeek = weeks < 2;
  const enoughWeeks = weeks >= MIN_WEEKS;
  const spread =
    `Pour la période choisie, ${summary.attempts > 1 ? 'les ' : ''}${plural(summary.attempts, 'tentative se répartit', 'tentatives se répartissent')} sur ` +
    `${plural(weeks, 'semaine ISO', 'semaines ISO distinctes')} (${summary.weeks.join(', ')}), ` +
    `${plural(summary.days.length, 'jour', 'jours')} et ${plural(summary.hours, 'heure', 'heures différentes')} de la journée.`;
  const caseLaw = sameWeek
    ? ' Toutes ont été faites la même semaine : c’est précisément ce qui a fait écarter la demande jugée par le Conseil d’État ' +
      'le 10 juin 2020 (n° 435594). Le critère n’est pas rempli : ajoutez des captures d’autres semaines avant de produire ce dossier.'
    : ' Elles n’ont pas toutes été faites la même semaine : le critère de la décision du Conseil d’État du 10 juin 2020 ' +
      '(n° 435594) est rempli.';
  const recommended = enoughWeeks
    ? ` Elles couvrent au moins ${MIN_WEEKS} semaines, comme les demandes accueillies : la recommandation est remplie.`
    : ` Elles couvrent moins de ${MIN_WEEKS} semaines, le minimum des demandes accueillies que ce projet recommande : ` +
      'la recommandation n’est pas remplie.';
  return { sameWeek, enoughWeeks, text: spread + caseLaw + recommended };
}

export type Met = 'oui' | 'en partie' | 'non';
export interface NormRow {
  asked: string;
  held: string;
  met: Met;
}

/** « oui » when every capture has it, « en partie » when some do, « non » when none. */
function share(
  records: readonly DossierRecord[],
  has: (r: DossierRecord) => boolean,
  what: string,
): { held: string; met: Met } {
  const n = records.filter(has).length;
  const met: Met = n === records.length ? 'oui' : n > 0 ? 'en partie' : 'non';
  return { held: `${what} : ${plural(n, 'capture', 'captures')} sur ${records.length}`, met };
}

/** Whether a reply of the capture's manifest passed the check `npm run verify` makes (only those carry a time). */
export const hasVerifiedTimestamp = (r: DossierRecord) => r.timestamps?.some((t) => t.genTime !== undefined) ?? false;

export function normRows(records: readonly DossierRecord[]): NormRow[] {
  const p = (r: DossierRecord) => r.provenance;
  const offsets = records.flatMap((r) => (typeof p(r)?.clockOffsetMs === 'number' ? [p(r)!.clockOffsetMs!] : []));
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1).replace('.', ',')} s`;
  const stamped = share(records, hasVerifiedTimestamp, 'horodatage RFC 3161 vérifié, par une autorité indépendante');
  const proxied = records.filter((r) => p(r)?.proxy).length;
  return [
    { asked: 'Machine et système d’exploitation', ...share(records, (r) => Boolean(p(r)?.machine), 'relevés') },
    { asked: 'Navigateur et sa version', ...share(records, (r) => Boolean(p(r)?.browser), 'relevés') },
    {
      asked: 'Cache et cookies vidés avant la consultation',
      ...share(records, (r) => p(r)?.freshProfile === true, 'profil neuf pour chaque tentative'),
    },
    {
      asked: 'Ni proxy ni VPN',
      held: `proxy relevé (utilisé pour ${plural(proxied, 'capture', 'captures')}) ; un VPN du réseau de la machine ne peut pas être détecté par le programme`,
      met: 'en partie',
    },
    {
      asked: 'Adresse IP publique de la machine',
      ...share(records, (r) => Boolean(p(r)?.publicIp), 'relevée'),
    },
    {
      asked: 'Adresse IP du serveur consulté',
      ...share(records, (r) => Boolean(p(r)?.server), 'adresse et port relevés'),
    },
    {
      asked: 'Certificat du site (HTTPS)',
      ...share(records, (r) => Boolean(p(r)?.tls), 'protocole, titulaire, émetteur, validité et empreinte relevés'),
    },
    {
      asked: 'Heure exacte et synchronisation de l’horloge',
      held:
        (offsets.length > 0
          ? `écart avec l’horloge du serveur relevé (de ${seconds(Math.min(...offsets))} à ${seconds(Math.max(...offsets))}) ; `
          : 'écart avec l’horloge du serveur non relevé ; ') +
        `${stamped.held} ; la synchronisation de la machine (NTP) n’est pas vérifiée`,
      met: stamped.met === 'oui' && offsets.length === records.length ? 'en partie' : 'non',
    },
    { asked: 'Heures de début et de fin de chaque consultation', held: 'relevées pour chaque capture', met: 'oui' },
    {
      asked: 'Parcours suivi, page par page',
      held: 'étapes, adresses et codes HTTP dans le relevé ; seule la page finale est enregistrée en image',
      met: 'en partie',
    },
    { asked: 'Résolution DNS et itinéraire réseau vers le site', held: 'non relevés', met: 'non' },
    { asked: 'Intégrité du poste (antivirus, absence de logiciel tiers)', held: 'non vérifiée', met: 'non' },
    {
      asked: 'Constat dressé par un commissaire de justice',
      held: 'non : captures faites par un programme ; ce dossier n’est pas un constat',
      met: 'non',
    },
  ];
}
