/**
 * Reads target files: YAML → shape (schema.ts) → cross-field rules (rules.ts).
 * Every problem is reported at once as `file: field: message`; nothing is written.
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { targetSchema, type Target } from './schema.ts';
import { checkRules, type Problem } from './rules.ts';

z.config(z.locales.fr());

export const TARGETS_DIR = resolve(import.meta.dirname, '..', 'targets');

export class TargetFileError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly file: string,
    readonly problems: Problem[],
  ) {
    super(problems.map((p) => `${file}: ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n'));
    this.name = 'TargetFileError';
  }
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

function problemOf(issue: z.core.$ZodIssue): Problem {
  const path = pathOf(issue.path);
  if (issue.code === 'invalid_type' && /undefined|indéfini/.test(issue.message)) {
    return { path, message: 'manquant' };
  }
  if (issue.code === 'unrecognized_keys') {
    return { path, message: `champ inconnu : ${issue.keys.join(', ')} (vérifiez l'orthographe)` };
  }
  return { path, message: issue.message };
}

/** Parses and checks the text of a target file; `file` only names it in messages. */
export function parseTarget(text: string, file: string): Target {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new TargetFileError(
      file,
      doc.errors.map((e) => ({ path: '', message: `YAML invalide : ${e.message.split('\n')[0]}` })),
    );
  }
  // Turning YAML into values can itself fail: an alias bomb (« billion laughs ») stops at yaml's alias limit.
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new TargetFileError(file, [
      {
        path: '',
        message: `YAML illisible : ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      },
    ]);
  }
  const parsed = targetSchema.safeParse(value);
  if (!parsed.success) {
    throw new TargetFileError(file, parsed.error.issues.map(problemOf));
  }
  const stem = basename(file, extname(file));
  const problems = checkRules(parsed.data, stem);
  if (problems.length > 0) throw new TargetFileError(file, problems);
  return parsed.data;
}

/** A target given as a préfecture id (`paris`) or as a path to a YAML file. */
export async function loadTarget(idOrFile: string): Promise<{ file: string; target: Target }> {
  const file = /[/\\]|\.ya?ml$/.test(idOrFile) ? resolve(idOrFile) : join(TARGETS_DIR, `${idOrFile}.yaml`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new TargetFileError(file, [
      { path: '', message: `fichier introuvable. Les préfectures disponibles sont dans ${TARGETS_DIR}` },
    ]);
  }
  return { file, target: parseTarget(text, file) };
}

/**
 * The préfectures the bundled replica serves, the project's first two: the demonstration, the benches and the tests
 * capture these, not the whole catalogue (most of its sites exist only on the real Internet).
 */
export const SEED_TARGETS: readonly string[] = ['paris', 'seine-saint-denis'];

/** Every target file of the repository, in file-name order. */
export async function loadAllTargets(dir = TARGETS_DIR): Promise<{ file: string; target: Target }[]> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  return Promise.all(names.map((n) => loadTarget(join(dir, n))));
}
