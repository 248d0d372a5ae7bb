/**
 * The incremental build (site/pipeline/state.ts): after a capture run, a build from Git with the previous
 * build's state reads only the month folders that changed, renders only the pages whose inputs changed,
 * takes every other file from the previous site, and gives the same bytes as a full build of the same
 * branch; a state made by other code or options, or a site that is not the one it describes, gives a full
 * build that says why.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { captureFiles } from '../scraper/archive/paths.ts';
import { generateArchive } from '../scraper/bench/archive-generator.ts';
import type { EvidenceRecord } from '../scraper/evidence/record.ts';
import { BadArchiveError, buildSite, type SiteOptions } from '../site/build-site.ts';
import { DEFAULT_STATE, parseSiteArgs } from '../site/command.ts';
import { monthKey } from '../site/model/stats.ts';
import { DATA_FILES } from '../site/model/opendata.ts';
import { dossierIndexPath } from '../scraper/dossier/site-records.ts';
import { outputFile, paths } from '../site/model/urls.ts';
import { parisClock } from '../scraper/evidence/time.ts';
import { assertSameSite, contents } from './fixtures/same-site.ts';
import { siteOptions } from './fixtures/site-options.ts';
import { scratchFolders } from './helpers.ts';

const run = promisify(execFile);
const folder = scratchFolders();
const gitIn = (cwd: string, ...args: string[]) =>
  run('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { cwd });

let dir: string;
let work: string;
let bare: string;
let first: EvidenceRecord[];
let run2: EvidenceRecord[];

/** Commits what the work tree holds and pushes it to the bare repository. */
async function commitRun(message: string): Promise<void> {
  await gitIn(work, 'add', '-A');
  await gitIn(work, 'commit', '--quiet', '-m', message);
  await gitIn(work, 'push', '--quiet', bare, 'archive');
}

before(async () => {
  dir = await folder('stp-site-incremental-');
  work = join(dir, 'work');
  bare = join(dir, 'bare.git');
  await gitIn(dir, 'init', '--quiet', '--bare', bare);
  first = await generateArchive(work, { captures: 200, seed: 3 });
  await gitIn(dir, 'init', '--quiet', '--initial-branch=archive', work);
  await commitRun('captures');
});

/** A build from the bare repository, with its own Git cache and state beside `out`. */
const fromGit = (out: string, more: Partial<SiteOptions> = {}) =>
  buildSite(
    siteOptions('/nonexistent', out, {
      git: { repository: bare, ref: 'archive', cache: `${out}-cache.git` },
      state: `${out}-state`,
      ...more,
    }),
  );

describe('incremental site build', () => {
  it('after a run, writes only what changed and gives the same bytes as a full build', async () => {
    const out = join(dir, 'site');
    const firstBuild = await fromGit(out);
    assert.deepEqual(firstBuild.build, { incremental: false, why: 'pas d’état de construction précédent', reused: 0 });
    const untouched = paths.capture(first[0]!.id);
    const before = await stat(join(out, untouched));

    // A run whose captures land in month folders that already hold captures (January) and in new ones.
    run2 = await generateArchive(work, { captures: 30, seed: 4, from: '2026-01-09T06:00:00Z', manifest: false });
    await commitRun('un run de plus');
    const incremental = await fromGit(out);
    assert.equal(incremental.build.incremental, true);
    assert.equal(incremental.captures, 230);
    assert.ok(incremental.build.reused > 150, `${incremental.build.reused} files taken from the previous site`);
    assert.equal((await stat(join(out, untouched))).ino, before.ino, 'an unchanged page is not written again');
    for (const record of run2) await stat(join(out, paths.capture(record.id)));

    const full = join(dir, 'full');
    const fullBuild = await fromGit(full, { full: true });
    assert.deepEqual(fullBuild.build, { incremental: false, why: 'demandée (--full)', reused: 0 });
    assertSameSite(await contents(out), await contents(full));

    // A previous site with a page slipped in (the Actions cache it comes from): an incremental build publishes that
    // page again as it is; a full build, as the site workflow makes every week, renders every page anew.
    const poisoned = join(full, untouched);
    await writeFile(poisoned, '<p>page glissée dans le cache</p>');
    await fromGit(full);
    assert.equal(await readFile(poisoned, 'utf8'), '<p>page glissée dans le cache</p>');
    await fromGit(full, { full: true });
    assertSameSite(await contents(out), await contents(full));
  });

  it('gives the same bytes as a full build when the size budget moves its limit', async () => {
    const budgetBytes = 80_000;
    const out = join(dir, 'small');
    const firstBuild = await fromGit(out, { budgetBytes });
    assert.ok(firstBuild.budget.leftOut.page.files > 0, 'the budget leaves some pages out');
    await generateArchive(work, { captures: 11, seed: 5, from: '2026-01-10T06:00:00Z', manifest: false });
    await commitRun('encore un run');
    const incremental = await fromGit(out, { budgetBytes });
    assert.equal(incremental.build.incremental, true);
    assert.ok(
      incremental.budget.leftOut.page.files > firstBuild.budget.leftOut.page.files,
      'the new captures push older pages out of the budget',
    );
    const full = join(dir, 'small-full');
    await fromGit(full, { budgetBytes, full: true });
    assertSameSite(await contents(out), await contents(full));
  });

  it('builds in full, saying why, when the options changed or the site is not the one the state describes', async () => {
    const out = join(dir, 'site');
    const other = await fromGit(out, { budgetBytes: 800_000_000 });
    assert.equal(other.build.incremental, false);
    assert.equal(other.build.why, 'le code du site ou ses options ont changé depuis la construction précédente');
    assert.equal((await fromGit(out, { budgetBytes: 800_000_000 })).build.incremental, true);

    await rm(join(out, '.site-build'));
    const replaced = await fromGit(out, { budgetBytes: 800_000_000 });
    assert.equal(replaced.build.why, `${out} ne contient plus le site de la construction précédente`);
  });

  it('does not trust what a state made by other code or options summarized: a full build writes it anew', async () => {
    const out = join(dir, 'other-options');
    await fromGit(out, { budgetBytes: 700_000_000 });
    // What other code could have left under a month's name: the same folder, summarized otherwise.
    const months = join(`${out}-state`, 'months');
    for (const name of await readdir(months)) {
      const summaries = JSON.parse(gunzipSync(await readFile(join(months, name))).toString('utf8'));
      for (const summary of summaries) if (summary.capture) summary.capture.outcome = 'slot-available';
      await writeFile(join(months, name), gzipSync(JSON.stringify(summaries)));
    }
    assert.equal((await fromGit(out)).build.incremental, false);
    // In February: January's folders do not change, so the next build takes their summaries from the state.
    await generateArchive(work, { captures: 3, seed: 6, from: '2026-02-11T06:00:00Z', manifest: false });
    await commitRun('un petit run');
    assert.equal((await fromGit(out)).build.incremental, true);
    const full = join(dir, 'other-options-full');
    await fromGit(full, { full: true });
    assertSameSite(await contents(out), await contents(full));
  });

  it('tells a month folder from its copy under another motif (same Git tree, other captures)', async () => {
    const out = join(dir, 'copied');
    const month = dirname(captureFiles(first[0]!).record);
    const copy = month.replace(`/${first[0]!.motif}/`, '/copie-de-demarche/');
    await cp(join(work, month), join(work, copy), { recursive: true });
    await commitRun('un dossier copié');
    const firstBuild = await fromGit(out, { allowBad: true });
    assert.ok(firstBuild.bad.length > 0, 'the copied records are misplaced');
    await generateArchive(work, { captures: 2, seed: 7, from: '2026-03-11T06:00:00Z', manifest: false });
    await commitRun('un run en mars');
    const incremental = await fromGit(out, { allowBad: true });
    assert.equal(incremental.build.incremental, true);
    assert.deepEqual(incremental.bad, firstBuild.bad);
    const full = join(dir, 'copied-full');
    await fromGit(full, { allowBad: true, full: true });
    assertSameSite(await contents(out), await contents(full));
    await rm(join(work, copy), { recursive: true });
    await commitRun('le dossier copié retiré');
  });

  it('starts again in full, and says so, when a page the state names is missing from the previous site', async () => {
    const out = join(dir, 'damaged');
    await fromGit(out);
    await rm(join(out, paths.capture(first[5]!.id)));
    const rebuilt = await fromGit(out);
    assert.equal(rebuilt.build.incremental, false);
    assert.match(
      rebuilt.build.why ?? '',
      /^il manquait au site précédent des fichiers que l’état nomme \(.*absent du site précédent\)$/,
    );
    await stat(join(out, paths.capture(first[5]!.id)));
    assert.equal((await fromGit(out)).build.incremental, true, 'the next build is incremental again');
  });

  it('puts back what it took from the previous site when the build fails: that site stays as it was', async () => {
    const out = join(dir, 'failed');
    await fromGit(out);
    const before = await contents(out);
    const added = await generateArchive(work, { captures: 4, seed: 8, from: '2026-04-11T06:00:00Z', manifest: false });
    const broken = join(work, captureFiles(added[0]!).record);
    await writeFile(broken, '{ "pas une fiche"');
    await commitRun('une fiche illisible');
    // The bad record stops the build after the pass, once every unchanged page was moved into the new site.
    await assert.rejects(fromGit(out), BadArchiveError);
    assertSameSite(await contents(out), before);
    await rm(broken);
    await commitRun('la fiche illisible retirée');
    assert.equal((await fromGit(out)).build.incremental, true, 'the state still describes the site');
  });

  it('writes a month page again only when its month changed', async () => {
    const out = join(dir, 'months');
    const may = await generateArchive(work, { captures: 6, seed: 9, from: '2026-05-11T06:00:00Z', manifest: false });
    await commitRun('un run en mai');
    await fromGit(out);
    const monthPage = (r: EvidenceRecord) =>
      outputFile(paths.month(r.prefecture, r.motif, monthKey(parisClock(r.capturedAt).getTime())));
    const inodes = new Map<string, number>();
    for (const r of [...first, ...may]) inodes.set(monthPage(r), (await stat(join(out, monthPage(r)))).ino);

    await generateArchive(work, { captures: 6, seed: 10, from: '2026-05-13T06:00:00Z', manifest: false });
    await commitRun('un autre run en mai');
    assert.equal((await fromGit(out)).build.incremental, true);
    const mayPages = new Set(may.map(monthPage));
    for (const [path, ino] of inodes) {
      const now = (await stat(join(out, path))).ino;
      if (mayPages.has(path)) assert.notEqual(now, ino, `${path} : son mois a reçu des captures`);
      else assert.equal(now, ino, `${path} : son mois n’a pas changé`);
    }
    const full = join(dir, 'months-full');
    await fromGit(full, { full: true });
    assertSameSite(await contents(out), await contents(full));
  });

  it('copies the months of the open data and dossier indexes that did not change from the previous files', async () => {
    const out = join(dir, 'parts');
    await fromGit(out);
    const state = JSON.parse(gunzipSync(await readFile(join(`${out}-state`, 'state.json.gz'))).toString('utf8'));
    const parts = new Map<string, { offset: number; bytes: number }[]>(state.parts);
    // Ten bytes inside the oldest month of each file, changed where they lie in the previous site: a copied
    // part carries them into the new file, a part compressed again would not.
    const marked = new Map<string, Buffer>();
    for (const path of [
      paths.dataFile(DATA_FILES.capturesCsv),
      dossierIndexPath(first[0]!.prefecture, first[0]!.motif),
    ]) {
      const memos = parts.get(path)!;
      const oldest = path.includes('/dossier/') ? memos[0]! : memos.at(-1)!;
      const data = await readFile(join(out, path));
      const at = oldest.offset + Math.floor(oldest.bytes / 2);
      data.fill(0xa5, at, at + 10);
      marked.set(path, data.subarray(at - 20, at + 30));
      await writeFile(join(out, path), data);
    }
    await generateArchive(work, { captures: 4, seed: 11, from: '2026-06-11T06:00:00Z', manifest: false });
    await commitRun('un run en juin');
    assert.equal((await fromGit(out)).build.incremental, true);
    for (const [path, bytes] of marked) assert.ok((await readFile(join(out, path))).includes(bytes), path);
    // Whereas a full build compresses everything anew.
    await fromGit(out, { full: true });
    for (const [path, bytes] of marked) {
      const data = await readFile(join(out, path));
      assert.ok(!data.includes(bytes), path);
      gunzipSync(data);
    }
  });

  it('keeps its state with the Git cache unless told otherwise; --full forces a full build', () => {
    const { site } = parseSiteArgs(['--git', '.', '--full'], {});
    assert.equal(site.full, true);
    assert.ok(site.state!.endsWith(DEFAULT_STATE), site.state);
    assert.equal(parseSiteArgs(['--git', '.', '--state', 'ailleurs'], {}).site.full, false);
  });
});
