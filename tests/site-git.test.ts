/**
 * The site read from the archive branch in Git, without a work tree: the same bytes as from a copy of the
 * branch, whatever the budget leaves out; a fetch into the cache that brings only the new captures; a
 * repository without the branch yet; the command line.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { generateArchive } from '../scraper/bench/archive-generator.ts';
import { buildSite, type SiteOptions } from '../site/build-site.ts';
import { assertSameSite, contents } from './fixtures/same-site.ts';
import { siteOptions } from './fixtures/site-options.ts';
import { ROOT, scratchFolders } from './helpers.ts';

const run = promisify(execFile);

const folder = scratchFolders();

const gitIn = (cwd: string, ...args: string[]) =>
  run('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { cwd });

const options = (out: string, more: Partial<SiteOptions>) => siteOptions('/nonexistent', out, more);

let dir: string;
/** A checkout of the branch, and the bare repository it was pushed to. */
let work: string;
let bare: string;
before(async () => {
  dir = await folder('stp-site-git-');
  work = join(dir, 'work');
  bare = join(dir, 'bare.git');
  await generateArchive(work, { captures: 240 });
  await gitIn(dir, 'init', '--quiet', '--initial-branch=archive', work);
  await gitIn(work, 'add', '-A');
  await gitIn(work, 'commit', '--quiet', '-m', 'captures');
  await gitIn(dir, 'clone', '--quiet', '--bare', work, bare);
});

describe('site from Git', () => {
  it('equals, byte for byte, the site built from the same archive checked out', async () => {
    const fromFolder = join(dir, 'from-folder');
    const fromGit = join(dir, 'from-git');
    await buildSite(options(fromFolder, { archive: work }));
    const report = await buildSite(
      options(fromGit, { git: { repository: bare, ref: 'archive', cache: join(dir, 'cache.git') } }),
    );
    assert.equal(report.captures, 240);
    assertSameSite(await contents(fromGit), await contents(fromFolder));
  });

  it('gives the same bytes when the size budget leaves the oldest captures out', async () => {
    const budgetBytes = 60_000;
    const fromFolder = join(dir, 'small-folder');
    const fromGit = join(dir, 'small-git');
    const folderReport = await buildSite(options(fromFolder, { archive: work, budgetBytes }));
    assert.ok(folderReport.budget.leftOut.page.files > 0, 'the budget leaves some pages out');
    await buildSite(
      options(fromGit, { budgetBytes, git: { repository: bare, ref: 'archive', cache: join(dir, 'cache.git') } }),
    );
    assertSameSite(await contents(fromGit), await contents(fromFolder));
  });

  it('fetches into the same cache again and shows the captures committed since', async () => {
    const cache = join(dir, 'incremental.git');
    const git = { repository: bare, ref: 'archive', cache };
    await buildSite(options(join(dir, 'before'), { git }));
    await generateArchive(work, { captures: 6, from: '2026-04-09T06:00:00Z', seed: 7, manifest: false });
    await gitIn(work, 'add', '-A');
    await gitIn(work, 'commit', '--quiet', '-m', 'six more');
    await gitIn(work, 'push', '--quiet', bare, 'archive');
    const report = await buildSite(options(join(dir, 'after'), { git }));
    assert.equal(report.captures, 246);
    const folderSite = join(dir, 'after-folder');
    await buildSite(options(folderSite, { archive: work }));
    assertSameSite(await contents(join(dir, 'after')), await contents(folderSite));
  });

  it('builds a site without captures when the repository has no archive branch yet', async () => {
    const empty = join(dir, 'empty.git');
    await gitIn(dir, 'init', '--quiet', '--bare', empty);
    const report = await buildSite(
      options(join(dir, 'empty-site'), { git: { repository: empty, ref: 'archive', cache: join(dir, 'e.git') } }),
    );
    assert.equal(report.captures, 0);
  });

  it('fails, leaving the previous site as it was, when the repository cannot be read (not an empty site)', async () => {
    const out = join(dir, 'kept-site');
    await buildSite(options(out, { git: { repository: bare, ref: 'archive', cache: join(dir, 'kept.git') } }));
    const before = await contents(out);
    await assert.rejects(
      buildSite(
        options(out, { git: { repository: join(dir, 'absent.git'), ref: 'archive', cache: join(dir, 'kept.git') } }),
      ),
      /git fetch/,
    );
    assertSameSite(await contents(out), before);
  });

  it('npm run site -- --git <dépôt> --ref archive builds from the repository; --archive and --git together are refused', async () => {
    const site = (args: string[]) =>
      run(process.execPath, ['--import', 'tsx', join(ROOT, 'site', 'build.ts'), ...args], {
        cwd: ROOT,
        env: { ...process.env, GITHUB_REPOSITORY: '' },
      }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const out = join(dir, 'cli-site');
    const args = ['--git', bare, '--ref', 'archive', '--git-cache', join(dir, 'cli.git'), '--state', join(dir, 'cli')];
    const ok = await site([...args, '--out', out]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(
      ok.stdout,
      /^Construction complète : pas d’état de construction précédent\.\nSite construit dans .*cli-site en [\d,]+ s : 24\d captures/,
    );
    const again = await site([...args, '--out', out]);
    assert.match(again.stdout, /^Construction incrémentale : \d+ fichiers repris du site précédent/);
    const both = await site(['--git', bare, '--archive', work]);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--archive et --git s'excluent/);
  });
});
