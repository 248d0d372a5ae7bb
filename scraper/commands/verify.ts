/**
 * `npm run verify -- [--archive <dir>] [--strict] [--repair] [--tsa-roots <dir>]…`: checks every capture, record
 * and manifest of the archive, and every RFC 3161 reply beside a manifest (scraper/timestamp/check.ts).
 * Read-only unless --repair (finishes or drops what a killed run left).
 * Exit 0: intact (files listed in no manifest are only warned about, unless --strict); 1: at least one
 * missing, altered, invalid or orphan file, each printed with its path; 2: bad usage or no archive folder there.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FINDING_LABELS, verifyArchive, type Finding, type VerifyReport } from '../archive/verify.ts';
import { plural } from '../evidence/french.ts';
import { checkJournal, isJournalPath } from '../journal/check.ts';
import { checkArchiveTimestamps, type TimestampsReport } from '../timestamp/check.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';

export const VERIFY_USAGE =
  'npm run verify -- [--archive <dossier>] [--strict] [--repair] [--tsa-roots <dossier de certificats PEM>]…';
/** Beyond this many warnings, only their number is printed: a whole old archive may predate manifests. */
const WARNINGS_SHOWN = 20;

const options = {
  archive: { type: 'string', default: 'archive' },
  strict: { type: 'boolean', default: false },
  repair: { type: 'boolean', default: false },
  'tsa-roots': { type: 'string', multiple: true },
} as const;

const line = (f: Finding) => `  ${FINDING_LABELS[f.kind].padEnd(9)} ${f.path} — ${f.detail}`;

/** Per manifest, the authorities that timestamped it and their times. */
function timestampLines({ seen, untimestamped }: Pick<TimestampsReport, 'seen' | 'untimestamped'>): string[] {
  const byManifest = new Map<string, typeof seen>();
  for (const reply of seen) byManifest.set(reply.manifest, [...(byManifest.get(reply.manifest) ?? []), reply]);
  const lines = [...byManifest].map(
    ([manifest, replies]) =>
      `Horodatages RFC 3161 de ${manifest} : ${replies.map((r) => `${r.authority} ${r.genTime}${r.signer ? ` (${r.signer})` : ''}`).join(', ')}`,
  );
  if (untimestamped.length > 0)
    lines.push(
      `${plural(untimestamped.length, 'manifeste', 'manifestes')} sans horodatage RFC 3161 (antérieurs, ou autorités injoignables).`,
    );
  return lines;
}

/** The archive's report, with the RFC 3161 replies' when they were checked (their problems are in `report.problems`). */
export function formatReport(
  report: VerifyReport,
  seconds: number,
  timestamps: Pick<TimestampsReport, 'seen' | 'untimestamped'> = { seen: [], untimestamped: [] },
): string[] {
  const { recovered, problems } = report;
  const pending = report.warnings.filter((w) => w.kind === 'pending');
  const warnings = report.warnings.filter((w) => w.kind !== 'pending');
  const lines = [
    ...recovered.finished.map((record) => `capture interrompue terminée : ${record}`),
    ...recovered.discarded.map((name) => `capture incomplète supprimée : .staging/${name}`),
    ...recovered.leftovers.map((path) => `écriture interrompue supprimée : ${path}`),
    `${plural(report.captures, 'capture', 'captures')}, ${plural(report.files, 'fichier', 'fichiers')}, ${plural(report.manifests, 'manifeste', 'manifestes')} vérifiés en ${seconds.toFixed(1).replace('.', ',')} s.`,
  ];
  if (pending.length > 0)
    lines.push(
      `Avertissement : ${plural(pending.length, 'écriture interrompue, laissée telle quelle', 'écritures interrompues, laissées telles quelles')} :`,
      ...pending.map(line),
    );
  if (warnings.length > 0) {
    lines.push(
      `Avertissement : ${plural(warnings.length, 'fichier listé', 'fichiers listés')} dans aucun manifeste (sans effet sur le résultat) :`,
    );
    lines.push(...warnings.slice(0, WARNINGS_SHOWN).map(line));
    if (warnings.length > WARNINGS_SHOWN)
      lines.push(`  … et ${plural(warnings.length - WARNINGS_SHOWN, 'autre', 'autres')}`);
  }
  lines.push(...timestampLines(timestamps));
  if (problems.length > 0) {
    lines.push(`${plural(problems.length, 'problème', 'problèmes')} :`, ...problems.map(line));
    lines.push('ÉCHEC : l’archive n’est pas intacte.');
  } else {
    lines.push('Archive intacte : chaque fichier correspond à son enregistrement et aux manifestes.');
  }
  return lines;
}

/** The whole check of an archive folder (files, records, manifests, RFC 3161 replies): the report's lines and its number of problems. */
export async function checkArchive(
  archive: string,
  options: { log: (text: string) => void; repair: boolean; strict: boolean; tsaRoots: string[] },
): Promise<{ lines: string[]; problems: number }> {
  const started = Date.now();
  const archiveReport = await verifyArchive(archive, options);
  const timestamps = await checkArchiveTimestamps(archive, options.tsaRoots);
  // The person's journal is not laid out as captures: checked on its own terms, not reported as orphan files.
  const journal = await checkJournal(archive, options.tsaRoots);
  const outsideJournal = archiveReport.problems.filter((f) => !(f.kind === 'orphan' && isJournalPath(f.path)));
  const problems = [...outsideJournal, ...timestamps.problems, ...journal.problems].sort(
    (a, b) => a.path.localeCompare(b.path) || a.detail.localeCompare(b.detail),
  );
  const report = { ...archiveReport, problems };
  const seen = {
    seen: [...timestamps.seen, ...journal.seen],
    untimestamped: [...timestamps.untimestamped, ...journal.untimestamped],
  };
  const lines = formatReport(report, (Date.now() - started) / 1000, seen);
  if (journal.entries > 0)
    lines.splice(-1, 0, `Journal personnel : ${plural(journal.entries, 'démarche vérifiée', 'démarches vérifiées')}.`);
  return { lines, problems: problems.length };
}

export async function runVerify(args: string[]): Promise<number> {
  const { values } = parseOptions(args, options, {
    usage: VERIFY_USAGE,
    example: 'npm run verify -- --archive archive',
  });
  const archive = resolve(values.archive);
  if (!(await stat(archive).catch(() => null))?.isDirectory()) {
    throw new UsageError(
      `dossier d'archive introuvable : ${archive}. Indiquez-le avec --archive <dossier>.\n\nUsage : ${VERIFY_USAGE}`,
    );
  }
  for (const dir of values['tsa-roots'] ?? []) {
    if (!(await stat(dir).catch(() => null))?.isDirectory())
      throw new UsageError(`--tsa-roots : dossier introuvable : ${resolve(dir)}\n\nUsage : ${VERIFY_USAGE}`);
  }
  console.log(
    `Vérification de l'archive ${archive}${values.repair ? " (les captures interrompues sont d'abord terminées ou supprimées)" : ' (lecture seule)'}${values.strict ? ', stricte : tout fichier de capture doit figurer dans un manifeste' : ''}`,
  );
  const { lines, problems } = await checkArchive(archive, {
    log: (text) => console.log(text),
    repair: values.repair,
    strict: values.strict,
    tsaRoots: (values['tsa-roots'] ?? []).map((dir) => resolve(dir)),
  });
  for (const text of lines) console.log(text);
  return problems > 0 ? 1 : 0;
}
