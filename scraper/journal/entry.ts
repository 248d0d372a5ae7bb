/**
 * A journal entry: one step a person made outside the booking site (an e-mail, a letter, a call, a visit, an
 * ANEF attempt), with the files that show it. The one definition of its shape, and where it lives:
 * `personnel/journal/<YYYY-MM-DDTHH-mm-ssZ>-<kind>/` holding `entree.json`, `pieces/<file>` and, like an archive of
 * its own, `manifests/<stamp>-<hash>.sha256` with its RFC 3161 replies. Never published (ci/publish.ts). Pure.
 */
import { z } from 'zod';
import { PERSONAL_DIR, stampOf } from '../archive/paths.ts';
import { parisOffsetMinutes } from '../evidence/time.ts';

export const JOURNAL_DIR = `${PERSONAL_DIR}/journal`;
export const ENTRY_FILE = 'entree.json';
export const PIECES_DIR = 'pieces';

export const JOURNAL_KINDS = ['courriel', 'courrier', 'appel', 'visite', 'anef'] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

/** What each kind of step is, as the dossier and the list say it. */
export const KIND_LABELS: Record<JournalKind, string> = {
  courriel: 'Courriel envoyé',
  courrier: 'Courrier envoyé',
  appel: 'Appel téléphonique',
  visite: 'Visite sur place',
  anef: 'Tentative sur le site ANEF',
};

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'une empreinte SHA-256 en hexadécimal (64 caractères)');
const isoUtc = z.iso.datetime({ offset: false });

export const journalEntrySchema = z.strictObject({
  version: z.literal(1),
  kind: z.enum(JOURNAL_KINDS),
  /** When the person says they made the step (ISO UTC): declared, not observed by the tool. */
  at: isoUtc,
  /** When the tool recorded it (its own clock), before the manifest was timestamped. */
  recordedAt: isoUtc,
  note: z.string(),
  /** Copies of the person's files, under `pieces/`, hashed when copied. */
  files: z.array(z.strictObject({ name: z.string(), sha256, bytes: z.number().int().min(0) })),
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;

/** The entry's folder, relative to the archive. */
export const entryDir = (entry: Pick<JournalEntry, 'at' | 'kind'>) =>
  `${JOURNAL_DIR}/${stampOf(entry.at)}-${entry.kind}`;

/** A file name that stays inside `pieces/` and on one line: the base name, odd characters replaced. */
export function pieceName(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const safe = base.replace(/[^\p{L}\p{N}._ -]/gu, '_').replace(/^\.+/, '_');
  return safe === '' ? 'piece' : safe;
}

/**
 * `--at`: a Paris wall-clock time (`2026-11-03 14:30`, `2026-11-03T14:30:05`) or an instant with its offset
 * (`…Z`, `…+01:00`); the ISO UTC instant, or null when the text is neither.
 */
export function parseAt(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '00', zone] = match;
  const wall = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s);
  const fields = new Date(wall);
  if (fields.getUTCMonth() !== +mo! - 1 || fields.getUTCDate() !== +d! || +h! > 23 || +mi! > 59 || +s > 59) return null;
  if (zone) return new Date(Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`)).toISOString().replace('.000', '');
  // Paris time: the offset at the guessed instant, checked once more (the hour of the change).
  let utc = wall - parisOffsetMinutes(wall) * 60_000;
  utc = wall - parisOffsetMinutes(utc) * 60_000;
  return new Date(utc).toISOString().replace('.000', '');
}
