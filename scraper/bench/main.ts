/**
 * `npm run bench -- [capture|slow|size|site|growth|verify|dossier|all]… [--quick] [--captures <n>] [--out <fichier>]`
 * Runs the chosen sections (all by default), prints their figures and the verdict of every target as a
 * table on stdout (progress goes to stderr), and writes everything with the machine to a JSON file.
 * Exit 0 once the figures are out, whatever the verdicts; 2 on bad usage.
 */
import { resolve } from 'node:path';
import { writeFileAtomic } from '../archive/write.ts';
import { exitCodeOf } from '../command-line/exit.ts';
import { parseOptions } from '../command-line/usage.ts';
import { describeMachine, formatLoad, loadAverage, machine } from './machine.ts';
import { checkRows, seconds, table } from './report.ts';
import {
  BENCH_USAGE,
  chosenSections,
  dossierRun,
  growthRun,
  measured,
  scaleOf,
  siteRuns,
  sizeRun,
  type Results,
  type SectionName,
} from './sections.ts';
import { checks, sectionRows } from './summary.ts';

const options = {
  quick: { type: 'boolean', default: false },
  out: { type: 'string', default: 'bench-results.json' },
  captures: { type: 'string' },
} as const;

async function runBench(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    options,
    {
      usage: BENCH_USAGE,
      example: 'npm run bench -- site --quick',
      about:
        'npm run bench : mesure la capture, la taille de l’archive, le site, la vérification et le dossier, puis compare aux objectifs.',
    },
    true,
  );
  if (positionals[0] === 'scale') {
    const { runScale } = await import('./scale.ts');
    return runScale(values.captures, resolve(values.out));
  }
  const sections = chosenSections(positionals);
  const scale = scaleOf(values.quick, values.captures);
  const started = Date.now();
  const log = (line: string) => console.error(`[${seconds(Date.now() - started).padStart(8)}] ${line}`);
  const before = await machine();
  log(`Machine : ${describeMachine(before)}`);
  const results: Results = {};
  const runs: Record<SectionName, () => Promise<void>> = {
    capture: async () => {
      const { benchOverhead } = await import('./overhead.ts');
      results.capture = await measured(() => benchOverhead(log));
    },
    slow: async () => {
      const { benchSlow } = await import('./slow.ts');
      results.slow = await measured(() => benchSlow({ log }));
    },
    size: async () => {
      results.size = await measured(() => sizeRun(scale, log));
    },
    site: async () => {
      results.site = await measured(() => siteRuns(scale, log));
    },
    growth: async () => {
      results.growth = await measured(() => growthRun(results, scale, log));
    },
    verify: async () => {
      const { benchVerify } = await import('./verify.ts');
      results.verify = await measured(() => benchVerify(scale.verifyCaptures, log));
    },
    dossier: async () => {
      results.dossier = await measured(dossierRun);
    },
  };
  for (const section of sections) {
    log(`▶ ${section}`);
    await runs[section]();
    const done = results[section]!;
    log(`■ ${section} : ${done.ok ? 'mesuré' : `non mesuré (${done.reason})`} en ${seconds(done.ms)}`);
  }
  const { TARGET_GROWTH_PER_REPEATED_NO_SLOT } = await import('./size.ts');
  const { PAGES_LIMIT_BYTES } = await import('../../site/command.ts');
  const verdicts = checks(results, {
    growthPerRepeatedNoSlot: TARGET_GROWTH_PER_REPEATED_NO_SLOT,
    pagesBytes: PAGES_LIMIT_BYTES,
  });
  const loadAtEnd = loadAverage();
  const lines = [
    `Banc d’essai — ${new Date(started).toISOString()}${values.quick ? ' (--quick)' : ''}, ${seconds(Date.now() - started)} en tout`,
    `Machine : ${describeMachine(before)} (charge à la fin ${formatLoad(loadAtEnd)})`,
    '',
    ...sectionRows(results).flatMap(({ title, rows }) => [
      title,
      ...table([['Mesure', 'Valeur'], ...rows]).map((l) => `  ${l}`),
      '',
    ]),
    ...checkRows(verdicts),
  ];
  // The file first: the figures are kept even if nobody reads the table to the end (`| head`).
  const out = resolve(values.out);
  const json = {
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    quick: values.quick,
    scale,
    sections,
    machine: { ...before, loadAverageAtEnd: loadAtEnd },
    results,
    checks: verdicts,
  };
  await writeFileAtomic(out, JSON.stringify(json, null, 2) + '\n');
  console.log([...lines, '', `Résultats complets : ${out}`].join('\n'));
  return 0;
}

process.exitCode = await runBench(process.argv.slice(2)).catch((error: unknown) => exitCodeOf(error));
