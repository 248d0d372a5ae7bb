/**
 * `npm run proposal -- --repo <checkout of the pull request> --base <commit> --out <dossier>`
 * The pull-request workflow on `archive`: refuses a proposal that changes or deletes files, copies the files it
 * adds into `--out` and checks them as the publisher would; `npm run verify -- --archive <out>` comes next.
 * Exit 0: only valid additions; 2: refused (each reason printed, also in the job summary on GitHub).
 */
import * as core from '@actions/core';
import { resolve } from 'node:path';
import { checkProposal } from '../ci/proposal.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';

const USAGE = 'npm run proposal -- --repo <dossier> --base <commit> --out <dossier>';
const options = { repo: { type: 'string', default: '.' }, base: { type: 'string' }, out: { type: 'string' } } as const;

export async function runProposal(args: string[]): Promise<number> {
  const { values } = parseOptions(args, options, USAGE);
  if (!values.base || !values.out) throw new UsageError(`indiquez --base et --out.\n\nUsage : ${USAGE}`);
  const { added, problems } = await checkProposal(resolve(values.repo), values.base, resolve(values.out));
  const lines = problems.length
    ? [`Proposition refusée (${problems.length} problème(s)) :`, ...problems.map((p) => `- ${p}`)]
    : [`Proposition recevable : ${added.length} fichier(s) ajouté(s), copiés dans ${values.out} pour npm run verify.`];
  for (const line of lines) console.log(line);
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(lines.join('\n') + '\n').write();
  return problems.length ? 2 : 0;
}
