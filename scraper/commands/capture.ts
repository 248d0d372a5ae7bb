/**
 * `npm run capture -- [--target <file or id>]… [--motif <id>]… [--archive <dir>] [--replica <origin>]`
 * Exit 0: every attempt produced its capture (whatever the outcome); 1: some could not be captured;
 * 2: bad usage or an invalid target file (nothing written).
 */
import { resolve } from 'node:path';
import { captureJobs, type Job, type RunSummary } from '../capture.ts';
import { OUTCOME_LABELS, OUTCOMES } from '../outcome/outcomes.ts';
import { loadAllTargets, loadTarget } from '../target/load.ts';
import { parseOptions, UsageError } from './usage.ts';

export const CAPTURE_USAGE =
  'npm run capture -- [--target <fichier ou id>]… [--motif <id>]… [--archive <dossier>] [--replica <origine>] [--proxy <url>] [--headed] [--pause-ms <ms>]';

const options = {
  target: { type: 'string', multiple: true },
  motif: { type: 'string', multiple: true },
  archive: { type: 'string', default: 'archive' },
  replica: { type: 'string' },
  proxy: { type: 'string' },
  headed: { type: 'boolean', default: false },
  'pause-ms': { type: 'string' },
} as const;

/** The jobs of the run: the chosen targets (all by default), narrowed to the chosen motifs. */
export async function selectJobs(targetArgs: string[] | undefined, motifArgs: string[] | undefined): Promise<Job[]> {
  const targets = targetArgs?.length ? await Promise.all(targetArgs.map(loadTarget)) : await loadAllTargets();
  const jobs = targets.flatMap(({ target }) => target.motifs.map((motif) => ({ target, motif })));
  if (!motifArgs?.length) return jobs;
  const unknown = motifArgs.filter((id) => !jobs.some((j) => j.motif.id === id));
  if (unknown.length > 0) {
    const known = jobs.map((j) => `${j.target.id}/${j.motif.id}`).join(', ');
    throw new UsageError(`motif inconnu : ${unknown.join(', ')}. Motifs disponibles : ${known}`);
  }
  return jobs.filter((j) => motifArgs.includes(j.motif.id));
}

export function summarize(summary: RunSummary, archive: string): string {
  const captured = summary.results.filter((r) => r.captured);
  const counts = OUTCOMES.map((o) => [o, captured.filter((r) => r.record.outcome === o).length] as const).filter(([, n]) => n > 0);
  const missed = summary.results.length - captured.length;
  const lines = [
    `${summary.results.length} motif(s) : ${captured.length} capturé(s)${missed ? `, ${missed} NON capturé(s)` : ''}.`,
    ...counts.map(([o, n]) => `  ${n} × ${OUTCOME_LABELS[o]}`),
  ];
  if (summary.manifest) lines.push(`Captures dans ${archive}, manifeste ${summary.manifest}`);
  return lines.join('\n');
}

export async function runCapture(args: string[]): Promise<number> {
  const { values } = parseOptions(args, options, CAPTURE_USAGE);
  const pauseMs = values['pause-ms'] === undefined ? 0 : Number(values['pause-ms']);
  if (!Number.isInteger(pauseMs) || pauseMs < 0) throw new UsageError(`--pause-ms attend un nombre entier de millisecondes, pas « ${values['pause-ms']} »`);
  const jobs = await selectJobs(values.target, values.motif);
  const archive = resolve(values.archive);
  const replica = values.replica ?? process.env.STP_REPLICA;
  const proxy = values.proxy ?? process.env.STP_PROXY;
  console.log(`Capture de ${jobs.length} motif(s)${replica ? ` sur la réplique ${replica}` : ''} → ${archive}`);
  const summary = await captureJobs(jobs, {
    archive,
    ...(replica ? { replica } : {}),
    ...(proxy ? { proxy } : {}),
    headed: values.headed,
    pauseMs,
    log: (line) => console.log(line),
  });
  console.log(summarize(summary, archive));
  return summary.results.every((r) => r.captured) ? 0 : 1;
}
