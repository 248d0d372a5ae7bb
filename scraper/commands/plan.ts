/**
 * `npm run plan -- [--now <ISO>] [--window <min>] [--targets <ids|all>] [--event <name>] [--target <id|all>] [--motif <id>] [--no-delay]`
 * The capture workflow's first step: which préfectures to capture in this tick, after what wait. Writes
 * the `matrix` and `count` outputs of the step, and explains its choice in the run's summary.
 * In a workflow every option comes from the environment (STP_TARGETS, GITHUB_EVENT_NAME, STP_DISPATCH_*).
 */
import * as core from '@actions/core';
import { bySite } from '../capture/run.ts';
import { capturesOn, recordPaths } from '../ci/history.ts';
import { fetchTip } from '../git/git.ts';
import { dispatchedTargets, parseTracked, planTick, uniform, type Decision } from '../ci/planner.ts';
import { parisTime } from '../evidence/time.ts';
import { loadAllTargets } from '../target/load.ts';
import type { Target } from '../target/schema.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';

const USAGE =
  'npm run plan -- [--now <ISO>] [--window <minutes>] [--targets <ids|all>] [--event <schedule|workflow_dispatch>] [--target <id|all>] [--motif <id>] [--no-delay] [--repo <dossier>] [--branch <nom>]';

const options = {
  now: { type: 'string' },
  window: { type: 'string' },
  targets: { type: 'string' },
  event: { type: 'string' },
  target: { type: 'string' },
  motif: { type: 'string' },
  'no-delay': { type: 'boolean', default: false },
  repo: { type: 'string', default: '.' },
  remote: { type: 'string', default: 'origin' },
  branch: { type: 'string', default: 'archive' },
} as const;

export interface MatrixEntry {
  target: string;
  /** Comma-separated motif ids, empty for all. */
  motifs: string;
  delay: number;
  /** Minutes for the whole capture job: the wait, the worst case of the site with the most motifs, setup. */
  timeout: number;
  /** Minutes the capture itself may take (`--budget-minutes`): it stops by itself then, and its files are uploaded. */
  budget: number;
  /** The capture step's own time limit, a little above its budget: a capture that did not stop is cut, not the job. */
  stepTimeout: number;
}

const SETUP_MINUTES = 15;
/** Beyond the motifs' budgets: starting the browser, the last screenshots and writes. */
const CAPTURE_SLACK_MINUTES = 2;
const STEP_SLACK_MINUTES = 3;

export function matrixEntry(target: Target, delaySeconds: number, motifs: string[] = []): MatrixEntry {
  const jobs = target.motifs
    .filter((m) => motifs.length === 0 || motifs.includes(m.id))
    .map((motif) => ({ target, motif }));
  const worstMs = Math.max(...bySite(jobs).map((group) => group.length * target.settings.motifBudgetMs));
  return {
    target: target.id,
    motifs: motifs.join(','),
    delay: delaySeconds,
    timeout: Math.ceil(delaySeconds / 60) + Math.ceil(worstMs / 60_000) + SETUP_MINUTES,
    budget: Math.ceil(worstMs / 60_000) + CAPTURE_SLACK_MINUTES,
    stepTimeout: Math.ceil(worstMs / 60_000) + CAPTURE_SLACK_MINUTES + STEP_SLACK_MINUTES,
  };
}

/** A run started by hand: the chosen préfecture(s) and motif, now or after a random wait inside the window. */
function manualPlan(
  chosen: Target[],
  target: string,
  motif: string,
  delay: (id: string) => number,
): { entries: MatrixEntry[]; notes: string[] } {
  if (chosen.length === 0)
    return {
      entries: [],
      notes: [
        `Lancé à la main pour ${target || 'all'}, c'est-à-dire les préfectures de STP_TARGETS : la variable est vide, donc rien n'est capturé. Nommez une préfecture (target) ou remplissez STP_TARGETS.`,
      ],
    };
  const withMotif = motif ? chosen.filter((t) => t.motifs.some((m) => m.id === motif)) : chosen;
  if (withMotif.length === 0) throw new UsageError(`motif inconnu pour ${target || 'all'} : ${motif}.`);
  const entries = withMotif.map((t) => matrixEntry(t, delay(t.id), motif ? [motif] : []));
  return {
    entries,
    notes: entries.map((e) => `${e.target}${motif ? ` / ${motif}` : ''} : lancé à la main, attente de ${e.delay} s.`),
  };
}

export async function runPlan(args: string[]): Promise<number> {
  const { values } = parseOptions(args, options, {
    usage: USAGE,
    example: 'npm run plan -- --targets paris,seine-saint-denis --now 2026-12-07T09:00:00Z',
  });
  const env = process.env;
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new UsageError(`--now attend une date ISO 8601, pas « ${values.now} »`);
  const windowMinutes = Number(values.window ?? (env.STP_WINDOW_MINUTES || 30));
  if (!Number.isInteger(windowMinutes) || windowMinutes < 5 || 60 % windowMinutes !== 0) {
    throw new UsageError(
      `--window (ou STP_WINDOW_MINUTES) attend un diviseur de 60 d'au moins 5 minutes, pas « ${values.window ?? env.STP_WINDOW_MINUTES} »`,
    );
  }
  const seed = env.GITHUB_REPOSITORY ?? 'local';
  const targets = (await loadAllTargets()).map((t) => t.target);
  const event = values.event ?? env.GITHUB_EVENT_NAME ?? 'schedule';
  const ids = targets.map((t) => t.id);
  let tracked: string[];
  try {
    tracked = parseTracked(values.targets ?? env.STP_TARGETS, ids);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  let entries: MatrixEntry[];
  let notes: string[];
  if (event === 'workflow_dispatch') {
    const noDelay = values['no-delay'] || env.STP_NO_DELAY === 'true';
    const delay = (id: string) =>
      noDelay ? 0 : Math.floor(uniform(`${seed}|${now.toISOString()}|${id}|manual`) * windowMinutes * 60);
    const target = (values.target ?? env.STP_DISPATCH_TARGET ?? '').trim();
    let chosen: string[];
    try {
      chosen = dispatchedTargets(target, tracked, ids);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    ({ entries, notes } = manualPlan(
      targets.filter((t) => chosen.includes(t.id)),
      target,
      (values.motif ?? env.STP_DISPATCH_MOTIF ?? '').trim(),
      delay,
    ));
  } else {
    if (tracked.length === 0) {
      entries = [];
      notes = [
        'Aucune préfecture suivie : la variable de dépôt STP_TARGETS est vide, donc rien n’est capturé.',
        'Pour commencer : Settings → Secrets and variables → Actions → Variables → New repository variable, nom STP_TARGETS, valeur : l’identifiant de votre préfecture dans le catalogue (scraper/targets/, par exemple « val-d-oise »), ou plusieurs séparés par des virgules.',
      ];
    } else {
      const chosen = targets.filter((t) => tracked.includes(t.id));
      const tip = await fetchTip(values.repo, values.remote, values.branch).catch(() => undefined);
      const date = parisTime(now.toISOString()).format('YYYY-MM-DD');
      const capturedToday =
        tip === undefined
          ? undefined
          : tip === null
            ? {}
            : capturesOn(await recordPaths(values.repo, tip, tracked), date);
      const plan = planTick({ now, targets: chosen, seed, windowMinutes, ...(capturedToday ? { capturedToday } : {}) });
      entries = plan.due.map((d: Decision) =>
        matrixEntry(
          chosen.find((t) => t.id === d.target)!,
          d.delaySeconds,
        ),
      );
      notes = [
        ...plan.notes,
        ...(tip === undefined
          ? [`Branche ${values.branch} illisible : pas de rattrapage des passages manqués dans ce créneau.`]
          : []),
      ];
    }
  }
  const matrix = { include: entries };
  if (env.GITHUB_OUTPUT) {
    core.setOutput('matrix', JSON.stringify(matrix));
    core.setOutput('count', String(entries.length));
  }
  for (const line of notes) console.log(line);
  console.log(`matrix=${JSON.stringify(matrix)}`);
  if (env.GITHUB_STEP_SUMMARY) await core.summary.addHeading('Planification', 2).addList(notes).write();
  return 0;
}
