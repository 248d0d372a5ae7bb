/**
 * What a judge looks at in a person's own file, checked point by point in plain French, each with « fait »,
 * « manque » or « à vérifier » and no more than the files show (docs/mon-dossier.md; evidence.md §1 and §6):
 * attempts over several weeks (CE 10 juin 2020, n° 435594: four captures in one week were not enough; the orders
 * granted in November 2020 had at least three weeks and an e-mail), at several hours, a written reminder, for ANEF
 * procedures the chain the arrêté du 1er août 2023 asks (ANEF error, ANTS contact centre, point d'accueil numérique),
 * urgency for a renewal, and after a court order the attempts since. Pure.
 */
import { plural } from '../../evidence/french.ts';
import { parisTime } from '../../evidence/time.ts';
import type { JournalKind } from '../../journal/entry.ts';
import type { Outcome } from '../../outcome/outcomes.ts';
import { MIN_WEEKS, weekKey } from '../summary.ts';

/** One step of the person's file: a witness capture, or an entry of their journal. */
export interface PersonalStep {
  kind: 'capture' | JournalKind;
  /** ISO UTC: when the capture was taken, or when the person says the step was made. */
  at: string;
  /** What was done, as a plain description (a page's title is quoted, it is the page's own text). */
  what: string;
  /** The person's note (journal), empty for a capture. */
  note: string;
  files: { name: string; sha256: string }[];
  timestamps: { authority: string; genTime: string }[];
  /** The site's answer, for a capture. */
  outcome?: Outcome;
  /** A capture of the ANEF website, or an ANEF attempt noted in the journal. */
  anef: boolean;
  /** Where it is in the person's archive. */
  source: string;
  /** Files that no longer match their record or manifest: the step is listed, never counted. */
  altered: string[];
}

type Verdict = 'fait' | 'manque' | 'à vérifier';
export interface Check {
  point: string;
  verdict: Verdict;
  text: string;
}

/** An attempt at getting an appointment: a witness capture or an ANEF attempt, intact. */
const isAttempt = (s: PersonalStep) => (s.kind === 'capture' || s.kind === 'anef') && s.altered.length === 0;

const CONTACT_CENTRE = /\bANTS\b|centre de contact|contact citoyen/i;
const DIGITAL_DESK = /point d['’]accueil num[ée]rique|\bPAN\b/i;
const RENEWAL = /renouvel/i;

const hourOf = (s: PersonalStep) => parisTime(s.at).hour();
const day = (iso: string) => parisTime(iso).format('DD/MM/YYYY');

function weeksCheck(attempts: PersonalStep[]): Check {
  const weeks = [...new Set(attempts.map((s) => weekKey(s.at)))].sort();
  const point = `Tentatives sur au moins ${MIN_WEEKS} semaines différentes`;
  const spread = `${plural(attempts.length, 'tentative', 'tentatives')} sur ${plural(weeks.length, 'semaine ISO', 'semaines ISO')}${weeks.length > 0 ? ` (${weeks.join(', ')})` : ''}`;
  if (weeks.length >= MIN_WEEKS)
    return {
      point,
      verdict: 'fait',
      text: `${spread} : elles ne sont pas toutes de la même semaine, ce que le Conseil d’État reprochait le 10 juin 2020 (n° 435594) ; l’exigence de cette décision est remplie, et les ${MIN_WEEKS} semaines des demandes accueillies en novembre 2020 sont atteintes.`,
    };
  if (weeks.length === 2)
    return {
      point,
      verdict: 'à vérifier',
      text: `${spread} : pas toutes la même semaine (n° 435594), mais moins que les ${MIN_WEEKS} semaines des demandes accueillies ; ajoutez des tentatives une autre semaine.`,
    };
  return {
    point,
    verdict: 'manque',
    text:
      attempts.length === 0
        ? 'Aucune tentative enregistrée (capture témoin ou tentative ANEF notée au journal).'
        : `${spread} : toutes la même semaine, c’est ce qui a fait écarter la demande jugée par le Conseil d’État le 10 juin 2020 (n° 435594) ; le dossier n’y satisfait pas. Refaites des tentatives sur au moins ${MIN_WEEKS} semaines différentes.`,
  };
}

function hoursCheck(attempts: PersonalStep[]): Check {
  const hours = [...new Set(attempts.map(hourOf))].sort((a, b) => a - b);
  const text = `${plural(hours.length, 'heure différente', 'heures différentes')} de la journée${hours.length > 0 ? ` (${hours.map((h) => `${h} h`).join(', ')}, heure de Paris)` : ''}`;
  const point = 'Tentatives à des heures différentes';
  if (hours.length >= 3) return { point, verdict: 'fait', text: `${text}.` };
  if (hours.length === 2)
    return { point, verdict: 'à vérifier', text: `${text} seulement : variez davantage les heures.` };
  return { point, verdict: 'manque', text: `${text} : tentez à d’autres heures (matin, midi, soir).` };
}

function reminderCheck(steps: PersonalStep[]): Check {
  const written = steps.filter((s) => (s.kind === 'courriel' || s.kind === 'courrier') && s.altered.length === 0);
  const point = 'Relance écrite à la préfecture';
  const withCopy = written.filter((s) => s.files.length > 0);
  if (withCopy.length > 0)
    return {
      point,
      verdict: 'fait',
      text: `${plural(withCopy.length, 'relance écrite', 'relances écrites')} avec sa copie jointe (${withCopy.map((s) => day(s.at)).join(', ')}) ; la réponse, ou son absence, reste à montrer.`,
    };
  if (written.length > 0)
    return {
      point,
      verdict: 'à vérifier',
      text: `${plural(written.length, 'relance écrite notée', 'relances écrites notées')} sans copie jointe : joignez le courriel ou l’accusé de réception (npm run journal -- --file).`,
    };
  return {
    point,
    verdict: 'manque',
    text: 'Aucun courriel ni courrier à la préfecture dans le journal ; les demandes accueillies en novembre 2020 en avaient un.',
  };
}

/** The chain the arrêté du 1er août 2023 asks before the préfecture's desk: ANEF error → contact centre → digital desk. */
function anefCheck(steps: PersonalStep[]): Check {
  const point = 'Démarche ANEF : erreur, puis centre de contact ANTS, puis point d’accueil numérique';
  const errors = steps.filter(
    (s) => s.anef && s.altered.length === 0 && (s.kind === 'anef' || s.outcome === 'site-error'),
  );
  const calls = steps.filter((s) => (s.kind === 'appel' || s.kind === 'courriel') && CONTACT_CENTRE.test(s.note));
  const desks = steps.filter((s) => s.kind === 'visite' && DIGITAL_DESK.test(s.note));
  if (!steps.some((s) => s.anef))
    return {
      point,
      verdict: 'à vérifier',
      text: 'Aucune tentative sur le site ANEF dans le dossier : si votre démarche doit passer par l’ANEF, notez l’erreur, l’appel au centre de contact et la visite au point d’accueil numérique (npm run journal).',
    };
  const first = (list: PersonalStep[]) => list[0]?.at;
  const found = [
    errors.length > 0 ? `erreur ANEF le ${day(first(errors)!)}` : 'aucune erreur ANEF',
    calls.length > 0 ? `centre de contact le ${day(first(calls)!)}` : 'aucun contact avec le centre de contact ANTS',
    desks.length > 0
      ? `point d’accueil numérique le ${day(first(desks)!)}`
      : 'aucune visite au point d’accueil numérique',
  ].join(', ');
  if (errors.length === 0 || calls.length === 0 || desks.length === 0)
    return {
      point,
      verdict: 'manque',
      text: `${found}. Les trois étapes sont demandées avant le guichet de la préfecture.`,
    };
  const inOrder = first(errors)! <= first(calls)! && first(calls)! <= desks.at(-1)!.at;
  return inOrder
    ? { point, verdict: 'fait', text: `${found} : les trois étapes, dans cet ordre.` }
    : {
        point,
        verdict: 'à vérifier',
        text: `${found} : les trois étapes sont là, mais pas dans l’ordre erreur, centre de contact, point d’accueil.`,
      };
}

function renewalCheck(steps: PersonalStep[], motifLabels: string[]): Check {
  const said = [...motifLabels, ...steps.map((s) => s.note)].some((t) => RENEWAL.test(t));
  return {
    point: 'Urgence présumée pour un renouvellement',
    verdict: 'à vérifier',
    text: said
      ? 'Les pièces parlent d’un renouvellement : l’urgence est en principe présumée (CE 9 juin 2022, n° 453391), mais seul votre titre et sa date de fin le montrent ; joignez-les.'
      : 'Rien dans les pièces ne dit s’il s’agit d’un renouvellement (urgence en principe présumée) ; sinon, l’urgence est à démontrer par votre situation.',
  };
}

/** A capture that showed slots: the judge will see it, so the dossier says it first. */
function slotsSeen(attempts: PersonalStep[]): Check[] {
  const seen = attempts.filter((s) => s.outcome === 'slot-available');
  return seen.length === 0
    ? []
    : [
        {
          point: 'Créneaux proposés lors d’une tentative',
          verdict: 'à vérifier',
          text: `${plural(seen.length, 'capture montre', 'captures montrent')} des créneaux disponibles (${seen.map((s) => day(s.at)).join(', ')}) : le juge les verra ; expliquez pourquoi le rendez-vous n’a pas pu être pris (créneau disparu à la validation, autre démarche…).`,
        },
      ];
}

export function personalChecks(steps: readonly PersonalStep[], motifLabels: string[] = []): Check[] {
  const sorted = [...steps].sort((a, b) => a.at.localeCompare(b.at));
  const attempts = sorted.filter(isAttempt);
  return [
    ...slotsSeen(attempts),
    weeksCheck(attempts),
    hoursCheck(attempts),
    reminderCheck(sorted),
    anefCheck(sorted),
    renewalCheck(sorted, motifLabels),
  ];
}

/** Since a court order (Paris day, included): the attempts, for an application to enforce it. */
export function sinceOrder(steps: readonly PersonalStep[], orderDay: string): { steps: PersonalStep[]; check: Check } {
  const later = steps
    .filter((s) => parisTime(s.at).format('YYYY-MM-DD') >= orderDay)
    .sort((a, b) => a.at.localeCompare(b.at));
  const attempts = later.filter(isAttempt);
  const weeks = new Set(attempts.map((s) => weekKey(s.at))).size;
  const failed = attempts.filter((s) => s.outcome !== 'slot-available');
  const point = `Depuis l’ordonnance du ${day(`${orderDay}T12:00:00Z`)}`;
  const text = `${plural(attempts.length, 'tentative', 'tentatives')} depuis cette date, sur ${plural(weeks, 'semaine', 'semaines')}, dont ${plural(failed.length, 'sans rendez-vous', 'sans rendez-vous')}`;
  const verdict: Verdict = failed.length === 0 ? 'manque' : weeks >= 2 ? 'fait' : 'à vérifier';
  const advice = {
    fait: ' : l’inexécution se montre sur plusieurs semaines.',
    'à vérifier':
      ' : une seule semaine ; continuez les tentatives pour montrer que l’ordonnance n’est toujours pas exécutée.',
    manque:
      ' : aucune tentative sans rendez-vous depuis l’ordonnance ; rien ne montre encore qu’elle n’est pas exécutée.',
  }[verdict];
  return { steps: later, check: { point, verdict, text: text + advice } };
}
