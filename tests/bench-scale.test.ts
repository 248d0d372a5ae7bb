/** The scale bench's archive and verdicts: a valid archive the site builds from Git, pages that repeat stored once. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { INDEX_ENTRY_BYTES, packedByKind } from '../scraper/bench/git-pack.ts';
import { judge } from '../scraper/bench/report.ts';
import { compareFolders, sameWords } from '../scraper/bench/same-files.ts';
import {
  appendCaptures,
  PAGE_IMAGE_BYTES,
  scaleKindOf,
  scaleMotifs,
  THUMBNAIL_BYTES,
} from '../scraper/bench/scale-archive.ts';
import { newPagesFloor, scaleChecks, scaleLines, type ScaleFigures } from '../scraper/bench/scale.ts';
import type { BuildRun } from '../scraper/bench/scale-site-job.ts';
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
    const { runs, newPages } = await appendCaptures({ gitDir, motifs, captures: 400, firstRun: 0 });
    assert.equal(runs, 20);
    const repeated = await appendCaptures({
      gitDir,
      motifs: motifs.slice(0, 14),
      captures: 14,
      firstRun: runs,
      repeatedOnly: true,
    });
    assert.equal(repeated.newPages, 0);
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
    // Every never-seen page is its own image: the pages that repeat add one image per motif or site at most.
    const { stdout: all } = await run('git', ['--git-dir', gitDir, 'rev-list', '--objects', 'archive']);
    const images = all.split('\n').filter((l) => l.endsWith('.png'));
    const distinct = new Set(images.map((l) => l.slice(0, 40))).size;
    assert.ok(newPages > 0 && distinct >= newPages && distinct <= newPages + 20 * 2 + 2 * 3 * 2, `${distinct}`);
  });

  it('tells records, images, thumbnails, trees and commits apart in the packed repository, from sizes alone', async () => {
    const dir = await folder('stp-scale-kinds-');
    const gitDir = join(dir, 'depot.git');
    await run('git', ['init', '--bare', '--quiet', gitDir]);
    const { runs } = await appendCaptures({ gitDir, motifs: scaleMotifs(10), captures: 200, firstRun: 0 });
    await run('git', ['--git-dir', gitDir, 'repack', '-a', '-d', '-f', '-q']);
    const kinds = await packedByKind(gitDir, scaleKindOf);
    assert.deepEqual(Object.keys(kinds).sort(), ['commits', 'images', 'records', 'thumbnails', 'trees']);
    const { stdout: imageCount } = await run('git', ['--git-dir', gitDir, 'rev-list', '--objects', '--all']);
    const distinctImages = new Set(
      imageCount
        .split('\n')
        .filter((l) => l.endsWith('.png'))
        .map((l) => l.slice(0, 40)),
    ).size;
    // Incompressible images: each takes about its own size in the pack.
    assert.ok(kinds.images! >= distinctImages * PAGE_IMAGE_BYTES, `${kinds.images}`);
    assert.ok(kinds.images! < distinctImages * (PAGE_IMAGE_BYTES + 200), `${kinds.images}`);
    assert.ok(kinds.commits! >= runs * INDEX_ENTRY_BYTES && kinds.commits! < runs * 400, `${kinds.commits}`);
    // The kinds add up to the pack and its index, less their headers and fan-out table.
    const packDir = join(gitDir, 'objects', 'pack');
    let packed = 0;
    for (const f of await readdir(packDir)) if (/\.(pack|idx)$/.test(f)) packed += (await stat(join(packDir, f))).size;
    const total = Object.values(kinds).reduce((a, b) => a + b, 0);
    assert.ok(total <= packed && packed - total < 2000, `${total} / ${packed}`);
    assert.equal(scaleKindOf('blob', THUMBNAIL_BYTES), 'thumbnails');
    assert.equal(scaleKindOf('blob', 1_900), 'records');
  });

  it('finds the files that differ between two folders: missing on one side, or other bytes of the same length', async () => {
    const dir = await folder('stp-same-files-');
    for (const side of ['a', 'b']) {
      await mkdir(join(dir, side, 'pages', 'deep'), { recursive: true });
      await writeFile(join(dir, side, 'index.html'), 'pareil');
      await writeFile(join(dir, side, 'pages', 'deep', 'page.html'), side === 'a' ? 'version A' : 'version B');
    }
    await writeFile(join(dir, 'b', 'pages', 'extra.json'), '{}');
    const comparison = await compareFolders(join(dir, 'a'), join(dir, 'b'));
    assert.deepEqual(comparison, {
      files: 3,
      differing: 2,
      examples: ['pages/deep/page.html', 'pages/extra.json'],
    });
    assert.equal(sameWords(comparison), 'non (2 fichiers diffèrent, ex. pages/deep/page.html, pages/extra.json)');
    assert.equal(sameWords(await compareFolders(join(dir, 'a'), join(dir, 'a'))), 'oui');
  });

  const build: BuildRun = { ms: 20_000, peakMemory: 3e9, peakAnonymous: 1e9, peakDisk: 5e8, captures: 0 };
  const figures: Omit<ScaleFigures, 'checks'> = {
    captures: 100_000,
    motifs: 100,
    generateMs: 0,
    packMs: 0,
    packedBytes: 80e6,
    packedByKind: { images: 500, records: 250 },
    newPages: 3_200,
    full: build,
    incremental: build,
    fullAgain: { ...build, comparison: { files: 10, differing: 0, examples: [] } },
    repeated: { baseCaptures: 18_000, captures: 3_000, perCapture: 450, byKind: { trees: 180, records: 260 }, ms: 0 },
    pushedPerCapture: 2_700,
    pushedByKind: { trees: 2_400, records: 300 },
  };
  const verdict = (checks: ReturnType<typeof scaleChecks>, start: string) =>
    checks.find((c) => c.label.startsWith(start))!.verdict;

  it('judges memory only at 1.46 million captures, and incremental builds against 10 s or 30 s', () => {
    const small = scaleChecks(figures);
    assert.ok(!small.some((c) => c.label.startsWith('Mémoire')));
    assert.equal(verdict(small, 'Construction après'), 'INSUFFISANT');
    const big = scaleChecks({ ...figures, captures: 1_460_000 });
    assert.equal(verdict(big, 'Mémoire'), 'OK', 'judged on anonymous memory, not on the mapped pack');
    const heavy = { ...figures, captures: 1_460_000, full: { ...build, peakAnonymous: 2.5e9 } };
    assert.equal(verdict(scaleChecks(heavy), 'Mémoire'), 'INSUFFISANT');
    assert.equal(verdict(big, 'Construction après'), 'OK');
    assert.equal(verdict(big, 'Dépôt compacté : croissance par capture, mélange'), 'OK');
  });

  it('judges the growth per repeated capture on the packed repository, the pushed thin pack only told', () => {
    assert.equal(verdict(scaleChecks(figures), 'Dépôt compacté : croissance par capture répétée'), 'OK');
    const grown = { ...figures, repeated: { ...figures.repeated, perCapture: 700 }, pushedPerCapture: 100 };
    assert.equal(verdict(scaleChecks(grown), 'Dépôt compacté : croissance par capture répétée'), 'INSUFFISANT');
    const lines = scaleLines({ ...figures, checks: scaleChecks(figures) }).join('\n');
    assert.match(lines, /Ce qu’un push transmet par capture répétée, avant le compactage +2,7 Ko : arbres 2,4 Ko/);
    assert.match(lines, /Croissance par capture répétée, dépôt compacté +450 o : arbres 180 o, fiches 260 o/);
  });

  it('requires the incremental site to equal the full one, and says it is not compared at a million captures', () => {
    assert.equal(verdict(scaleChecks(figures), 'Site incrémental'), 'OK');
    const differing = { ...figures.fullAgain!, comparison: { files: 10, differing: 1, examples: ['index.html'] } };
    const checks = scaleChecks({ ...figures, fullAgain: differing });
    assert.equal(verdict(checks, 'Site incrémental'), 'INSUFFISANT');
    assert.match(
      scaleLines({ ...figures, fullAgain: differing, checks }).join('\n'),
      /non \(1 fichier diffère, ex\. index\.html\)/,
    );
    assert.equal(
      verdict(scaleChecks({ ...figures, captures: 1_460_000, fullAgain: null }), 'Site incrémental'),
      'non mesuré',
    );
    assert.deepEqual(judge({ label: 'x', measured: 0, limit: 0, rule: 'equal', format: String }).verdict, 'OK');
  });

  it('says what never-seen pages alone cost per capture, the floor under the realistic mix', () => {
    // 3.2 % of captures each add a 33 KB image and a 3.6 KB thumbnail: 1.17 KB per capture.
    assert.equal(
      Math.round(newPagesFloor({ newPages: 3_200, captures: 100_000 })),
      Math.round((3_200 * (PAGE_IMAGE_BYTES + THUMBNAIL_BYTES + 2 * INDEX_ENTRY_BYTES)) / 100_000),
    );
    const mix = scaleChecks(figures).find((c) => c.label.includes('mélange réaliste'))!;
    assert.match(mix.note!, /3,2 % des captures.*coûtent à elles seules 1,2 Ko par capture/);
  });
});
