/**
 * `npm run publish -- (--from <dossier>… | --artifacts <dossier>) [--repo .] [--remote origin] [--branch archive] [--subjects <fichier>]`
 * The publish job: merges the capture folders of the run into the archive branch in one commit (see
 * ci/publish.ts), writes the attestation's subject list, the run's summary and annotations.
 * Exit 0: published (or nothing to publish); 2: bad usage or captures refused (nothing published).
 */
import * as core from '@actions/core';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatManifest } from '../archive/manifest.ts';
import { parseCapturePath } from '../archive/paths.ts';
import { writeFileAtomic } from '../archive/write.ts';
import { recordSchema } from '../evidence/record.ts';
import { parisDateTime } from '../evidence/time.ts';
import { attestationSubjects, collectIncoming, publish } from '../ci/publish.ts';
import { reportRun, runReport, type Expected } from '../ci/summary.ts';
import { loadTarget } from '../target/load.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';

const USAGE =
  'npm run publish -- (--from <dossier>… | --artifacts <dossier>) [--repo <dossier>] [--remote origin] [--branch archive] [--subjects <fichier>] [--message <texte>] [--allow-personnel]';

const options = {
  from: { type: 'string', multiple: true },
  artifacts: { type: 'string' },
  repo: { type: 'string', default: '.' },
  remote: { type: 'string', default: 'origin' },
  branch: { type: 'string', default: 'archive' },
  subjects: { type: 'string' },
  message: { type: 'string' },
  'allow-personnel': { type: 'boolean', default: false },
} as const;

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
  const { values } = parseOptions(args, options, USAGE);
  if (!values.from?.length && !values.artifacts)
    throw new UsageError(`indiquez les captures à publier.\n\nUsage : ${USAGE}`);
  const dirs = await captureDirs(values.from, values.artifacts);
  const env = process.env;
  const runUrl = env.GITHUB_RUN_ID
    ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
    : null;
  const incoming = await collectIncoming(dirs, new Date(), { allowPersonal: values['allow-personnel'] });
  const records = incoming.files
    .filter((f) => parseCapturePath(f.path)?.kind === 'record')
    .map((f) => recordSchema.parse(JSON.parse(f.data.toString('utf8'))));
  const prefectures = [...new Set(records.map((r) => r.prefecture))].sort();
  const message =
    values.message ??
    [
      `Captures du ${parisDateTime(new Date().toISOString())} : ${records.length} capture(s)${prefectures.length ? ` (${prefectures.join(', ')})` : ''}`,
      ...(runUrl ? ['', `Run : ${runUrl}`] : []),
    ].join('\n');
  let commit: string | null = null;
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
    if (!commit) console.log(`Déjà publié : les ${incoming.files.length} fichier(s) sont déjà sur ${values.branch}.`);
  }
  const subjects = attestationSubjects(incoming.files, incoming.manifests);
  if (values.subjects) await writeFileAtomic(resolve(values.subjects), formatManifest(subjects));
  if (env.GITHUB_OUTPUT) {
    core.setOutput('commit', commit ?? '');
    core.setOutput('subjects', subjects.length > 0 && values.subjects ? resolve(values.subjects) : '');
  }
  const blobBase = `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY ?? 'OWNER/REPO'}/blob/${commit ?? values.branch}`;
  const report = runReport(records, await expectedMotifs(env.STP_EXPECTED), (path) => `${blobBase}/${path}`);
  await reportRun(report, `Captures de ce passage (${records.length})`);
  for (const row of report.rows) console.log(`${row.prefecture} — ${row.motif} : ${row.outcome} (${row.time})`);
  return 0;
}
