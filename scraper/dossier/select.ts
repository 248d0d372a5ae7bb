/**
 * Which captures go into a dossier: one préfecture and motif, Paris days from–to inclusive, optionally the
 * chosen outcomes only and the first capture of each day only. Pure; the command line and the browser
 * form check their input with the same functions, so they refuse the same dates with the same words.
 */
import { parisTime } from '../evidence/time.ts';
import { plural } from '../evidence/french.ts';
import { fromTheSite, OUTCOME_LABELS, SITE_OUTCOMES, type Outcome } from '../outcome/outcomes.ts';
import type { DossierRecord } from './entry.ts';

export interface Criteria {
  prefecture: string;
  motif: string;
  /** First and last Paris day, `YYYY-MM-DD`, both included. */
  from: string;
  to: string;
  /** Keep only the first capture of each Paris day. */
  onePerDay: boolean;
  /** Outcomes to keep; null keeps them all, so that nothing is hidden by default. */
  outcomes: readonly Outcome[] | null;
}

/** Bad dates, outcomes or an empty selection: the message is shown as is, to a person. */
export class DossierInputError extends Error {
  override name = 'DossierInputError';
  readonly exitCode = 2;
}

export const parisDay = (capturedAt: string) => parisTime(capturedAt).format('YYYY-MM-DD');

/** « 5 janvier 2026 », « 1er mars 2026 » from `2026-01-05`, `2026-03-01`. */
export const longDay = (day: string) => parisTime(`${day}T12:00:00Z`).format('Do MMMM YYYY');

/** Checks a `YYYY-MM-DD` date typed by a person; `name` says where it was typed (`--from`, « Du »). */
export function parseDay(value: string | undefined, name: string): string {
  const example = 'par exemple 2026-01-05';
  if (value === undefined || value.trim() === '')
    throw new DossierInputError(`${name} manque : donnez une date au format AAAA-MM-JJ, ${example}.`);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const [year, month, day] = (match ?? []).slice(1).map(Number) as [number, number, number];
  const date = match ? new Date(Date.UTC(year, month - 1, day)) : null;
  if (!date || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new DossierInputError(
      `${name} : « ${value} » n’est pas une date valide. Donnez-la au format AAAA-MM-JJ, ${example}.`,
    );
  }
  return value.trim();
}

/** Both ends checked, and in order. */
export function parsePeriod(
  from: string | undefined,
  to: string | undefined,
  names: { from: string; to: string },
): { from: string; to: string } {
  const start = parseDay(from, names.from);
  const end = parseDay(to, names.to);
  if (start > end) {
    throw new DossierInputError(
      `Période inversée : le début (${names.from} ${start}) est après la fin (${names.to} ${end}). Échangez les deux dates.`,
    );
  }
  return { from: start, to: end };
}

/**
 * `no-slot,site-error` → the outcomes; an unknown name is refused with the list of known ones. The robot's own
 * network failures are not among them: they say nothing of the préfecture and no dossier holds them.
 */
export function parseOutcomes(text: string | undefined, name: string): Outcome[] | null {
  if (text === undefined || text.trim() === '') return null;
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = names.filter((n) => !(SITE_OUTCOMES as readonly string[]).includes(n));
  if (unknown.length > 0) {
    const known = SITE_OUTCOMES.map((o) => `${o} (${OUTCOME_LABELS[o]})`).join(', ');
    throw new DossierInputError(
      `${name} : résultat inconnu « ${unknown.join(', ')} ». Résultats possibles : ${known}.`,
    );
  }
  return SITE_OUTCOMES.filter((o) => names.includes(o));
}

export interface Selection<R extends DossierRecord> {
  records: R[];
  /** Captures of the motif in the period before the outcome and one-per-day filters. */
  inPeriod: number;
}

/**
 * The captures of the dossier, oldest first. Throws when none is left, saying which filter emptied it. A failure of
 * the robot's own network is never one: it shows nothing of the préfecture's site (docs/resultats.md).
 */
export function selectRecords<R extends DossierRecord>(all: readonly R[], criteria: Criteria): Selection<R> {
  const inPeriod = all
    .filter((r) => r.prefecture === criteria.prefecture && r.motif === criteria.motif && fromTheSite(r))
    .filter((r) => {
      const day = parisDay(r.capturedAt);
      return day >= criteria.from && day <= criteria.to;
    })
    .sort((a, b) => a.capturedAt.localeCompare(b.capturedAt));
  const outcomes = criteria.outcomes;
  let records = outcomes ? inPeriod.filter((r) => outcomes.includes(r.outcome)) : inPeriod;
  if (criteria.onePerDay) {
    const seen = new Set<string>();
    records = records.filter((r) => {
      const day = parisDay(r.capturedAt);
      return !seen.has(day) && Boolean(seen.add(day));
    });
  }
  if (records.length === 0) {
    const where = `${criteria.prefecture}/${criteria.motif} du ${longDay(criteria.from)} au ${longDay(criteria.to)} (heure de Paris)`;
    const why =
      inPeriod.length > 0 && outcomes
        ? ` avec les résultats demandés (${outcomes.map((o) => OUTCOME_LABELS[o]).join(', ')}) ; la période compte ${plural(inPeriod.length, 'capture', 'captures')} d’autres résultats`
        : '';
    throw new DossierInputError(
      `Aucune capture de ${where}${why}. Choisissez une autre période ou d’autres résultats.`,
    );
  }
  return { records, inPeriod: inPeriod.length };
}
