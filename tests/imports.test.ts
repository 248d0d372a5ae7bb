/**
 * The direction of the code: imports between folders go one way, from the entry points down to pure logic
 * (cli → commands → capture, site, dossier, ci → navigate, archive → evidence → outcome), and product code never
 * reaches into tests/. A folder is its first two levels (`scraper/replica/legacy/x.ts` belongs to `scraper/replica`):
 * a folder with sub-folders is one unit.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './helpers.ts';

const PRODUCT = ['scraper', 'site'];

/**
 * Pairs of folders still allowed to import each other while a rework removes the loop. An allowance no longer
 * needed fails the test too, so that it cannot outlive its fix. None is left: site/model holds the index types and
 * the statistics that site/pipeline and site/render both read.
 */
const ALLOWED_PAIRS: [string, string][] = [];

interface Import {
  from: string;
  to: string;
}

/** Relative specifiers of static imports, re-exports and dynamic imports, type-only ones included. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g)) {
    found.push(match[1]!);
  }
  for (const match of source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) found.push(match[1]!);
  for (const match of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1]!);
  return found.filter((s) => s.startsWith('.'));
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.ts$/.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .sort();
}

/** Every relative import of the product code, as repository paths. */
async function productImports(): Promise<Import[]> {
  const imports: Import[] = [];
  for (const dir of PRODUCT) {
    for (const file of await sourceFiles(dir)) {
      const source = await readFile(join(ROOT, file), 'utf8');
      for (const spec of specifiers(source)) {
        imports.push({ from: file, to: relative(ROOT, resolve(ROOT, dirname(file), spec)) });
      }
    }
  }
  return imports;
}

/** The folder a file counts in: its first two levels. */
export function folderOf(file: string): string {
  return file.split('/').slice(0, -1).slice(0, 2).join('/');
}

/** Groups of folders that import each other, directly or round a loop (strongly connected components, Tarjan). */
export function folderCycles(imports: Import[]): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const { from, to } of imports) {
    const [a, b] = [folderOf(from), folderOf(to)];
    if (!edges.has(a)) edges.set(a, new Set());
    if (!edges.has(b)) edges.set(b, new Set());
    if (a !== b) edges.get(a)!.add(b);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node)!) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** The imports that make up a cycle, one line each, for the failure message. */
function describeCycle(cycle: string[], imports: Import[]): string {
  const inside = imports.filter(
    ({ from, to }) => folderOf(from) !== folderOf(to) && cycle.includes(folderOf(from)) && cycle.includes(folderOf(to)),
  );
  return `${cycle.join(' ↔ ')}\n${inside.map(({ from, to }) => `    ${from} → ${to}`).join('\n')}`;
}

describe('imports', () => {
  it('finds a loop between folders, direct or round three folders, and says which imports make it', () => {
    const loop = [
      { from: 'scraper/evidence/record.ts', to: 'scraper/archive/paths.ts' },
      { from: 'scraper/archive/verify.ts', to: 'scraper/evidence/images.ts' },
      { from: 'scraper/ci/a.ts', to: 'scraper/dossier/b.ts' },
      { from: 'scraper/dossier/b.ts', to: 'site/render/c.ts' },
      { from: 'site/render/c.ts', to: 'scraper/ci/d.ts' },
      { from: 'scraper/replica/legacy/routes.ts', to: 'scraper/replica/http.ts' },
      { from: 'scraper/replica/server.ts', to: 'scraper/replica/legacy/routes.ts' },
      { from: 'scraper/cli.ts', to: 'scraper/commands/demo.ts' },
    ];
    assert.deepEqual(folderCycles(loop), [
      ['scraper/archive', 'scraper/evidence'],
      ['scraper/ci', 'scraper/dossier', 'site/render'],
    ]);
    assert.match(describeCycle(['scraper/archive', 'scraper/evidence'], loop), /scraper\/archive\/verify\.ts → /);
  });

  it('reads static, re-exported, type-only and dynamic imports', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type { B } from '../b.ts';",
      "export { c } from './c.ts';",
      "import './side-effect.ts';",
      "const { d } = await import('./d.ts');",
      "import { readFile } from 'node:fs/promises';",
      'import {',
      '  e,',
      "} from '../../e.ts';",
    ].join('\n');
    assert.deepEqual(specifiers(source).sort(), [
      '../../e.ts',
      '../b.ts',
      './a.ts',
      './c.ts',
      './d.ts',
      './side-effect.ts',
    ]);
  });

  it('has no import cycle between the folders of scraper/ and site/', async () => {
    const imports = await productImports();
    assert.ok(imports.length > 300, `only ${imports.length} imports read: the reader is broken`);
    const imports_ = (a: string, b: string) =>
      imports.some(({ from, to }) => folderOf(from) === a && folderOf(to) === b);
    const stale = ALLOWED_PAIRS.filter(([a, b]) => !(imports_(a, b) && imports_(b, a)));
    assert.deepEqual(stale, [], 'these folders no longer import each other: remove them from ALLOWED_PAIRS');
    // an allowed pair counts one way only, so that any other loop through them still shows
    const counted = imports.filter(({ from, to }) =>
      ALLOWED_PAIRS.every(([a, b]) => !(folderOf(from) === a && folderOf(to) === b)),
    );
    const cycles = folderCycles(counted);
    assert.equal(
      cycles.length,
      0,
      `folders that import each other:\n${cycles.map((c) => describeCycle(c, counted)).join('\n')}`,
    );
  });

  it('never imports tests/ from product code', async () => {
    const intoTests = (await productImports()).filter(({ to }) => to.split('/')[0] === 'tests');
    assert.deepEqual(
      intoTests.map(({ from, to }) => `${from} → ${to}`),
      [],
    );
  });
});
