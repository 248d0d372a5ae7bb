/**
 * `npm run proposal -- --git <dépôt> --head <commit> --out <dossier> [--base-ref archive] [--git-dir <dossier>]
 * [--tsa-roots <dossier>]… [--github --head-repository <propriétaire/dépôt> --head-branch <branche>]`
 * Decides on a pull request to `archive`, read as data: its head is fetched into a bare repository (trees, then
 * only the blobs it adds), never checked out. Refused: anything but new regular files at the archive's paths,
 * records not made on a person's machine, manifests without a sound timestamp; then the added files, written
 * into `--out`, are verified strictly (`npm run verify -- --strict`).
 * With `--github` (the trusted workflow « Décision sur les captures proposées »), the verdict becomes the commit
 * status `captures-proposees` of the head, and the comment goes to the one open pull request whose head is that
 * repository, branch and commit. Without it (the read-only workflow), the comment goes to the job summary only.
 * Exit 0: only valid additions; 1: the strict verification failed; 2: refused, or bad usage.
 */
import * as core from '@actions/core';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkProposal, proposalComment, proposalVerdict } from '../ci/proposal.ts';
import {
  commentOn,
  githubApi,
  postStatus,
  proposalPullRequest,
  type CommitStatus,
  type GitHubApi,
} from '../ci/github.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';
import { plural } from '../evidence/french.ts';
import { checkArchiveTimestamps } from '../timestamp/check.ts';
import { checkArchive } from './verify.ts';

const USAGE =
  'npm run proposal -- --git <dépôt> --head <commit> --out <dossier> [--base-ref archive] [--git-dir <dossier>] [--tsa-roots <dossier>]… [--github --head-repository <propriétaire/dépôt> --head-branch <branche>]';
const options = {
  git: { type: 'string' },
  head: { type: 'string' },
  out: { type: 'string' },
  'base-ref': { type: 'string', default: 'archive' },
  'git-dir': { type: 'string' },
  'tsa-roots': { type: 'string', multiple: true },
  github: { type: 'boolean', default: false },
  'head-repository': { type: 'string' },
  'head-branch': { type: 'string' },
} as const;

/** The run's page, for the link beside the commit status. */
function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
}

export async function runProposal(args: string[]): Promise<number> {
  const { values } = parseOptions(args, options, {
    usage: USAGE,
    example: 'npm run proposal -- --git proposition.git --head 1a2b3c4d --out captures-proposees',
  });
  if (!values.git || !values.head || !values.out)
    throw new UsageError(`indiquez --git, --head et --out.\n\nUsage : ${USAGE}`);
  const out = resolve(values.out);
  if ((await readdir(out).catch(() => [])).length > 0)
    throw new UsageError(`--out : ${out} n'est pas vide ; indiquez un dossier nouveau.\n\nUsage : ${USAGE}`);
  const headRepository = values['head-repository'];
  const headBranch = values['head-branch'];
  if (values.github && (!headRepository || !/^[\w.-]+\/[\w.-]+$/.test(headRepository) || !headBranch))
    throw new UsageError(
      `--github demande --head-repository <propriétaire/dépôt> et --head-branch <branche>.\n\nUsage : ${USAGE}`,
    );
  const api: GitHubApi | null = values.github ? githubApi() : null;
  const status = (state: CommitStatus['state'], description: string) =>
    api ? postStatus(api, values.head!, { state, description, targetUrl: runUrl(process.env) }) : Promise.resolve();

  await status('pending', 'Vérification en cours');
  let comment: string;
  let code: number;
  try {
    const source = {
      repository: values.git,
      head: values.head,
      baseRef: values['base-ref'],
      gitDir: resolve(values['git-dir'] ?? (await mkdtemp(join(tmpdir(), 'stp-proposition-')))),
    };
    const tsaRoots = (values['tsa-roots'] ?? []).map((dir) => resolve(dir));
    const check = await checkProposal(source, out, async (dir) => (await checkArchiveTimestamps(dir, tsaRoots)).seen);
    const lines = check.problems.length
      ? [
          `Proposition refusée (${plural(check.problems.length, 'problème', 'problèmes')}) :`,
          ...check.problems.map((p) => `- ${p}`),
        ]
      : [
          `Proposition recevable : ${plural(check.added.length, 'fichier ajouté', 'fichiers ajoutés')}, écrits dans ${values.out}.`,
        ];
    for (const line of lines) console.log(line);
    const verification = check.problems.length
      ? null
      : await checkArchive(out, { log: (text) => console.log(text), repair: false, strict: true, tsaRoots });
    for (const line of verification?.lines ?? []) console.log(line);
    comment = proposalComment(check, verification);
    code = check.problems.length ? 2 : verification!.problems > 0 ? 1 : 0;
    await status(code === 0 ? 'success' : 'failure', proposalVerdict(check, verification));
  } catch (error) {
    await status('error', 'La vérification a échoué avant sa fin : voir le journal du workflow').catch(() => undefined);
    throw error;
  }
  if (api) {
    const number = await proposalPullRequest(api, {
      repository: headRepository!,
      branch: headBranch!,
      sha: values.head,
      base: values['base-ref'],
    });
    if (number === null)
      console.log(
        `Aucune demande de fusion ouverte de ${headRepository}:${headBranch} au commit ${values.head} : pas de commentaire.`,
      );
    else await commentOn(api, number, comment);
  }
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(comment).write();
  return code;
}
