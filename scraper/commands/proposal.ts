/**
 * `npm run proposal -- --repo <checkout of the pull request> --base <commit> --out <dossier> [--result <dossier>
 * --pull-request <numéro>]`
 * The pull-request workflow on `archive`: refuses a proposal that changes or deletes files, copies the files it
 * adds into `--out`, checks them as the publisher would, then verifies them strictly (`npm run verify -- --strict`).
 * With `--result`, writes there the pull request's number (`numero`) and the comment (`commentaire.md`) that the
 * workflow « Commentaire des captures proposées » posts: the read-only run cannot comment itself.
 * Exit 0: only valid additions; 1: the strict verification failed; 2: refused, or bad usage.
 */
import * as core from '@actions/core';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkProposal, proposalComment } from '../ci/proposal.ts';
import { writeFileAtomic } from '../archive/write.ts';
import { plural } from '../evidence/french.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';
import { checkArchive } from './verify.ts';

const USAGE =
  'npm run proposal -- --repo <dossier> --base <commit> --out <dossier> [--result <dossier> --pull-request <numéro>]';
const options = {
  repo: { type: 'string', default: '.' },
  base: { type: 'string' },
  out: { type: 'string' },
  result: { type: 'string' },
  'pull-request': { type: 'string' },
} as const;

export async function runProposal(args: string[]): Promise<number> {
  const { values } = parseOptions(args, options, {
    usage: USAGE,
    example: 'npm run proposal -- --repo proposition --base 1a2b3c4d --out captures-proposees',
  });
  if (!values.base || !values.out) throw new UsageError(`indiquez --base et --out.\n\nUsage : ${USAGE}`);
  const number = values['pull-request'];
  if (values.result !== undefined && !/^[1-9]\d{0,9}$/.test(number ?? ''))
    throw new UsageError(
      `--result demande --pull-request <numéro> (des chiffres), pas « ${number ?? ''} ».\n\nUsage : ${USAGE}`,
    );
  const out = resolve(values.out);
  const check = await checkProposal(resolve(values.repo), values.base, out);
  const lines = check.problems.length
    ? [
        `Proposition refusée (${plural(check.problems.length, 'problème', 'problèmes')}) :`,
        ...check.problems.map((p) => `- ${p}`),
      ]
    : [
        `Proposition recevable : ${plural(check.added.length, 'fichier ajouté', 'fichiers ajoutés')}, copiés dans ${values.out}.`,
      ];
  for (const line of lines) console.log(line);
  const verification = check.problems.length
    ? null
    : await checkArchive(out, { log: (text) => console.log(text), repair: false, strict: true, tsaRoots: [] });
  for (const line of verification?.lines ?? []) console.log(line);
  const comment = proposalComment(check, verification);
  if (values.result !== undefined) {
    const dir = resolve(values.result);
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(join(dir, 'numero'), `${number}\n`);
    await writeFileAtomic(join(dir, 'commentaire.md'), comment);
  }
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(comment).write();
  return check.problems.length ? 2 : verification!.problems > 0 ? 1 : 0;
}
