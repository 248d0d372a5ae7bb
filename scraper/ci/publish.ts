/**
 * Publishing: merges the capture folders of one workflow run (one per capture job) into the `archive`
 * branch in one commit, without ever checking the branch out (its images stay on the server: only trees
 * are fetched). Paths are unique and the archive is append-only, so a push refused because another run
 * pushed first is simply rebuilt on the new tip and pushed again: concurrent runs lose nothing.
 * A refused push is one of three things (pushFailure): a lost race (rebuilt at once), a server that refuses
 * some of our files for good (too large, a hook naming them: they are left out, the rest is published and
 * the commit says what was refused), or a passing failure (network, 5xx, a hook failing without naming
 * a file: retried with a growing wait). A path already on the branch with other bytes (a clash: a capture is
 * never replaced) leaves that capture out the same way; one clash never holds back the rest of the run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatManifest, parseManifest } from '../archive/manifest.ts';
import { isManifestPath, parseCapturePath, parseReplyPath } from '../archive/paths.ts';
import { sha256Hex } from '../evidence/images.ts';
import { fetchTip, git, GitError } from '../git/git.ts';
import { plural } from '../evidence/french.ts';
import type { IncomingFile } from './incoming.ts';

export interface PublishOptions {
  /** A clone of the repository (the workflow's checkout); its work tree and HEAD are not touched. */
  repo: string;
  remote?: string;
  branch?: string;
  files: IncomingFile[];
  message: string;
  author?: { name: string; email: string };
  /** A contribution without push rights: built on `remote`/`branch`, pushed to this branch of a fork instead. */
  pushTo?: { remote: string; branch: string };
  maxAttempts?: number;
  /** Tries after a passing failure (network, 5xx), with a doubling wait from `transientDelayMs`. */
  maxTransient?: number;
  transientDelayMs?: number;
  log?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

export interface PublishResult {
  /** The commit that added the files; null when every file was already on the branch. */
  commit: string | null;
  added: string[];
  attempts: number;
  /** Files the server refused for good, with its words; they and their capture's other files were left out. */
  refused: { path: string; reason: string }[];
  /** Paths already on the branch with other bytes; they and their capture's other files were left out. */
  clashes: string[];
  /** What is on the branch now of the files given (manifests rewritten without the refused captures). */
  files: IncomingFile[];
}

/** A path already on the branch with other bytes: a capture is never replaced. */
export const CLASH = 'Déjà sur la branche avec un autre contenu';

export const BOT = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' };

// A push loses a race with these messages (another run pushed first, or held the ref lock).
const RACE = /fetch first|non-fast-forward|stale info|cannot lock ref|failed to update ref|failed to lock/i;
// The server refused the push itself (GitHub's size limit is a pre-receive hook too).
const REFUSED = /remote rejected|hook declined|GH001|exceeds GitHub's file size limit/i;
// The network or the server failed on the way: worth another try a little later.
const TRANSIENT =
  /could not resolve host|connection (timed out|reset|refused)|timed out|failed to connect|rpc failed|returned error: 5\d\d|http 5\d\d|\b50[0-4]\b|early eof|unexpected disconnect|remote end hung up|unable to access|tls|gnutls|ssl/i;

export type PushFailure = { kind: 'race' } | { kind: 'refused'; paths: string[] } | { kind: 'transient' } | null;

/**
 * What a failed push or fetch means. A refusal that names some of `paths` is permanent for them; one that
 * names none of our files (a hook that failed, a server error) is a passing failure, like a network error.
 */
export function pushFailure(stderr: string, paths: string[]): PushFailure {
  if (REFUSED.test(stderr)) {
    const named = paths.filter((path) => stderr.includes(path));
    return named.length > 0 ? { kind: 'refused', paths: named } : { kind: 'transient' };
  }
  if (RACE.test(stderr)) return { kind: 'race' };
  if (TRANSIENT.test(stderr)) return { kind: 'transient' };
  return null;
}

/** The server's line about a refused file, for the commit message and the log. */
function reasonFor(stderr: string, path: string): string {
  const line = stderr.split('\n').find((l) => l.includes(path)) ?? 'refusé par le serveur';
  return line
    .replace(/^remote:\s*/, '')
    .trim()
    .slice(0, 300);
}

/** Capture files of the same capture (image, thumbnail, record share the stamp): one refused, all left out. */
const captureOf = (path: string) => parseCapturePath(path)?.stem ?? path;

/**
 * What leaves with a clashing path: its capture, or for a manifest, the manifest and every capture it lists (they
 * would be published without a manifest of theirs; those already on the branch stay there, untouched).
 */
function clashedCaptures(files: IncomingFile[], clashes: string[]): Set<string> {
  const left = new Set(clashes.map(captureOf));
  for (const file of files)
    if (isManifestPath(file.path) && left.has(file.path))
      for (const entry of parseManifest(file.data.toString('utf8'))) left.add(captureOf(entry.path));
  return left;
}

/** The commit of what is not on the branch yet; none, and the clashing paths, when some are there with other bytes. */
async function buildCommit(
  options: PublishOptions,
  tip: string | null,
  blobs: Map<string, string>,
): Promise<{ commit: string | null; added: string[]; clashes: string[]; same: Set<string> }> {
  // Every capture left out: nothing to list (`ls-files --` without a path would list the whole branch).
  if (blobs.size === 0) return { commit: null, added: [], clashes: [], same: new Set() };
  const cwd = options.repo;
  const temp = await mkdtemp(join(tmpdir(), 'stp-index-'));
  const env = { GIT_INDEX_FILE: join(temp, 'index') };
  try {
    const present = new Map<string, string>();
    if (tip) {
      await git(['read-tree', tip], { cwd, env });
      const listing = await git(['ls-files', '-s', '-z', '--', ...blobs.keys()], { cwd, env });
      for (const line of listing.split('\0').filter(Boolean)) {
        const [meta, path] = line.split('\t') as [string, string];
        present.set(path, meta.split(' ')[1]!);
      }
    } else {
      await git(['read-tree', '--empty'], { cwd, env });
    }
    const clashes = [...present].filter(([path, blob]) => blobs.get(path) !== blob).map(([path]) => path);
    const same = new Set([...present].filter(([path, blob]) => blobs.get(path) === blob).map(([path]) => path));
    if (clashes.length > 0) return { commit: null, added: [], clashes, same };
    const added = [...blobs.keys()].filter((path) => !present.has(path));
    if (added.length === 0) return { commit: null, added, clashes, same };
    await git(['update-index', '--add', '-z', '--index-info'], {
      cwd,
      env,
      input: added.map((p) => `100644 blob ${blobs.get(p)}\t${p}\0`).join(''),
    });
    // The branch's files are not fetched, only its trees: --missing-ok keeps git from asking for them.
    const tree = (await git(['write-tree', '--missing-ok'], { cwd, env })).trim();
    const who = options.author ?? BOT;
    const identity = {
      GIT_AUTHOR_NAME: who.name,
      GIT_AUTHOR_EMAIL: who.email,
      GIT_COMMITTER_NAME: who.name,
      GIT_COMMITTER_EMAIL: who.email,
    };
    const commit = (
      await git(['commit-tree', tree, ...(tip ? ['-p', tip] : []), '-F', '-'], {
        cwd,
        env: identity,
        input: options.message,
      })
    ).trim();
    return { commit, added, clashes, same };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/**
 * Leaves out the refused captures: their files, and their lines in the manifests (rewritten). The RFC 3161
 * replies of a rewritten manifest timestamp content no longer published: they are left out too. A manifest
 * already on the branch as it is (`onBranch`) stays as it is: it lists what the branch holds.
 */
function withoutCaptures(files: IncomingFile[], refused: Set<string>, onBranch = new Set<string>()): IncomingFile[] {
  const kept: IncomingFile[] = [];
  const rewritten = new Set<string>();
  for (const file of files) {
    if (refused.has(captureOf(file.path))) continue;
    if (!isManifestPath(file.path) || onBranch.has(file.path)) {
      kept.push(file);
      continue;
    }
    const entries = parseManifest(file.data.toString('utf8'));
    const left = entries.filter((e) => !refused.has(captureOf(e.path)));
    if (left.length === entries.length) kept.push(file);
    else rewritten.add(file.path);
    if (left.length !== entries.length && left.length > 0) {
      const data = Buffer.from(formatManifest(left));
      kept.push({ path: file.path, data, sha256: sha256Hex(data) });
    }
  }
  return kept.filter((file) => {
    const manifest = parseReplyPath(file.path)?.manifest;
    return !manifest || (!rewritten.has(manifest) && !refused.has(manifest));
  });
}

/** Commits the files on top of the branch and pushes, rebuilding on the new tip when another run won the race. */
export async function publish(options: PublishOptions): Promise<PublishResult> {
  const remote = options.remote ?? 'origin';
  const branch = options.branch ?? 'archive';
  const maxAttempts = options.maxAttempts ?? 12;
  const maxTransient = options.maxTransient ?? 5;
  const transientDelayMs = options.transientDelayMs ?? 5000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const cwd = options.repo;
  let files = options.files;
  const refused: PublishResult['refused'] = [];
  const clashes: string[] = [];
  const hashAll = async () => {
    const blobs = new Map<string, string>();
    for (const file of files)
      blobs.set(file.path, (await git(['hash-object', '-w', '--stdin'], { cwd, input: file.data })).trim());
    return blobs;
  };
  let blobs = await hashAll();
  let transient = 0;
  for (let attempt = 1; ; attempt++) {
    const started = Date.now();
    let added: string[] = [];
    try {
      const tip = await fetchTip(cwd, remote, branch);
      const built = await buildCommit(
        refused.length + clashes.length === 0
          ? options
          : {
              ...options,
              message: [
                options.message,
                '',
                ...refused.map((r) => `Refusé par le serveur, non publié : ${r.path} — ${r.reason}`),
                ...clashes.map((path) => `${CLASH}, non publié : ${path}`),
              ].join('\n'),
            },
        tip,
        blobs,
      );
      if (built.clashes.length > 0) {
        for (const path of built.clashes)
          options.log?.(`${CLASH} : ${path}. Laissé de côté avec sa capture, le reste est publié.`);
        clashes.push(...built.clashes);
        files = withoutCaptures(files, clashedCaptures(files, built.clashes), built.same);
        blobs = await hashAll();
        continue;
      }
      added = built.added;
      if (!built.commit) return { commit: null, added, attempts: attempt, refused, clashes, files };
      const to = options.pushTo ?? { remote, branch };
      await git(['push', '--quiet', '--no-verify', to.remote, `${built.commit}:refs/heads/${to.branch}`], { cwd });
      options.log?.(
        `${plural(added.length, 'fichier publié', 'fichiers publiés')} sur ${to.branch} : ${built.commit.slice(0, 12)}${attempt > 1 ? ` (essai ${attempt})` : ''}`,
      );
      return { commit: built.commit, added, attempts: attempt, refused, clashes, files };
    } catch (error) {
      if (!(error instanceof GitError) || attempt >= maxAttempts) throw error;
      const failure = pushFailure(error.stderr, added);
      if (failure === null) throw error;
      if (failure.kind === 'refused') {
        for (const path of failure.paths) {
          const reason = reasonFor(error.stderr, path);
          refused.push({ path, reason });
          options.log?.(
            `Refusé par le serveur : ${path} — ${reason}. Cette capture est laissée de côté, le reste est publié.`,
          );
        }
        files = withoutCaptures(files, new Set(failure.paths.map(captureOf)));
        blobs = await hashAll();
        continue;
      }
      if (failure.kind === 'transient') {
        if (++transient > maxTransient) throw error;
        const wait = transientDelayMs * 2 ** (transient - 1);
        options.log?.(`Échec passager (${error.message}) : nouvel essai dans ${Math.round(wait / 1000)} s.`);
        await sleep(wait);
        continue;
      }
      // A random wait of about as long as an attempt takes (a second or two on GitHub), doubling each
      // time: the racers spread out instead of colliding again.
      const wait = Math.round(Math.random() * (Date.now() - started) * Math.min(16, 2 ** (attempt - 1)));
      options.log?.(
        `Un autre envoi est passé avant (essai ${attempt}) : nouvelle tentative dans ${wait} ms sur la nouvelle tête de ${branch}.`,
      );
      await sleep(wait);
    }
  }
}
