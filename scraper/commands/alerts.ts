/**
 * `npm run alerts -- [--repo .] [--remote origin] [--branch archive] [--last <N>] [--dry-run]`
 * After publishing: reads each motif's latest captures on the archive branch and opens, updates or
 * closes one GitHub issue per motif (see ci/alerts.ts). `--dry-run` only prints what it would do.
 */
import { captureFiles } from '../archive/paths.ts';
import { decideAlerts, motifState, type OpenIssue } from '../ci/alerts.ts';
import { fetchTip } from '../git/git.ts';
import { applyAlerts, githubApi, openAlertIssues } from '../ci/github.ts';
import { latestRecords } from '../ci/history.ts';
import type { EvidenceRecord } from '../evidence/record.ts';
import { plural } from '../evidence/french.ts';
import { loadAllTargets } from '../target/load.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';

const USAGE = 'npm run alerts -- [--repo <dossier>] [--remote origin] [--branch archive] [--last <N>] [--dry-run]';

const options = {
  repo: { type: 'string', default: '.' },
  remote: { type: 'string', default: 'origin' },
  branch: { type: 'string', default: 'archive' },
  last: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
} as const;

export async function runAlerts(args: string[]): Promise<number> {
  const { values } = parseOptions(args, options, { usage: USAGE, example: 'npm run alerts -- --dry-run' });
  const env = process.env;
  const lastN = Number(values.last ?? (env.STP_ALERT_AFTER || 3));
  if (!Number.isInteger(lastN) || lastN < 1)
    throw new UsageError(
      `--last (ou STP_ALERT_AFTER) attend un nombre entier positif, pas « ${values.last ?? env.STP_ALERT_AFTER} »`,
    );
  const tip = await fetchTip(values.repo, values.remote, values.branch);
  if (!tip) {
    console.log(`La branche ${values.branch} n'existe pas encore : aucune alerte.`);
    return 0;
  }
  const targets = (await loadAllTargets()).map((t) => t.target);
  const latest = await latestRecords(
    values.repo,
    tip,
    targets.map((t) => t.id),
    lastN,
  );
  const states = targets
    .flatMap((t) => t.motifs.map((m) => `${t.id}/${m.id}`))
    .filter((key) => latest.has(key))
    .map((key) => motifState(key, latest.get(key)!, lastN));
  const repository = env.GITHUB_REPOSITORY ?? 'OWNER/REPO';
  const imageUrl = (r: EvidenceRecord) =>
    `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${repository}/blob/${tip}/${captureFiles(r).image}`;
  const api = values['dry-run'] ? null : githubApi(env);
  const open: OpenIssue[] = api ? await openAlertIssues(api) : [];
  const actions = decideAlerts(states, open, imageUrl);
  for (const a of actions)
    console.log(
      `${a.action === 'open' ? 'ouverture' : a.action === 'update' ? 'mise à jour' : 'fermeture'} : ${a.key}${'number' in a ? ` (#${a.number})` : ''}`,
    );
  if (actions.length === 0)
    console.log(`Aucune alerte à changer (${plural(states.length, 'motif examiné', 'motifs examinés')}).`);
  if (api) await applyAlerts(api, actions);
  return 0;
}
