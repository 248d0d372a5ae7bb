/**
 * A pull request to the archive branch, checked before anyone reads it: it may only add files (the archive is
 * append-only), and what it adds must pass the publisher's checks (capture paths, manifests, no personnel/).
 * The added files are copied into a folder of their own, which `npm run verify` then checks like an archive.
 */
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { git } from '../git/git.ts';
import { collectIncoming, PublishError } from './publish.ts';
import { fenceFor } from './alerts.ts';
import { cleanText } from '../evidence/page-text.ts';

export interface ProposalCheck {
  added: string[];
  /** Why the proposal is refused, one line each; empty when its files may go on to verify. */
  problems: string[];
}

export async function checkProposal(repo: string, base: string, out: string, head = 'HEAD'): Promise<ProposalCheck> {
  const listing = await git(['diff', '--name-status', '-z', '--no-renames', `${base}...${head}`], { cwd: repo });
  const fields = listing.split('\0').filter(Boolean);
  const added: string[] = [];
  const problems: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const [status, path] = [fields[i]!, fields[i + 1]!];
    if (status === 'A') added.push(path);
    else
      problems.push(
        `${path} : fichier existant ${status === 'D' ? 'supprimé' : 'modifié'} — l'archive ne fait qu'ajouter`,
      );
  }
  await mkdir(out, { recursive: true });
  // Written byte for byte into `out` through a throw-away index: the checkout's own index and files stay as they are.
  if (added.length > 0)
    await git(['--work-tree', resolve(out), 'checkout', head, '--', ...added], {
      cwd: repo,
      env: { GIT_INDEX_FILE: join(await mkdtemp(join(tmpdir(), 'stp-index-')), 'index') },
    });
  try {
    await collectIncoming([out]);
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    problems.push(error.message);
  }
  return { added, problems };
}

/** Lines of a comment past this are dropped: GitHub refuses comments over 65 536 characters. */
const COMMENT_LINES = 200;

/**
 * The pull request's comment, in Markdown. Everything a proposal controls (file names, record fields, page text)
 * is inside one fenced code block, cleaned line by line: it can neither mention, nor link, nor embed an image.
 */
export function proposalComment(
  check: ProposalCheck,
  verification: { lines: string[]; problems: number } | null,
): string {
  const verdict =
    check.problems.length > 0
      ? `**Proposition refusée** : ${check.problems.length} problème(s) avant la vérification.`
      : verification && verification.problems > 0
        ? `**Proposition refusée** : ${verification.problems} problème(s) à la vérification stricte des ${check.added.length} fichier(s) proposé(s).`
        : `**Proposition recevable** : ${check.added.length} fichier(s) ajouté(s), intacts et couverts par leurs manifestes.`;
  const all = [...check.problems, ...(verification?.lines ?? [])].map((line) => cleanText(line, 1000));
  const shown =
    all.length > COMMENT_LINES
      ? [
          ...all.slice(0, COMMENT_LINES),
          `… et ${all.length - COMMENT_LINES} ligne(s) de plus dans le journal du workflow`,
        ]
      : all;
  const fence = fenceFor(shown.join('\n'), 3);
  return [
    '### Captures proposées',
    '',
    verdict,
    '',
    `${fence}text`,
    ...shown,
    fence,
    '',
    'Vérifié par le workflow « Captures proposées » (`npm run proposal`), sur les seuls fichiers proposés.',
    '',
  ].join('\n');
}
