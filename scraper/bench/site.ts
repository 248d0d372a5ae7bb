/**
 * Site build benchmark, for the project's bench (`npm run bench:site`): generates an archive of N captures
 * (scraper/bench/archive-generator.ts) in a temp folder, builds the site from it in a child process as `npm run
 * site` does, once per size budget asked, and returns for each build its wall time, the child's peak
 * memory (its own `maxRSS`), the pages written and its own report of the bytes written. The temp folder
 * is removed afterwards.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateArchive } from './archive-generator.ts';
import type { SiteReport } from '../../site/build-site.ts';

export interface SiteBench {
  /** Wall time of the build command, process start to exit, in ms. */
  ms: number;
  /** Peak resident memory of the build process, in MB. */
  peakRssMb: number;
  /** HTML pages and feeds written. */
  pages: number;
  /** Motifs of the generated archive. */
  motifs: number;
  /** The site's size, whole and by part. */
  bytes: SiteReport['bytes'];
  /** What the size budget published and left out. */
  budget: SiteReport['budget'];
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function build(archive: string, captures: number, out: string, budgetMb: number | null): Promise<SiteBench> {
  const args = [
    join(ROOT, 'site', 'build.ts'),
    '--archive',
    archive,
    '--out',
    out,
    '--json',
    ...(budgetMb === null ? [] : ['--budget-mb', String(budgetMb)]),
  ];
  const started = performance.now();
  return new Promise((done, fail) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', ...args],
      { cwd: ROOT, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error)
          return fail(new Error(`construction du site en échec (${captures} captures) : ${stderr || error.message}`));
        const ms = Math.round(performance.now() - started);
        const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as SiteReport & { peakRssMb: number };
        done({
          ms,
          peakRssMb: report.peakRssMb,
          pages: report.pages.captures + report.pages.listings,
          motifs: report.motifs,
          bytes: report.bytes,
          budget: report.budget,
        });
      },
    ),
  );
}

/** `budgetsMb`: one build each, over the same archive; null is the command's default budget. */
export async function benchSite(
  captures: number,
  budgetsMb: readonly (number | null)[] = [null],
): Promise<SiteBench[]> {
  const dir = await mkdtemp(join(tmpdir(), 'stp-bench-site-'));
  try {
    const archive = join(dir, 'archive');
    await generateArchive(archive, { captures, seed: 1 });
    const builds: SiteBench[] = [];
    for (const budgetMb of budgetsMb) builds.push(await build(archive, captures, join(dir, '_site'), budgetMb));
    return builds;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
