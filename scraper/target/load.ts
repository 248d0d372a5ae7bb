/**
 * Reads target files: YAML → shape (schema.ts) → cross-field rules (rules.ts).
 * Every problem is reported at once as `file: field: message (ligne N)`; nothing is written. A value left
 * empty or « À COMPLÉTER » is refused (placeholders.ts), and YAML syntax errors are said in French (yaml-errors.ts).
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { targetSchema, type Target } from './schema.ts';
import { checkRules, type Problem } from './rules.ts';
import { fieldPath, findPlaceholders } from './placeholders.ts';
import { yamlProblems } from './yaml-errors.ts';

z.config(z.locales.fr());

export const TARGETS_DIR = resolve(import.meta.dirname, '..', 'targets');

export class TargetFileError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly file: string,
    readonly problems: Problem[],
  ) {
    super(problems.map((p) => `${file}: ${p.path ? `${p.path}: ` : ''}${p.message}${where(p)}`).join('\n'));
    this.name = 'TargetFileError';
  }
}

/** After the message, so that `file: field: message` reads as before and the line is still on it. */
function where({ line, column }: Problem): string {
  if (line === undefined) return '';
  return column === undefined ? ` (ligne ${line})` : ` (ligne ${line}, colonne ${column})`;
}

/** `motifs[2].texts.noSlot[0]` → `['motifs', 2, 'texts', 'noSlot', 0]`. */
function segments(path: string): (string | number)[] {
  return [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map(([, index, key]) =>
    index === undefined ? key! : Number(index),
  );
}

/** The line of a field, or of the nearest enclosing one that is written (a missing field: its motif). */
function lineOf(doc: Document, lines: LineCounter, path: readonly (string | number)[]): number | undefined {
  let node: unknown = doc.contents;
  let line = isNode(node) && node.range ? lines.linePos(node.range[0]).line : undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair || !isNode(pair.key) || !pair.key.range) break;
      line = lines.linePos(pair.key.range[0]).line;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number' && isNode(node.items[key])) {
      const item = node.items[key] as Node;
      if (item.range) line = lines.linePos(item.range[0]).line;
      node = item;
    } else break;
  }
  return line;
}

/** `motifs[0].label` is within `motifs[0]`, and within itself. */
const within = (path: string, root: string) =>
  path === root || path.startsWith(`${root}.`) || path.startsWith(`${root}[`);

function problemOf(issue: z.core.$ZodIssue): Problem {
  const path = fieldPath(issue.path);
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
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) throw new TargetFileError(file, yamlProblems(doc.errors, text));
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
  const located = (p: Problem, key?: string) => ({
    ...p,
    line: p.line ?? lineOf(doc, lines, [...segments(p.path), ...(key === undefined ? [] : [key])]),
  });
  const placeholders = findPlaceholders(doc, lines);
  const parsed = targetSchema.safeParse(value);
  if (!parsed.success) {
    // an empty value is said once, as empty, not again as « trop petit » or « null reçu »
    const issues = parsed.error.issues.map((issue) =>
      located(problemOf(issue), issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined),
    );
    throw new TargetFileError(file, [
      ...placeholders,
      ...issues.filter((p) => !placeholders.some((q) => within(p.path, q.path))),
    ]);
  }
  if (placeholders.length > 0) throw new TargetFileError(file, placeholders);
  const stem = basename(file, extname(file));
  const problems = checkRules(parsed.data, stem);
  if (problems.length > 0)
    throw new TargetFileError(
      file,
      problems.map((p) => located(p)),
    );
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
