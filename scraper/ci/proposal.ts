/**
 * A pull request to the archive branch, decided on as data (proposal-git.ts reads it without a checkout): it may
 * only add regular files at the archive layout's paths (no `.github/`, `.gitattributes`, `.gitmodules`, symlink,
 * gitlink or executable), what it adds must pass the publisher's checks (manifests, no personnel/), its records
 * must come from a person's own machine (never the project's runner, whose captures never come this way), and each
 * of its manifests must carry a sound RFC 3161 timestamp no earlier than its latest capture. The added files are
 * written into a folder of their own, which `npm run verify` then checks like an archive.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseManifest } from '../archive/manifest.ts';
import { isManifestPath, parseCapturePath, parseReplyPath, PERSONAL_DIR } from '../archive/paths.ts';
import { parseRecord } from '../archive/read-record.ts';
import { checkArchiveTimestamps } from '../timestamp/check.ts';
import { cleanText } from '../evidence/page-text.ts';
import { fenceFor } from './alerts.ts';
import { CatFile } from './cat-file.ts';
import {
  changesOf,
  fetchBlobs,
  fetchProposal,
  ProposalShapeError,
  type Change,
  type ProposalSource,
} from './proposal-git.ts';
import { collectIncoming, PublishError } from './publish.ts';

export interface ProposalCheck {
  added: string[];
  /** Why the proposal is refused, one line each; empty when its files may go on to verify. */
  problems: string[];
}

const MODES: Record<string, string> = {
  '100755': 'fichier exécutable',
  '120000': 'lien symbolique',
  '160000': 'sous-module (gitlink)',
};
const LAYOUT = '<préfecture>/<motif>/AAAA/MM/<horodatage>.png|webp|txt|json ou manifests/<nom>.sha256[.<autorité>.tsr]';

/** Why a changed path is refused, or null: only new regular files, at the archive layout's paths. */
function changeProblem(change: Change): string | null {
  const { path, status, newMode } = change;
  if (status !== 'A')
    return `${path} : fichier existant ${status === 'D' ? 'supprimé' : 'modifié'} — l'archive ne fait qu'ajouter`;
  if (newMode !== '100644')
    return `${path} : ${MODES[newMode] ?? 'type de fichier inconnu'} (mode ${newMode}) — seuls des fichiers ordinaires (100644) sont acceptés`;
  if (path.split('/').some((part) => part.startsWith('.')))
    return `${path} : fichier caché ou de configuration (.github/, .gitattributes, .gitmodules…) — jamais dans une proposition`;
  if (path.startsWith(`${PERSONAL_DIR}/`))
    return `${path} : capture personnelle (mode témoin sans cible) — elle n'est jamais publiée`;
  if (parseCapturePath(path) === null && !isManifestPath(path) && !parseReplyPath(path))
    return `${path} : hors de l'organisation de l'archive (attendu : ${LAYOUT})`;
  return null;
}

export const changeProblems = (changes: Change[]): string[] =>
  changes.map(changeProblem).filter((problem): problem is string => problem !== null);

/** Writes the added blobs into `out`, read by id through one `git cat-file --batch`, a few hundred at a time. */
async function writeBlobs(gitDir: string, changes: Change[], out: string): Promise<void> {
  const objects = new CatFile(gitDir);
  const folders = new Map<string, Promise<unknown>>();
  try {
    for (let at = 0; at < changes.length; at += 500) {
      await Promise.all(
        changes.slice(at, at + 500).map(async ({ oid, path }) => {
          const object = await objects.read(oid);
          if (!object || object.type !== 'blob')
            throw new Error(`${path} : objet Git ${oid} absent après sa récupération`);
          const folder = dirname(join(out, path));
          if (!folders.has(folder)) folders.set(folder, mkdir(folder, { recursive: true }));
          await folders.get(folder);
          await writeFile(join(out, path), object.data, { flag: 'wx' });
        }),
      );
    }
  } finally {
    await objects.close();
  }
}

/** The proposal's own rules on the files it adds, once they are in `out`. */
async function contentProblems(out: string, added: Set<string>, tsaRoots: string[]): Promise<string[]> {
  let manifests: string[];
  try {
    ({ manifests } = await collectIncoming([out]));
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    return [error.message];
  }
  const problems: string[] = [];
  const unlisted = manifests.filter((manifest) => !added.has(manifest));
  if (unlisted.length > 0)
    problems.push(
      'des fichiers de capture ne figurent dans aucun manifeste de la proposition : chaque capture arrive avec son manifeste horodaté',
    );
  const capturedAt = new Map<string, number>();
  for (const path of added) {
    const key = parseCapturePath(path);
    if (!key) continue;
    capturedAt.set(key.stem, Math.max(capturedAt.get(key.stem) ?? 0, Date.parse(key.key.capturedAt)));
    if (key.kind !== 'record') continue;
    const { record } = parseRecord(await readFile(join(out, path), 'utf8'));
    if (!record) continue; // the strict verification names what is wrong with it
    capturedAt.set(key.stem, Math.max(capturedAt.get(key.stem)!, Date.parse(record.capturedAt)));
    const { runner } = record.provenance;
    if (runner.kind !== 'local')
      problems.push(
        `${path} : provenance.runner.kind « ${runner.kind} » — une capture proposée est faite sur la machine d'une personne (runner « local ») ; celles du robot du projet ne viennent jamais par une demande de fusion`,
      );
  }
  const { seen } = await checkArchiveTimestamps(out, tsaRoots);
  for (const manifest of manifests.filter((m) => added.has(m))) {
    const stems = parseManifest(await readFile(join(out, manifest), 'utf8')).flatMap(
      (entry) => parseCapturePath(entry.path)?.stem ?? [],
    );
    const latest = Math.max(0, ...stems.map((stem) => capturedAt.get(stem) ?? 0));
    const times = seen.filter((s) => s.manifest === manifest).map((s) => Date.parse(s.genTime));
    if (times.length === 0)
      problems.push(
        `${manifest} : aucun horodatage RFC 3161 vérifié — chaque manifeste proposé arrive avec la réponse d'une autorité (npm run timestamp)`,
      );
    else if (Math.max(...times) < latest)
      problems.push(
        `${manifest} : horodaté le ${new Date(Math.max(...times)).toISOString()}, avant sa dernière capture (${new Date(latest).toISOString()})`,
      );
  }
  return problems;
}

/**
 * Reads the pull request's head from `source` into a bare repository and decides on it; the files it adds are
 * written into `out` (a new or empty folder) for the strict verification that follows.
 */
export async function checkProposal(
  source: ProposalSource,
  out: string,
  tsaRoots: string[] = [],
): Promise<ProposalCheck> {
  let changes: Change[];
  try {
    const { fork } = await fetchProposal(source);
    changes = await changesOf(source.gitDir, fork, source.head);
  } catch (error) {
    if (!(error instanceof ProposalShapeError)) throw error;
    return { added: [], problems: [error.message] };
  }
  const added = changes.filter((change) => change.status === 'A').map((change) => change.path);
  const problems = changeProblems(changes);
  await mkdir(out, { recursive: true });
  if (problems.length > 0 || changes.length === 0)
    return { added, problems: changes.length === 0 ? ['la proposition n’ajoute aucun fichier'] : problems };
  await fetchBlobs(
    source,
    changes.map((change) => change.oid),
  );
  await writeBlobs(source.gitDir, changes, out);
  return { added, problems: await contentProblems(out, new Set(added), tsaRoots) };
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
    `**${proposalVerdict(check, verification)}**`,
    '',
    `${fence}text`,
    ...shown,
    fence,
    '',
    'Décidé par le workflow « Décision sur les captures proposées » (`npm run proposal`), avec le code de la branche principale, sur les seuls fichiers proposés, lus comme des données.',
    '',
  ].join('\n');
}

/** The verdict in one line (also the commit status' description, which GitHub cuts at 140 characters). */
export function proposalVerdict(check: ProposalCheck, verification: { problems: number } | null): string {
  if (check.problems.length > 0)
    return `Proposition refusée : ${check.problems.length} problème(s) avant la vérification`;
  if (verification && verification.problems > 0)
    return `Proposition refusée : ${verification.problems} problème(s) à la vérification stricte des ${check.added.length} fichier(s)`;
  return `Proposition recevable : ${check.added.length} fichier(s) ajouté(s), intacts, couverts par leurs manifestes horodatés`;
}
