/**
 * Dates a slot page gives, read as data (docs/sites/rdv-prefecture.md « Page des créneaux »): when the next slot is, when new slots are
 * put online and for which week. They tell a judge when slots are released and how fast they go.
 * Dates are ISO (`2027-01-12`); a publication time is Paris local time with its offset.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'une date AAAA-MM-JJ');

const publicationSchema = z.strictObject({
  /** When the slots were (or will be) put online, Paris time with offset: `2026-05-04T11:58:00+02:00`. */
  at: z.string(),
  /** Monday of the week those slots are in. */
  week: isoDate.optional(),
});

export const factsSchema = z.strictObject({
  /** « Prochaine disponibilité le … », or the `datePremiereDispo` of the page's state. */
  nextAvailability: isoDate.optional(),
  /** « Prochaine mise en ligne de nouveaux rendez-vous : le … pour des créneaux de la semaine du … » */
  nextPublication: publicationSchema.optional(),
  /** « Dernière mise en ligne de rendez-vous : le … pour des créneaux de la semaine du … » */
  lastPublication: publicationSchema.optional(),
});

export type PageFacts = z.infer<typeof factsSchema>;
export type Publication = z.infer<typeof publicationSchema>;

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

dayjs.extend(utc);
dayjs.extend(timezone);

const pad = (n: number) => String(n).padStart(2, '0');

function isoOf(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? `${year}-${pad(month)}-${pad(day)}` : undefined;
}

// 12/01/2027, 2027-01-12, « lundi 12 janvier 2027 », « 1er mars 2027 »
const DATE = String.raw`(\d{1,2}\/\d{1,2}\/\d{4}|\d{4}-\d{2}-\d{2}|(?:[a-z]+\s+)?\d{1,2}(?:er)?\s+[a-zéû]+\s+\d{4})`;

/** A date as the pages write it, to ISO; undefined when it does not read as one. */
export function readDate(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /(\d{1,2})(?:er)?\s+([a-zéû]+)\s+(\d{4})$/.exec(t);
  const month = m ? MONTHS.indexOf(m[2]!.replace('fevrier', 'février').replace('aout', 'août')) + 1 : 0;
  return m && month > 0 ? isoOf(Number(m[3]), month, Number(m[1])) : undefined;
}

/** A Paris wall-clock time to ISO with the offset of that moment (summer or winter). Once per capture: the plugin's cost does not matter. */
export function parisIso(day: string, hours: number, minutes: number): string {
  return dayjs.tz(`${day} ${pad(hours)}:${pad(minutes)}`, 'Europe/Paris').format('YYYY-MM-DDTHH:mm:ssZ');
}

const NEXT_AVAILABILITY = new RegExp(String.raw`Prochaine\s+disponibilit[ée]\s*(?:le|:)?\s*:?\s*${DATE}`, 'i');
const WEEK = String.raw`(?:\s*pour\s+des\s+cr[ée]neaux\s+de\s+la\s+semaine\s+du\s+${DATE})?`;
const AT = String.raw`\s*:?\s*le\s+${DATE}\s+(?:à\s+)?(\d{1,2})\s*[:h]\s*(\d{2})${WEEK}`;
const NEXT_PUBLICATION = new RegExp(
  String.raw`Prochaine\s+mise\s+en\s+ligne\s+de\s+(?:nouveaux\s+)?rendez-vous${AT}`,
  'i',
);
const LAST_PUBLICATION = new RegExp(
  String.raw`Derni[èe]re\s+mise\s+en\s+ligne\s+de\s+(?:nouveaux\s+)?rendez-vous${AT}`,
  'i',
);

function publication(text: string, pattern: RegExp): Publication | undefined {
  const m = pattern.exec(text);
  const day = m ? readDate(m[1]!) : undefined;
  if (!m || !day) return undefined;
  const week = m[4] ? readDate(m[4]) : undefined;
  return { at: parisIso(day, Number(m[2]), Number(m[3])), ...(week ? { week } : {}) };
}

export function readFacts(page: { text: string; firstSlotDate: string | null }): PageFacts {
  const shown = NEXT_AVAILABILITY.exec(page.text);
  const nextAvailability =
    (shown ? readDate(shown[1]!) : undefined) ?? (page.firstSlotDate ? readDate(page.firstSlotDate) : undefined);
  const nextPublication = publication(page.text, NEXT_PUBLICATION);
  const lastPublication = publication(page.text, LAST_PUBLICATION);
  return {
    ...(nextAvailability ? { nextAvailability } : {}),
    ...(nextPublication ? { nextPublication } : {}),
    ...(lastPublication ? { lastPublication } : {}),
  };
}

/** `2027-01-12` → `12/01/2027`; `2026-05-04T11:58:00+02:00` → `04/05/2026 à 11:58` (Paris time, as the page said it). */
const frenchDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const frenchTime = (iso: string) => `${frenchDate(iso)} à ${iso.slice(11, 16)}`;

function publicationText(p: Publication): string {
  return `le ${frenchTime(p.at)}${p.week ? `, pour des créneaux de la semaine du ${frenchDate(p.week)}` : ''}`;
}

/** The facts as people read them, one line each, for the capture page. */
export function factLines(facts: PageFacts): { label: string; value: string }[] {
  return [
    ...(facts.nextAvailability
      ? [{ label: 'Prochaine disponibilité annoncée', value: `le ${frenchDate(facts.nextAvailability)}` }]
      : []),
    ...(facts.lastPublication
      ? [{ label: 'Dernière mise en ligne de rendez-vous', value: publicationText(facts.lastPublication) }]
      : []),
    ...(facts.nextPublication
      ? [{ label: 'Prochaine mise en ligne de rendez-vous', value: publicationText(facts.nextPublication) }]
      : []),
  ];
}

/** The facts in a few words, for one line of the dossier's table. */
export function shortFacts(facts: PageFacts): string {
  const short = (p: Publication) =>
    `${frenchTime(p.at).slice(0, 5)} ${p.at.slice(11, 16)}${p.week ? ` (sem. ${frenchDate(p.week).slice(0, 5)})` : ''}`;
  return [
    ...(facts.nextAvailability ? [`dispo. le ${frenchDate(facts.nextAvailability)}`] : []),
    ...(facts.lastPublication ? [`mis en ligne ${short(facts.lastPublication)}`] : []),
    ...(facts.nextPublication ? [`prochaine mise en ligne ${short(facts.nextPublication)}`] : []),
  ].join(' ; ');
}
