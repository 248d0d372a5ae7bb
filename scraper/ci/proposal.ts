/**
 * A pull request to the archive branch, decided on as data (proposal-git.ts reads it without a checkout): it may
 * only add regular files at the archive layout's paths (no `.github/`, `.gitattributes`, `.gitmodules`, symlink,
 * gitlink or executable, nothing under personnel/), and what it adds must hold together (proposal-content.ts:
 * manifests, records made on a person's machine, timestamps). The added files are then written into a folder of
 * their own, which `npm run verify` checks like an archive.
 */
import { mkdir } from 'node:fs/promises';
import { isManifestPath, parseCapturePath, parseReplyPath, PERSONAL_DIR } from '../archive/paths.ts';
import { cleanText } from '../evidence/page-text.ts';
import { plural } from '../evidence/french.ts';
import { fenceFor } from './alerts.ts';
import { contentProblems, type SoundTimestamps } from './proposal-content.ts';
import {
  changesOf,
  fetchBlobs,
  fetchProposal,
  ProposalShapeError,
  type Change,
  type ProposalSource,
} from './proposal-git.ts';

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

const changeProblems = (changes: Change[]): string[] =>
  changes.map(changeProblem).filter((problem): problem is string => problem !== null);

/**
 * Reads the pull request's head from `source` into a bare repository and decides on it; the files it adds are
 * written into `out` (a new or empty folder) for the strict verification that follows.
 */
export async function checkProposal(
  source: ProposalSource,
  out: string,
  soundTimestamps: SoundTimestamps,
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
  return { added, problems: await contentProblems(source.gitDir, changes, out, soundTimestamps) };
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
          `… et ${plural(all.length - COMMENT_LINES, 'ligne', 'lignes')} de plus dans le journal du workflow`,
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
    return `Proposition refusée : ${plural(check.problems.length, 'problème', 'problèmes')} avant la vérification`;
  if (verification && verification.problems > 0)
    return `Proposition refusée : ${plural(verification.problems, 'problème', 'problèmes')} à la vérification stricte des ${plural(check.added.length, 'fichier', 'fichiers')}`;
  return `Proposition recevable : ${plural(check.added.length, 'fichier ajouté', 'fichiers ajoutés')}, intacts, couverts par leurs manifestes horodatés`;
}
