/**
 * A pull request to the archive branch, checked before anyone reads it: it may only add files (the archive is
 * append-only), and what it adds must pass the publisher's checks (capture paths, manifests, no personnel/).
 * The added files are copied into a folder of their own, which `npm run verify` then checks like an archive.
 */
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { git } from './git.ts';
import { collectIncoming, PublishError } from './publish.ts';

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
