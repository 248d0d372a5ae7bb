/**
 * `npm run capture -- [--target <file or id>]… [--motif <id>]… [--archive <dir>] [--replica <origin>]`
 * `--dry-run` tries target files: captures into a fresh temporary folder, with a screenshot per step.
 * `--assist` opens a visible browser in which a person solves the captchas (rdv-prefecture motifs).
 * Exit 0: every attempt produced its capture (whatever the outcome); 1: some could not be captured;
 * 2: bad usage or an invalid target file (nothing written).
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { captureJobs, type Job, type RunSummary } from '../capture/run.ts';
import { personSolver } from '../navigate/captcha.ts';
import { plural } from '../evidence/french.ts';
import { OUTCOME_LABELS, OUTCOMES } from '../outcome/outcomes.ts';
import { loadAllTargets, loadTarget } from '../target/load.ts';
import { ensureChromium } from '../command-line/chromium.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';
import { timestampLines } from '../timestamp/request.ts';

export const CAPTURE_USAGE =
  'npm run capture -- [--target <fichier ou id>]… [--motif <id>]… [--archive <dossier> | --dry-run] [--replica <origine>] [--proxy <url>] [--headed] [--assist [--assist-timeout <s>]] [--pause-ms <ms>] [--budget-minutes <min>]';

const options = {
  target: { type: 'string', multiple: true },
  motif: { type: 'string', multiple: true },
  archive: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  replica: { type: 'string' },
  proxy: { type: 'string' },
  headed: { type: 'boolean', default: false },
  assist: { type: 'boolean', default: false },
  'assist-timeout': { type: 'string' },
  'pause-ms': { type: 'string' },
  /** The whole run's time, from now (the workflow gives it from the plan): see CaptureOptions.stopAt. */
  'budget-minutes': { type: 'string' },
} as const;

/** How long a person has to solve one captcha in an assisted run, by default. */
const ASSIST_TIMEOUT_S = 180;

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
  const counts = OUTCOMES.map((o) => [o, captured.filter((r) => r.record.outcome === o).length] as const).filter(
    ([, n]) => n > 0,
  );
  const missed = summary.results.length - captured.length;
  const lines = [
    `${plural(summary.results.length, 'motif', 'motifs')} : ${plural(captured.length, 'capturé', 'capturés')}${missed ? `, ${plural(missed, 'NON capturé', 'NON capturés')}` : ''}.`,
    ...counts.map(([o, n]) => `  ${n} × ${OUTCOME_LABELS[o]}`),
    // Repeated here, after pages of log: a motif without a capture has no record at all (nothing to file).
    ...summary.results.flatMap((r) =>
      r.captured ? [] : [`  ✗ ${r.job.target.id} / ${r.job.motif.id} : aucune capture, aucune fiche — ${r.reason}`],
    ),
  ];
  if (summary.manifest) lines.push(`Captures dans ${archive}, manifeste ${summary.manifest}`);
  lines.push(...timestampLines(summary.timestamps));
  return lines.join('\n');
}

/**
 * The motifs of an assisted run: those behind a captcha (rdv-prefecture), and any motif named with --motif
 * (a legacy form that meets a captcha). The others need no person: the scheduled runs capture them.
 */
export function assistedJobs(jobs: Job[], motifArgs: string[] | undefined): Job[] {
  const chosen = jobs.filter((j) => j.motif.platform === 'rdv-prefecture' || motifArgs?.includes(j.motif.id));
  if (chosen.length === 0) {
    throw new UsageError(
      '--assist : aucun motif protégé par un captcha (platform: rdv-prefecture) parmi ceux choisis. Nommez un motif avec --motif <id> pour le faire quand même.',
    );
  }
  return chosen;
}

/** An assisted run needs a screen for its visible browser: on Linux, an X or Wayland display. */
export function checkDisplay(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  what = '--assist ouvre une fenêtre de navigateur où vous saisissez les captchas',
): void {
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    throw new UsageError(
      `${what}, mais aucun écran n'est disponible ici (DISPLAY est vide). ` +
        'Lancez la commande sur un ordinateur avec écran, pas sur GitHub Actions ni dans une session SSH sans affichage.',
    );
  }
}

async function traces(dir: string): Promise<string[]> {
  const files = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return files.filter((f) => f.endsWith('trace.zip')).map((f) => join(dir, f));
}

export async function runCapture(args: string[]): Promise<number> {
  const { values } = parseOptions(args, options, {
    usage: CAPTURE_USAGE,
    example: 'npm run capture -- --target paris --motif aes-vpf-charcot --dry-run',
  });
  const pauseMs = values['pause-ms'] === undefined ? 0 : Number(values['pause-ms']);
  if (!Number.isInteger(pauseMs) || pauseMs < 0)
    throw new UsageError(`--pause-ms attend un nombre entier de millisecondes, pas « ${values['pause-ms']} »`);
  const assistTimeoutS = values['assist-timeout'] === undefined ? ASSIST_TIMEOUT_S : Number(values['assist-timeout']);
  if (!Number.isInteger(assistTimeoutS) || assistTimeoutS < 1)
    throw new UsageError(`--assist-timeout attend un nombre entier de secondes, pas « ${values['assist-timeout']} »`);
  const budget = values['budget-minutes'] ?? process.env.STP_BUDGET_MINUTES;
  const budgetMinutes = budget === undefined || budget === '' ? undefined : Number(budget);
  if (budgetMinutes !== undefined && !(Number.isFinite(budgetMinutes) && budgetMinutes > 0))
    throw new UsageError(`--budget-minutes attend un nombre de minutes positif, pas « ${budget} »`);
  const dryRun = values['dry-run'];
  if (dryRun && values.archive !== undefined)
    throw new UsageError('--dry-run écrit dans un dossier temporaire : retirez --archive');
  if (values.assist) checkDisplay(process.env);
  const selected = await selectJobs(values.target, values.motif);
  const jobs = values.assist ? assistedJobs(selected, values.motif) : selected;
  await ensureChromium();
  const trial = dryRun ? await mkdtemp(join(tmpdir(), 'stp-essai-')) : undefined;
  const archive = trial ? join(trial, 'captures') : resolve(values.archive ?? 'archive');
  const debugDir = trial ? join(trial, 'etapes') : undefined;
  const replica = values.replica ?? process.env.STP_REPLICA;
  const proxy = values.proxy ?? process.env.STP_PROXY;
  if (trial)
    console.log(
      `Essai à blanc : rien n'est écrit dans l'archive. Captures dans ${archive}, une image par étape dans ${debugDir}`,
    );
  if (values.assist)
    console.log(
      'Mode assisté : une fenêtre de navigateur va s’ouvrir. À chaque captcha, le robot s’arrête et vous demande de le résoudre.',
    );
  console.log(
    `Capture de ${plural(jobs.length, 'motif', 'motifs')}${replica ? ` sur la réplique ${replica}` : ''} → ${archive}`,
  );
  const summary = await captureJobs(jobs, {
    archive,
    ...(replica ? { replica } : {}),
    ...(proxy ? { proxy } : {}),
    ...(debugDir ? { debugDir } : {}),
    ...(values.assist
      ? { solveCaptcha: personSolver({ timeoutMs: assistTimeoutS * 1000, say: (line) => console.log(line) }) }
      : {}),
    headed: values.headed || values.assist,
    pauseMs,
    ...(budgetMinutes !== undefined ? { stopAt: Date.now() + budgetMinutes * 60_000 } : {}),
    log: (line) => console.log(line),
  });
  console.log(summarize(summary, archive));
  if (debugDir) {
    for (const trace of await traces(debugDir))
      console.log(`Page non reconnue : ouvrez la trace avec « npx playwright show-trace ${trace} »`);
    console.log(`Essai terminé : tout est dans ${trial}`);
  }
  return summary.results.every((r) => r.captured) ? 0 : 1;
}
