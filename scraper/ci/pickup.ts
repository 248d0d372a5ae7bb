/**
 * Picking up what a failed run could not publish: its capture artifacts stay 7 days on GitHub, so the
 * publish job of every run first downloads those of the recent failed runs of the capture workflow into its
 * own artifacts folder. A file already on the branch is not picked up again: a capture published (or left
 * out for a clash) by an earlier run is not replayed, and a manifest published is not timestamped a second time
 * (a second reply of the same authority would clash with the first). Nothing captured is lost while any later
 * run publishes.
 */
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { parseReplyPath } from '../archive/paths.ts';
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

/**
 * Copies the unpacked files that the branch does not hold into `into`, never over a file there (the archive paths
 * of a capture are unique, so a file already there is the same one). A manifest on the branch keeps its replies
 * out too: they were asked for again only because the artifact lacked them.
 */
async function moveNew(from: string, into: string, onBranch: (paths: string[]) => Promise<Set<string>>) {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((e) => e.isFile())
    .map((e) => relative(from, join(e.parentPath, e.name)).split(sep).join('/'));
  const published = paths.length > 0 ? await onBranch(paths) : new Set<string>();
  for (const path of paths) {
    if (published.has(path) || published.has(parseReplyPath(path)?.manifest ?? '')) continue;
    await mkdir(dirname(join(into, path)), { recursive: true });
    await copyFile(join(from, path), join(into, path), constants.COPYFILE_EXCL).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      },
    );
  }
}

export async function pickUpFailedRuns(
  api: GitHubApi,
  into: string,
  options: {
    workflow?: string;
    now?: Date;
    currentRun?: string;
    /** Which of these archive paths the branch already holds. */
    onBranch: (paths: string[]) => Promise<Set<string>>;
    log: (line: string) => void;
  },
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
        const unpacked = join(temp, 'files');
        await run('unzip', ['-q', join(temp, 'a.zip'), '-d', unpacked]);
        await moveNew(unpacked, into, options.onBranch);
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
