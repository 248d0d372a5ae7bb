/**
 * Site build benchmark, for the project's bench (`npm run bench:site`): generates an archive of N captures
 * (tests/fixtures/archive.ts) in a temp folder, builds the site in a child process as `npm run site`
 * does, and returns the build's wall time, the child's peak memory (its own `maxRSS`), the pages written
 * and the site's size. The temp folder is removed afterwards.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateArchive } from '../tests/fixtures/archive.ts';

export interface SiteBench {
  /** Wall time of the build command, process start to exit, in ms. */
  ms: number;
  /** Peak resident memory of the build process, in MB. */
  peakRssMb: number;
  /** HTML pages and feeds written. */
  pages: number;
  /** Size of the built site, in bytes. */
  bytes: number;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function benchSite(captures: number): Promise<SiteBench> {
  const dir = await mkdtemp(join(tmpdir(), 'stp-bench-site-'));
  try {
    const archive = join(dir, 'archive');
    await generateArchive(archive, { captures, seed: 1 });
    const started = performance.now();
    const stdout = await new Promise<string>((done, fail) =>
      execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'site', 'build.ts'), '--archive', archive, '--out', join(dir, '_site'), '--json'], { cwd: ROOT, maxBuffer: 1 << 20 }, (error, out, err) =>
        error ? fail(new Error(`construction du site en échec (${captures} captures) : ${err || error.message}`)) : done(out),
      ),
    );
    const ms = Math.round(performance.now() - started);
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as { peakRssMb: number; pages: { captures: number; listings: number }; bytes: { total: number } };
    return { ms, peakRssMb: report.peakRssMb, pages: report.pages.captures + report.pages.listings, bytes: report.bytes.total };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
