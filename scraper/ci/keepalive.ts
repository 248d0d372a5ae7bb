/**
 * Keep-alive: GitHub disables the schedules of a public repository after 60 days without activity, and
 * the capture workflow's own runs do not count. A small scheduled workflow re-enables the scheduled
 * workflows through the API before that happens (and itself with them). A workflow that its owner
 * disabled by hand stays disabled.
 */
import type { GitHubApi } from './github.ts';

/** The workflows that run on a schedule. */
export const SCHEDULED_WORKFLOWS = ['.github/workflows/capture.yml', '.github/workflows/keepalive.yml'];

export interface WorkflowInfo {
  id: number;
  path: string;
  state: string;
}

/** Which workflows to enable: the scheduled ones that are active or were disabled for inactivity. */
export function workflowsToEnable(workflows: WorkflowInfo[], scheduled = SCHEDULED_WORKFLOWS): WorkflowInfo[] {
  return workflows.filter(
    (w) => scheduled.includes(w.path) && (w.state === 'active' || w.state === 'disabled_inactivity'),
  );
}

export async function keepAlive(api: GitHubApi, log: (line: string) => void): Promise<WorkflowInfo[]> {
  const { workflows } = await api.request<{ workflows: WorkflowInfo[] }>(
    'GET',
    `/repos/${api.repository}/actions/workflows?per_page=100`,
  );
  const chosen = workflowsToEnable(workflows);
  for (const w of chosen) {
    await api.request('PUT', `/repos/${api.repository}/actions/workflows/${w.id}/enable`);
    log(`${w.path} : ${w.state === 'active' ? 'maintenu actif' : 'réactivé'}.`);
  }
  for (const w of workflows.filter((w) => SCHEDULED_WORKFLOWS.includes(w.path) && !chosen.includes(w))) {
    log(`${w.path} : laissé tel quel (${w.state}).`);
  }
  return chosen;
}
