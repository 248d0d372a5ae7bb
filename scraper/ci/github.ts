/**
 * The few GitHub REST calls of the pipeline (issues for alerts, workflow enabling for keep-alive), with
 * the workflow's GITHUB_TOKEN. Plain fetch: the calls are small and the permissions each job grants are
 * visible in its workflow file.
 */
import type { AlertAction, OpenIssue } from './alerts.ts';
import { ALERT_LABEL } from './alerts.ts';

export class GitHubError extends Error {
  override name = 'GitHubError';
}

export interface GitHubApi {
  repository: string;
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** A file behind the API (an artifact's zip): GitHub answers with a redirect to signed storage. */
  download(path: string): Promise<Buffer>;
}

/** A client from the Actions environment: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL. */
export function githubApi(env: NodeJS.ProcessEnv = process.env): GitHubApi {
  const token = env.GITHUB_TOKEN;
  const repository = env.GITHUB_REPOSITORY;
  if (!token || !repository) {
    throw new GitHubError(
      'GITHUB_TOKEN et GITHUB_REPOSITORY sont nécessaires (ils sont fournis dans un workflow GitHub Actions ; ajoutez --dry-run pour un essai local).',
    );
  }
  const base = env.GITHUB_API_URL ?? 'https://api.github.com';
  return {
    repository,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          accept: 'application/vnd.github+json',
          authorization: `Bearer ${token}`,
          'x-github-api-version': '2022-11-28',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      if (!response.ok) throw new GitHubError(`${method} ${path} : HTTP ${response.status} ${text.slice(0, 300)}`);
      return (text ? JSON.parse(text) : null) as T;
    },
    async download(path: string): Promise<Buffer> {
      // fetch drops the authorization header when the redirect leaves the API's origin, as it must.
      const response = await fetch(`${base}${path}`, {
        headers: { authorization: `Bearer ${token}`, 'x-github-api-version': '2022-11-28' },
        signal: AbortSignal.timeout(300_000),
      });
      if (!response.ok) throw new GitHubError(`GET ${path} : HTTP ${response.status}`);
      return Buffer.from(await response.arrayBuffer());
    },
  };
}

/** Open alert issues of the repository (pull requests, which the issues endpoint also lists, left out). */
export async function openAlertIssues(api: GitHubApi): Promise<OpenIssue[]> {
  const issues = await api.request<{ number: number; title: string; body: string | null; pull_request?: unknown }[]>(
    'GET',
    `/repos/${api.repository}/issues?state=open&labels=${ALERT_LABEL}&per_page=100`,
  );
  return issues.filter((i) => !i.pull_request).map((i) => ({ number: i.number, title: i.title, body: i.body ?? '' }));
}

export async function applyAlerts(api: GitHubApi, actions: AlertAction[]): Promise<void> {
  const issues = `/repos/${api.repository}/issues`;
  for (const a of actions) {
    if (a.action === 'open') {
      await api.request('POST', issues, { title: a.title, body: a.body, labels: [ALERT_LABEL] });
    } else if (a.action === 'update') {
      await api.request('PATCH', `${issues}/${a.number}`, { title: a.title, body: a.body });
      if (a.comment) await api.request('POST', `${issues}/${a.number}/comments`, { body: a.comment });
    } else {
      await api.request('POST', `${issues}/${a.number}/comments`, { body: a.comment });
      await api.request('PATCH', `${issues}/${a.number}`, { state: 'closed', state_reason: 'completed' });
    }
  }
}

/** The commit status that decides on a proposed pull request; the ruleset of `archive` requires it (docs/capturer-soi-meme.md). */
const PROPOSAL_STATUS = 'captures-proposees';

export interface CommitStatus {
  state: 'pending' | 'success' | 'failure' | 'error';
  description: string;
  /** The run that decided, for the link beside the status. */
  targetUrl?: string;
}

/** Sets the proposal status of a commit (`POST /repos/{repo}/statuses/{sha}`; GitHub keeps 140 characters). */
export async function postStatus(api: GitHubApi, sha: string, status: CommitStatus): Promise<void> {
  await api.request('POST', `/repos/${api.repository}/statuses/${sha}`, {
    state: status.state,
    context: PROPOSAL_STATUS,
    description: [...status.description].slice(0, 140).join(''),
    ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
  });
}

interface ProposalHead {
  /** `owner/name` of the repository the pull request comes from (a fork, usually). */
  repository: string;
  branch: string;
  sha: string;
  /** The branch it targets. */
  base: string;
}

/**
 * The number of the open pull request whose head is exactly this repository, branch and commit, towards `base`
 * of this repository; null when there is none or more than one (then no comment is posted anywhere).
 */
export async function proposalPullRequest(api: GitHubApi, head: ProposalHead): Promise<number | null> {
  const owner = head.repository.split('/')[0]!;
  const query = new URLSearchParams({
    state: 'open',
    base: head.base,
    head: `${owner}:${head.branch}`,
    per_page: '100',
  });
  const pulls = await api.request<
    {
      number: number;
      head: { sha: string; ref: string; repo: { full_name: string } | null };
      base: { ref: string; repo: { full_name: string } };
    }[]
  >('GET', `/repos/${api.repository}/pulls?${query}`);
  const matching = pulls.filter(
    (pr) =>
      pr.head.sha === head.sha &&
      pr.head.ref === head.branch &&
      pr.head.repo?.full_name === head.repository &&
      pr.base.ref === head.base &&
      pr.base.repo.full_name === api.repository,
  );
  return matching.length === 1 ? matching[0]!.number : null;
}

export async function commentOn(api: GitHubApi, number: number, body: string): Promise<void> {
  await api.request('POST', `/repos/${api.repository}/issues/${number}/comments`, { body });
}
