/**
 * A pull request to the archive branch, read as data: its head is fetched into a bare repository with trees
 * only (none of the archive's images), its own commits alone (`--shallow-exclude` of the archive branch), its
 * changes listed from the trees (`git diff-tree --raw`: modes and object ids, no work tree, no attributes), and
 * then only the blobs it adds are fetched, by id, their ids given on standard input (no command line grows
 * with them). Nothing of the pull request is ever checked out or run.
 */
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CatFile } from '../git/cat-file.ts';
import { git, GitError } from '../git/git.ts';

/** The remote exists only on the command lines of the fetches: no later command can fetch from it by itself. */
const REMOTE = 'proposition';
const HEAD_REF = 'refs/proposition/head';
/** A volunteer's pull request adds its captures in a few commits (`publish --pull-request` makes one). */
const MAX_COMMITS = 100;

export interface ProposalSource {
  /** URL or path of the repository that holds the pull request's head (on GitHub, the main repository). */
  repository: string;
  /** The head commit to check, in full. */
  head: string;
  /** The branch the pull request targets. */
  baseRef: string;
  /** Bare repository that receives it (created when missing). */
  gitDir: string;
}

export interface Change {
  status: string;
  oldMode: string;
  newMode: string;
  oid: string;
  path: string;
}

/** Why the pull request cannot be read as a proposal at all (no commits, a merge, no link to the branch). */
export class ProposalShapeError extends Error {
  override name = 'ProposalShapeError';
}

const fetchArgs = (source: ProposalSource) => [
  '-c',
  `remote.${REMOTE}.url=${source.repository}`,
  '-c',
  `remote.${REMOTE}.promisor=true`,
  'fetch',
  '--quiet',
  '--no-tags',
  '--no-write-fetch-head',
  '--recurse-submodules=no',
  '--filter=blob:none',
];

/** The commits of the pull request (not on the base branch), and the commit of the base branch they start from. */
export async function fetchProposal(source: ProposalSource): Promise<{ commits: string[]; fork: string }> {
  if (!/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(source.head))
    throw new ProposalShapeError(`--head : « ${source.head} » n'est pas un identifiant de commit complet`);
  mkdirSync(source.gitDir, { recursive: true });
  if (!existsSync(join(source.gitDir, 'HEAD'))) await git(['init', '--bare', '--quiet'], { cwd: source.gitDir });
  const cwd = source.gitDir;
  try {
    await git(
      [...fetchArgs(source), `--shallow-exclude=refs/heads/${source.baseRef}`, REMOTE, `+${source.head}:${HEAD_REF}`],
      { cwd },
    );
  } catch (error) {
    if (error instanceof GitError && /no commits selected for shallow requests/.test(error.stderr))
      throw new ProposalShapeError(
        `le commit ${source.head} est déjà sur la branche ${source.baseRef} : rien à ajouter`,
      );
    throw error;
  }
  const commits = (await git(['rev-list', HEAD_REF], { cwd })).split('\n').filter(Boolean);
  if (commits.length > MAX_COMMITS)
    throw new ProposalShapeError(
      `${commits.length} commits : une proposition en a au plus ${MAX_COMMITS} (refaites-la avec npm run publish -- --pull-request)`,
    );
  // The parents as written in the commits: the shallow boundary hides those on the base branch from rev-list.
  const objects = new CatFile(cwd);
  const parents = new Map<string, string[]>();
  try {
    for (const commit of commits) {
      const text = (await objects.read(commit))!.data.toString('utf8');
      const header = text.slice(0, text.indexOf('\n\n'));
      parents.set(
        commit,
        [...header.matchAll(/^parent ([0-9a-f]+)$/gm)].map((m) => m[1]!),
      );
    }
  } finally {
    await objects.close();
  }
  const forks = new Set<string>();
  for (const [commit, list] of parents) {
    if (list.length > 1)
      throw new ProposalShapeError(
        `${commit} est un commit de fusion : une proposition est une suite de commits sur ${source.baseRef}, refaites-la sur la branche à jour`,
      );
    if (list.length === 0)
      throw new ProposalShapeError(
        `${commit} n'a pas de parent : la proposition doit partir de la branche ${source.baseRef}`,
      );
    if (!parents.has(list[0]!)) forks.add(list[0]!);
  }
  const [fork] = forks;
  if (forks.size !== 1 || fork === undefined)
    throw new ProposalShapeError(`la proposition part de ${forks.size} commits de ${source.baseRef} au lieu d'un`);
  await git([...fetchArgs(source), '--depth=1', REMOTE, fork], { cwd });
  return { commits, fork };
}

/** What the pull request changes, from the commit it starts from to its head: trees only, renames not guessed. */
export async function changesOf(gitDir: string, fork: string, head: string): Promise<Change[]> {
  const out = await git(['diff-tree', '-r', '-z', '--raw', '--no-renames', fork, head], {
    cwd: gitDir,
  });
  const fields = out.split('\0');
  const changes: Change[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    // `:<old mode> <new mode> <old id> <new id> <status>`, then the path.
    const [oldMode, newMode, , oid, status] = fields[i]!.slice(1).split(' ');
    changes.push({ status: status!, oldMode: oldMode!, newMode: newMode!, oid: oid!, path: fields[i + 1]! });
  }
  return changes;
}

/** Fetches the blobs of these ids, all in one request (as Git itself fetches what a partial clone lacks). */
export async function fetchBlobs(source: ProposalSource, oids: string[]): Promise<void> {
  if (oids.length === 0) return;
  await git(['-c', 'fetch.negotiationAlgorithm=noop', ...fetchArgs(source), '--stdin', REMOTE], {
    cwd: source.gitDir,
    input: [...new Set(oids)].join('\n') + '\n',
  });
}

/**
 * Hands each change's blob to `use`, in order, read by id through one `git cat-file --batch`, a few hundred at a
 * time (an image is dropped once `use` is done with it).
 */
export async function eachBlob(
  gitDir: string,
  changes: Change[],
  use: (change: Change, data: Buffer) => Promise<void> | void,
): Promise<void> {
  const objects = new CatFile(gitDir);
  try {
    for (let at = 0; at < changes.length; at += 500) {
      await Promise.all(
        changes.slice(at, at + 500).map(async (change) => {
          const object = await objects.read(change.oid);
          if (!object || object.type !== 'blob')
            throw new Error(`${change.path} : objet Git ${change.oid} absent après sa récupération`);
          await use(change, object.data);
        }),
      );
    }
  } finally {
    await objects.close();
  }
}
