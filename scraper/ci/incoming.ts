/**
 * What a run hands to publishing: the files of its capture folders, checked before anything reaches the branch
 * (only archive files, every manifest matching what it lists, a manifest added for captures none lists), and what
 * the attestation signs. Bad input stops here, with nothing published (PublishError).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatManifest, parseManifest, type ManifestEntry } from '../archive/manifest.ts';
import {
  isManifestPath,
  MANIFEST_DIR,
  manifestPath,
  parseCapturePath,
  parseReplyPath,
  PERSONAL_DIR,
} from '../archive/paths.ts';
import { sha256Hex } from '../evidence/images.ts';
import { JOURNAL_DIR } from '../journal/entry.ts';

/** Nothing was published: bad input or a branch the publisher may not touch (exit 2). */
export class PublishError extends Error {
  override name = 'PublishError';
  readonly exitCode = 2;
}

export interface IncomingFile {
  /** Path relative to the archive root, `/` separated. */
  path: string;
  data: Buffer;
  sha256: string;
}

async function walk(root: string, relative = ''): Promise<string[]> {
  const entries = await readdir(join(root, relative), { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    // Hidden names are the writer's staging folder and temp files: never published.
    if (entry.name.startsWith('.')) continue;
    const path = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await walk(root, path)));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

/**
 * Reads the capture folders, checks that they hold only archive files and that every manifest matches
 * the files it lists, and adds one manifest for capture files that no manifest lists (a capture job
 * stopped before writing its own), so that everything published is covered by a manifest.
 */
export async function collectIncoming(
  dirs: string[],
  now = new Date(),
  { allowPersonal = false } = {},
): Promise<{ files: IncomingFile[]; manifests: string[] }> {
  const byPath = new Map<string, IncomingFile & { from: string }>();
  for (const dir of dirs) {
    for (const path of await walk(dir)) {
      // A person's journal (their e-mails, letters, calls) is theirs alone: refused even with witness captures allowed.
      if (path.startsWith(`${JOURNAL_DIR}/`))
        throw new PublishError(
          `${join(dir, path)} : journal personnel (npm run journal). Il ne se publie jamais ; retirez le dossier ${JOURNAL_DIR}/. Rien n’a été publié.`,
        );
      // A person's own captures (witness mode without a target) may show their name: never public by accident.
      if (!allowPersonal && path.startsWith(`${PERSONAL_DIR}/`)) {
        throw new PublishError(
          `${join(dir, path)} : capture personnelle (mode témoin). Elle peut montrer un nom ou un numéro de dossier ; ` +
            'seul npm run publish -- --allow-witness la publie, après relecture. Retirez le dossier personnel/. Rien n’a été publié.',
        );
      }
      if (parseCapturePath(path) === null && !isManifestPath(path) && !parseReplyPath(path)) {
        throw new PublishError(
          `${join(dir, path)} : fichier inattendu parmi les captures (attendu : <préfecture>/<motif>/AAAA/MM/<horodatage>.png|webp|txt|json ou ${MANIFEST_DIR}/*.sha256[.<autorité>.tsr]). Rien n'a été publié.`,
        );
      }
      const data = await readFile(join(dir, path));
      const file = { path, data, sha256: sha256Hex(data), from: dir };
      const twin = byPath.get(path);
      if (twin && twin.sha256 !== file.sha256) {
        throw new PublishError(
          `${path} : deux versions différentes (${twin.from} et ${dir}). Une capture n'est jamais remplacée ; rien n'a été publié.`,
        );
      }
      byPath.set(path, file);
    }
  }
  for (const reply of [...byPath.values()].filter((f) => parseReplyPath(f.path))) {
    if (!byPath.has(parseReplyPath(reply.path)!.manifest))
      throw new PublishError(
        `${join(reply.from, reply.path)} : réponse d'horodatage sans son manifeste. Rien n'a été publié.`,
      );
  }
  const listed = new Set<string>();
  const manifests = [...byPath.keys()].filter(isManifestPath).sort();
  for (const manifest of manifests) {
    const file = byPath.get(manifest)!;
    let entries: ManifestEntry[];
    try {
      entries = parseManifest(file.data.toString('utf8'));
    } catch (error) {
      throw new PublishError(`${join(file.from, manifest)} : ${(error as Error).message}. Rien n'a été publié.`);
    }
    for (const entry of entries) {
      const target = byPath.get(entry.path);
      if (!target || target.sha256 !== entry.sha256) {
        throw new PublishError(
          `${join(file.from, manifest)} : ${entry.path} ${target ? "n'a pas l'empreinte annoncée" : 'est absent des captures'}. Rien n'a été publié.`,
        );
      }
      listed.add(entry.path);
    }
  }
  const unlisted = [...byPath.values()].filter((f) => parseCapturePath(f.path) !== null && !listed.has(f.path));
  if (unlisted.length > 0) {
    const text = formatManifest(unlisted.map((f) => ({ sha256: f.sha256, path: f.path })));
    // Named after its earliest capture, as a run's manifest after its start: verify holds every capture a manifest
    // lists to [its name's time − 15 min, the signed time] (timestamp/verify-reply.ts).
    const earliest = unlisted.reduce(
      (first, f) => Math.min(first, Date.parse(parseCapturePath(f.path)!.key.capturedAt)),
      now.getTime(),
    );
    const path = manifestPath(new Date(earliest).toISOString(), sha256Hex(text));
    const data = Buffer.from(text);
    byPath.set(path, { path, data, sha256: sha256Hex(data), from: '(publication)' });
    manifests.push(path);
  }
  const files = [...byPath.values()]
    .map(({ path, data, sha256 }) => ({ path, data, sha256 }))
    .sort((a, b) => a.path.localeCompare(b.path));
  return { files, manifests };
}

/** What the attestation signs: every file the manifests list, and the manifests themselves. */
export function attestationSubjects(files: IncomingFile[], manifests: string[]): ManifestEntry[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const subjects = new Map<string, string>();
  for (const manifest of manifests) {
    const file = byPath.get(manifest)!;
    subjects.set(manifest, file.sha256);
    for (const entry of parseManifest(file.data.toString('utf8'))) subjects.set(entry.path, entry.sha256);
  }
  return [...subjects].map(([path, sha256]) => ({ path, sha256 }));
}
