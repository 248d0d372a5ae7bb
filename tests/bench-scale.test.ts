/** The scale bench's archive and verdicts: a valid archive the site builds from Git, pages that repeat stored once. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { appendCaptures, scaleMotifs } from '../scraper/bench/scale-archive.ts';
import { scaleChecks, type BuildRun } from '../scraper/bench/scale.ts';
import { buildSite } from '../site/build-site.ts';
import { siteOptions } from './fixtures/site-options.ts';
import { scratchFolders } from './helpers.ts';

const run = promisify(execFile);
const folder = scratchFolders();

describe('scale bench', () => {
  it('writes runs of every motif into a bare repository that the site builds from, each repeated page one blob', async () => {
    const dir = await folder('stp-scale-');
    const gitDir = join(dir, 'depot.git');
    await run('git', ['init', '--bare', '--quiet', gitDir]);
    const motifs = scaleMotifs(20);
    const runs = await appendCaptures({ gitDir, motifs, captures: 400, firstRun: 0 });
    assert.equal(runs, 20);
    await appendCaptures({ gitDir, motifs: motifs.slice(0, 14), captures: 14, firstRun: runs, repeatedOnly: true });
    const { stdout: commits } = await run('git', ['--git-dir', gitDir, 'rev-list', '--count', 'archive']);
    assert.equal(Number(commits), 21);
    const report = await buildSite(
      siteOptions('/nonexistent', join(dir, 'site'), {
        git: { repository: gitDir, ref: 'archive', cache: join(dir, 'cache.git') },
      }),
    );
    assert.equal(report.captures, 414);
    assert.equal(report.motifs, 20);
    // The last run found the same pages as before: it added no image.
    const { stdout: newBlobs } = await run('git', [
      '--git-dir',
      gitDir,
      'rev-list',
      '--objects',
      'archive',
      '^archive~1',
    ]);
    const pngs = newBlobs.split('\n').filter((l) => l.endsWith('.png'));
    assert.deepEqual(pngs, []);
  });

  it('judges memory only at 1.46 million captures, and incremental builds against 10 s or 30 s', () => {
    const build: BuildRun = { ms: 20_000, peakMemory: 1e9, peakDisk: 5e8, captures: 0 };
    const figures = {
      captures: 100_000,
      motifs: 100,
      generateMs: 0,
      packMs: 0,
      packedBytes: 80e6,
      full: build,
      incremental: build,
      repeatedGrowthPerCapture: 500,
      repeatedByKind: { records: 250, trees: 230 },
    };
    const small = scaleChecks(figures);
    assert.ok(!small.some((c) => c.label.startsWith('Mémoire')));
    assert.equal(small.find((c) => c.label.startsWith('Construction après'))!.verdict, 'INSUFFISANT');
    const big = scaleChecks({ ...figures, captures: 1_460_000 });
    assert.equal(big.find((c) => c.label.startsWith('Mémoire'))!.verdict, 'OK');
    assert.equal(big.find((c) => c.label.startsWith('Construction après'))!.verdict, 'OK');
    assert.equal(big.find((c) => c.label.startsWith('Dépôt compacté'))!.verdict, 'OK');
  });
});
