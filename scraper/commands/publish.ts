/**
 * `npm run publish -- (--from <dossier>… | --artifacts <dossier>) [--repo .] [--remote origin] [--branch archive] [--subjects <fichier>]`
 * The publish job: merges the capture folders of the run into the archive branch in one commit (see
 * ci/publish.ts), writes the attestation's subject list, the run's summary and annotations.
 * Captures made by a person (witness mode) are listed, and published only with `--allow-witness` (ci/witness.ts).
 * Exit 0: published (or nothing to publish; a capture left out is named); 2: bad usage or captures refused
 * (nothing published).
 */
import * as core from '@actions/core';
import { mkdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatManifest } from '../archive/manifest.ts';
import { parseCapturePath, stampOf } from '../archive/paths.ts';
import { writeFileAtomic } from '../archive/write.ts';
import { parseRecord } from '../archive/read-record.ts';
import type { EvidenceRecord } from '../evidence/record.ts';
import { parisDateTime } from '../evidence/time.ts';
import { plural } from '../evidence/french.ts';
import { fetchTip, git, listFiles } from '../git/git.ts';
import { githubApi } from '../ci/github.ts';
import { pickUpFailedRuns } from '../ci/pickup.ts';
import { timestampArtifacts } from '../ci/timestamp-artifacts.ts';
import { attestationSubjects, collectIncoming, PublishError, type IncomingFile } from '../ci/incoming.ts';
import { CLASH, publish } from '../ci/publish.ts';
import { witnessCaptures, witnessLines } from '../ci/witness.ts';
import { openPullRequest } from '../ci/pull-request.ts';
import { refuseReplicaCaptures } from '../ci/replica-captures.ts';
import { reportRun, runReport, type Expected } from '../ci/summary.ts';
import { loadTarget } from '../target/load.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';

const USAGE =
  'npm run publish -- (--from <dossier>… | --artifacts <dossier>) [--repo <dossier>] [--remote origin] [--branch archive] [--subjects <fichier>] [--message <texte>] [--allow-witness] [--pickup] [--pull-request [--upstream upstream]]';

const options = {
  from: { type: 'string', multiple: true },
  artifacts: { type: 'string' },
  repo: { type: 'string', default: '.' },
  remote: { type: 'string', default: 'origin' },
  branch: { type: 'string', default: 'archive' },
  subjects: { type: 'string' },
  message: { type: 'string' },
  /** Publish the captures made by a person (witness mode, personnel/ included), listed first. */
  'allow-witness': { type: 'boolean', default: false },
  'pull-request': { type: 'boolean', default: false },
  upstream: { type: 'string', default: 'upstream' },
  /** Also publish the captures of the recent failed runs (their artifacts), into --artifacts: ci/pickup.ts. */
  pickup: { type: 'boolean', default: false },
} as const;

/**
 * Without push rights: the commit is built on the upstream archive branch, pushed to a new branch of the fork
 * (`--remote`), and proposed as a pull request, signed with the volunteer's own git identity.
 */
async function proposeCaptures(
  values: { repo: string; remote: string; upstream: string; branch: string },
  files: IncomingFile[],
  message: string,
): Promise<number> {
  const repo = resolve(values.repo);
  const config = (key: string) =>
    git(['config', key], { cwd: repo }).then(
      (v) => v.trim(),
      () => '',
    );
  const [name, email] = await Promise.all([config('user.name'), config('user.email')]);
  const head = `captures/${stampOf(new Date().toISOString())}`;
  const result = await publish({
    repo,
    remote: values.upstream,
    branch: values.branch,
    pushTo: { remote: values.remote, branch: head },
    files,
    message,
    ...(name && email ? { author: { name, email } } : {}),
    log: (line) => console.log(line),
  });
  if (!result.commit) {
    console.log(`Rien à proposer : ${plural(files.length, 'fichier', 'fichiers')} déjà sur ${values.branch}.`);
    return 0;
  }
  const pr = await openPullRequest({
    repo,
    upstream: values.upstream,
    fork: values.remote,
    base: values.branch,
    head,
    title: message.split('\n')[0]!,
    body: `${message}\n\nCaptures proposées avec « npm run publish -- --pull-request ». Les vérifications (npm run verify) se lancent sur cette demande.`,
  });
  console.log(
    pr.opened
      ? `Demande de fusion ouverte sur ${values.branch} (branche ${head} de ${values.remote}).`
      : `Branche ${head} envoyée sur ${values.remote}. gh n'est pas installé : pour ouvrir la demande de fusion, lancez\n  ${pr.command}\nou ouvrez la page de votre dépôt sur GitHub et cliquez sur « Compare & pull request » (base : ${values.branch}).`,
  );
  return 0;
}

/** The records among the files; one that does not read stops the publication, named. */
function recordsOf(files: IncomingFile[]): EvidenceRecord[] {
  return files
    .filter((f) => parseCapturePath(f.path)?.kind === 'record')
    .map((f) => {
      const reading = parseRecord(f.data.toString('utf8'));
      if (reading.record) return reading.record;
      throw new PublishError(`${f.path} : fiche illisible (${reading.problems.join(' ; ')}). Rien n'a été publié.`);
    });
}

async function isDir(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * The capture folders: the `--from` ones, and `--artifacts`, where the publish job downloads every
 * capture job's artifact merged into one folder (absent when no capture job uploaded anything).
 */
async function captureDirs(from: string[] | undefined, artifacts: string | undefined): Promise<string[]> {
  const dirs = (from ?? []).map((d) => resolve(d));
  for (const dir of dirs) if (!(await isDir(dir))) throw new UsageError(`${dir} : dossier introuvable`);
  if (artifacts && (await isDir(artifacts))) dirs.push(resolve(artifacts));
  return dirs;
}

/** The motifs the plan asked for (the plan's matrix, in STP_EXPECTED), to spot those left without a capture. */
async function expectedMotifs(matrixJson: string | undefined): Promise<Expected[]> {
  if (!matrixJson) return [];
  const { include } = JSON.parse(matrixJson) as { include: { target: string; motifs: string }[] };
  const expected: Expected[] = [];
  for (const entry of include) {
    const { target } = await loadTarget(entry.target);
    const only = entry.motifs ? entry.motifs.split(',') : [];
    for (const m of target.motifs)
      if (only.length === 0 || only.includes(m.id)) expected.push({ prefecture: target.id, motif: m.id });
  }
  return expected;
}

export async function runPublish(args: string[]): Promise<number> {
  const { values } = parseOptions(args, options, {
    usage: USAGE,
    example: 'npm run publish -- --from archive --repo . --branch archive',
  });
  if (!values.from?.length && !values.artifacts)
    throw new UsageError(`indiquez les captures à publier.\n\nUsage : ${USAGE}`);
  const env = process.env;
  if (values.pickup) {
    if (!values.artifacts) throw new UsageError(`--pickup reprend les artefacts dans --artifacts.\n\nUsage : ${USAGE}`);
    await mkdir(values.artifacts, { recursive: true });
    // This run's own captures come first: a GitHub API that fails must not stop them.
    const repo = resolve(values.repo);
    await pickUpFailedRuns(githubApi(env), values.artifacts, {
      ...(env.GITHUB_RUN_ID ? { currentRun: env.GITHUB_RUN_ID } : {}),
      onBranch: async (paths) => {
        const tip = await fetchTip(repo, values.remote, values.branch);
        return new Set(tip ? await listFiles(repo, tip, paths) : []);
      },
      log: (line) => console.log(line),
    }).catch((error: unknown) =>
      core.warning(
        `Reprise des passages en échec impossible : ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
    // What was picked up is timestamped too (the replies its manifests lack): every run's manifest is.
    await timestampArtifacts(values.artifacts, (line) => console.log(line)).catch((error: unknown) =>
      core.warning(
        `Horodatage des captures reprises impossible : ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }
  const dirs = await captureDirs(values.from, values.artifacts);
  const runUrl = env.GITHUB_RUN_ID
    ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
    : null;
  // personnel/ is a witness folder: witnessCaptures lists its files with the others, and refuses them the same way.
  const incoming = await collectIncoming(dirs, new Date(), { allowPersonal: true });
  const records = recordsOf(incoming.files);
  refuseReplicaCaptures(records);
  const witnesses = witnessCaptures(incoming.files, records);
  if (witnesses.length > 0) {
    const list = [
      `${plural(witnesses.length, 'capture faite', 'captures faites')} par une personne (mode témoin) :`,
      ...witnessLines(witnesses),
    ];
    if (!values['allow-witness'])
      throw new PublishError(
        [
          ...list,
          'Leur page peut montrer un nom, un numéro de dossier ou d’étranger, un rendez-vous. Regardez chaque image',
          '(docs/capturer-soi-meme.md), retirez celles qui montrent une personne, puis relancez avec --allow-witness.',
          'Rien n’a été publié.',
        ].join('\n'),
      );
    console.log([...list, 'Publiées avec les autres (--allow-witness).'].join('\n'));
  }
  const prefectures = [...new Set(records.map((r) => r.prefecture))].sort();
  const message =
    values.message ??
    [
      `Captures du ${parisDateTime(new Date().toISOString())} : ${plural(records.length, 'capture', 'captures')}${prefectures.length ? ` (${prefectures.join(', ')})` : ''}`,
      ...(runUrl ? ['', `Run : ${runUrl}`] : []),
    ].join('\n');
  if (values['pull-request'] && incoming.files.length > 0) return proposeCaptures(values, incoming.files, message);
  let commit: string | null = null;
  let published = incoming.files;
  if (incoming.files.length === 0) {
    console.log('Rien à publier : aucune capture reçue.');
  } else {
    const result = await publish({
      repo: resolve(values.repo),
      remote: values.remote,
      branch: values.branch,
      files: incoming.files,
      message,
      log: (line) => console.log(line),
    });
    commit = result.commit;
    published = result.files;
    // Left out for good (too large, a clash…): said where the run is read; the rest is published all the same.
    for (const { path, reason } of result.refused)
      core.error(`${path} : ${reason}`, { title: 'Refusé par le serveur, non publié' });
    for (const path of result.clashes)
      core.error(`${path} : une capture n'est jamais remplacée`, { title: `${CLASH}, non publié` });
    if (!commit && result.refused.length + result.clashes.length === 0)
      console.log(`Déjà publié : ${plural(incoming.files.length, 'fichier', 'fichiers')} sur ${values.branch}.`);
  }
  const subjects = attestationSubjects(
    published,
    incoming.manifests.filter((m) => published.some((f) => f.path === m)),
  );
  if (values.subjects) await writeFileAtomic(resolve(values.subjects), formatManifest(subjects));
  if (env.GITHUB_OUTPUT) {
    core.setOutput('commit', commit ?? '');
    core.setOutput('subjects', subjects.length > 0 && values.subjects ? resolve(values.subjects) : '');
  }
  const blobBase = `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY ?? 'OWNER/REPO'}/blob/${commit ?? values.branch}`;
  const shown = recordsOf(published);
  const report = runReport(shown, await expectedMotifs(env.STP_EXPECTED), (path) => `${blobBase}/${path}`);
  await reportRun(report, `Captures de ce passage (${shown.length})`);
  for (const row of report.rows) console.log(`${row.prefecture} — ${row.motif} : ${row.outcome} (${row.time})`);
  return 0;
}
