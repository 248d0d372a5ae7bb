/**
 * `npm run verify -- [--archive <dir>] [--strict] [--repair]`: checks every capture, record and manifest of
 * the archive. Read-only unless --repair (finishes or drops what a killed run left).
 * Exit 0: intact (files listed in no manifest are only warned about, unless --strict); 1: at least one
 * missing, altered, invalid or orphan file, each printed with its path; 2: bad usage or no archive folder there.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FINDING_LABELS, verifyArchive, type Finding, type VerifyReport } from '../archive/verify.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';

export const VERIFY_USAGE = 'npm run verify -- [--archive <dossier>] [--strict] [--repair]';
/** Beyond this many warnings, only their number is printed: a whole old archive may predate manifests. */
const WARNINGS_SHOWN = 20;

const options = {
  archive: { type: 'string', default: 'archive' },
  strict: { type: 'boolean', default: false },
  repair: { type: 'boolean', default: false },
} as const;

const count = (n: number) => n.toLocaleString('fr-FR');
const line = (f: Finding) => `  ${FINDING_LABELS[f.kind].padEnd(9)} ${f.path} — ${f.detail}`;

export function formatReport(report: VerifyReport, seconds: number): string[] {
  const { recovered, problems } = report;
  const pending = report.warnings.filter((w) => w.kind === 'pending');
  const warnings = report.warnings.filter((w) => w.kind !== 'pending');
  const lines = [
    ...recovered.finished.map((record) => `capture interrompue terminée : ${record}`),
    ...recovered.discarded.map((name) => `capture incomplète supprimée : .staging/${name}`),
    ...recovered.leftovers.map((path) => `écriture interrompue supprimée : ${path}`),
    `${count(report.captures)} capture(s), ${count(report.files)} fichier(s), ${count(report.manifests)} manifeste(s) vérifiés en ${seconds.toFixed(1).replace('.', ',')} s.`,
  ];
  if (pending.length > 0)
    lines.push(
      `Avertissement : ${count(pending.length)} écriture(s) interrompue(s), laissées telles quelles :`,
      ...pending.map(line),
    );
  if (warnings.length > 0) {
    lines.push(
      `Avertissement : ${count(warnings.length)} fichier(s) listés dans aucun manifeste (sans effet sur le résultat) :`,
    );
    lines.push(...warnings.slice(0, WARNINGS_SHOWN).map(line));
    if (warnings.length > WARNINGS_SHOWN) lines.push(`  … et ${count(warnings.length - WARNINGS_SHOWN)} autre(s)`);
  }
  if (problems.length > 0) {
    lines.push(`${count(problems.length)} problème(s) :`, ...problems.map(line));
    lines.push('ÉCHEC : l’archive n’est pas intacte.');
  } else {
    lines.push('Archive intacte : chaque fichier correspond à son enregistrement et aux manifestes.');
  }
  return lines;
}

export async function runVerify(args: string[]): Promise<number> {
  const { values } = parseOptions(args, options, VERIFY_USAGE);
  const archive = resolve(values.archive);
  if (!(await stat(archive).catch(() => null))?.isDirectory()) {
    throw new UsageError(
      `dossier d'archive introuvable : ${archive}. Indiquez-le avec --archive <dossier>.\n\nUsage : ${VERIFY_USAGE}`,
    );
  }
  console.log(
    `Vérification de l'archive ${archive}${values.repair ? " (les captures interrompues sont d'abord terminées ou supprimées)" : ' (lecture seule)'}${values.strict ? ', stricte : tout fichier de capture doit figurer dans un manifeste' : ''}`,
  );
  const started = Date.now();
  const report = await verifyArchive(archive, {
    log: (text) => console.log(text),
    repair: values.repair,
    strict: values.strict,
  });
  for (const text of formatReport(report, (Date.now() - started) / 1000)) console.log(text);
  return report.problems.length > 0 ? 1 : 0;
}
