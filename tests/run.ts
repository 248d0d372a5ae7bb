/**
 * The full test run (`npm test`): every tests/*.test.ts through node:test's runner, each file in its own process,
 * several at a time. The longest files start first: started last, one of them would run alone at the end while
 * the other cores wait. Ends with the files that took longest, the time of their tests, so that LONGEST can follow
 * them.
 *
 *   node --import tsx tests/run.ts [--concurrency N]
 */
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

/** The longest files, longest first (wall time measured on 2 cores, several files at a time). */
const LONGEST = [
  'hostile-pages',
  'discover',
  'person-window',
  'capture',
  'publish',
  'site-incremental',
  'timestamp',
  'steps',
  'capture-evidence',
  'site',
  'corpus',
  'dossier',
];

const rank = (file: string) => {
  const i = LONGEST.indexOf(basename(file, '.test.ts'));
  return i === -1 ? LONGEST.length : i;
};

const { values } = parseArgs({
  options: { concurrency: { type: 'string', default: String(availableParallelism() + 1) } },
});
const concurrency = Number(values.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(
    `tests/run.ts : --concurrency attend un nombre entier de fichiers à la fois, pas « ${values.concurrency} »`,
  );
  process.exit(2);
}
const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => join(dir, name))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

const took = new Map<string, number>();
// A file that runs past this has hung (the longest takes about 2 min here): it fails, naming itself, instead of
// holding the run for ever; its tests that passed are printed before it.
const FILE_TIMEOUT_MS = 5 * 60_000;
const stream = run({ files, concurrency, timeout: FILE_TIMEOUT_MS });
stream.on('test:fail', () => {
  process.exitCode = 1;
});
// A file's top-level tests and suites run one after the other: their durations add up to the file's time.
for (const event of ['test:pass', 'test:fail'] as const)
  stream.on(event, (data) => {
    if (data.nesting !== 0 || data.file === undefined) return;
    const file = basename(data.file);
    took.set(file, (took.get(file) ?? 0) + data.details.duration_ms);
  });
for await (const chunk of stream.compose(new spec())) process.stdout.write(chunk);
const slowest = [...took].sort((a, b) => b[1] - a[1]).slice(0, 12);
console.log(`\nFichiers les plus longs : ${slowest.map(([f, ms]) => `${f} ${(ms / 1000).toFixed(0)} s`).join(', ')}`);
