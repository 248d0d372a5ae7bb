/**
 * Picking up what a failed run could not publish: its capture artifacts stay 7 days on GitHub, so the
 * publish job of every run first downloads those of the recent failed runs of the capture workflow into its
 * own artifacts folder. Publishing is idempotent (a file already on the branch is skipped, an archive path
 * never holds two contents), so a capture already published costs nothing, and nothing captured is lost
 * while any later run publishes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { GitHubApi } from './github.ts';
import { plural } from '../evidence/french.ts';

const run = promisify(execFile);

/** GitHub keeps the artifacts 7 days (retention-days in capture.yml). */
export const PICKUP_DAYS = 7;

interface Artifact {
  id: number;
  name: string;
  expired: boolean;
  archive_download_url: string;
}

export async function pickUpFailedRuns(
  api: GitHubApi,
  into: string,
  options: { workflow?: string; now?: Date; currentRun?: string; log: (line: string) => void },
): Promise<number[]> {
  const since = new Date((options.now ?? new Date()).getTime() - PICKUP_DAYS * 86_400_000).toISOString().slice(0, 10);
  const { workflow_runs: runs } = await api.request<{ workflow_runs: { id: number; created_at: string }[] }>(
    'GET',
    `/repos/${api.repository}/actions/workflows/${options.workflow ?? 'capture.yml'}/runs?status=failure&created=%3E%3D${since}&per_page=50`,
  );
  const picked: number[] = [];
  for (const failed of runs.filter((r) => String(r.id) !== options.currentRun)) {
    const { artifacts } = await api.request<{ artifacts: Artifact[] }>(
      'GET',
      `/repos/${api.repository}/actions/runs/${failed.id}/artifacts?per_page=100`,
    );
    const captures = artifacts.filter((a) => !a.expired && a.name.startsWith('captures-'));
    for (const artifact of captures) {
      const zip = await api.download(`/repos/${api.repository}/actions/artifacts/${artifact.id}/zip`);
      const temp = await mkdtemp(join(tmpdir(), 'stp-pickup-'));
      try {
        await writeFile(join(temp, 'a.zip'), zip);
        // -n: never overwrite; the archive paths of a capture are unique, so a file already there is the same one.
        await run('unzip', ['-q', '-n', join(temp, 'a.zip'), '-d', into]);
      } finally {
        await rm(temp, { recursive: true, force: true });
      }
    }
    if (captures.length > 0) {
      picked.push(failed.id);
      options.log(
        `Passage ${failed.id} (${failed.created_at}) en échec : ${plural(captures.length, 'artefact repris', 'artefacts repris')}.`,
      );
    }
  }
  return picked;
}
