/**
 * A crafted archive (as a hostile fork or a tampered branch could hold): staging notes that point outside,
 * symlinked images, a symlink to /dev/zero, a fake capture no manifest lists. Nothing is written outside the
 * archive, verify reports each and ends, `--strict` fails on the fake capture, the site refuses the symlinks.
 */
import assert from 'node:assert/strict';
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { captureFiles, MANIFEST_DIR, STAGING_DIR } from '../scraper/archive/paths.ts';
import { recoverStaging } from '../scraper/archive/write.ts';
import type { EvidenceRecord } from '../scraper/evidence/record.ts';
import { generateArchive } from '../scraper/bench/archive-generator.ts';
import { SizeBudget } from '../site/pipeline/budget.ts';
import { folderSource } from '../site/pipeline/source.ts';
import { ImagePublisher } from '../site/pipeline/images.ts';
import { BuildState } from '../site/pipeline/state.ts';
import { summarize, type CaptureSummary } from '../site/pipeline/summary.ts';
import { runCli, tempDir } from './helpers.ts';

async function fixture(
  captures = 4,
): Promise<{ root: string; archive: string; outside: string; records: EvidenceRecord[] }> {
  const root = await tempDir('stp-crafted-');
  const archive = join(root, 'archive');
  const outside = join(root, 'outside');
  await mkdir(outside);
  const records = await generateArchive(archive, { captures, seed: 5 });
  return { root, archive, outside, records };
}

describe('a crafted archive', () => {
  it('never lets a staging note move files outside the archive, even through --repair', async () => {
    const { archive, outside, records } = await fixture();
    const evil = join(archive, STAGING_DIR, 'evil');
    await mkdir(evil, { recursive: true });
    const out = '../outside/pwned';
    await writeFile(
      join(evil, 'target'),
      JSON.stringify({ image: `${out}.png`, thumbnail: `${out}.webp`, record: `${out}.json` }),
    );
    for (const kind of ['image', 'thumbnail', 'record']) await writeFile(join(evil, kind), 'x');
    // A note that is a symlink to /dev/zero must not hang the recovery.
    const zero = join(archive, STAGING_DIR, 'zero');
    await mkdir(zero);
    await symlink('/dev/zero', join(zero, 'target'));
    await writeFile(join(zero, 'record'), 'x');
    // A capture folder that is a symlink out of the archive: the move must not follow it.
    const key = { ...records[0]!, capturedAt: '2031-01-01T00:00:00Z' };
    const files = captureFiles(key);
    await mkdir(join(archive, dirname(dirname(files.record))), { recursive: true });
    await symlink(outside, join(archive, dirname(files.record)));
    const linked = join(archive, STAGING_DIR, 'linked');
    await mkdir(linked);
    await writeFile(join(linked, 'target'), JSON.stringify(files));
    for (const kind of ['image', 'thumbnail', 'record']) await writeFile(join(linked, kind), 'x');

    const readOnly = await runCli(['verify', '--archive', archive]);
    assert.match(readOnly.stdout, /en attente +\.staging\/evil/);
    const recovered = await recoverStaging(archive);
    assert.deepEqual(recovered.finished, []);
    assert.deepEqual(recovered.discarded.sort(), ['evil', 'linked', 'zero']);
    assert.deepEqual(await readdir(outside), [], 'nothing written outside the archive');
    assert.deepEqual(await readdir(join(archive, STAGING_DIR)), []);
    const repair = await runCli(['verify', '--archive', archive, '--repair']);
    assert.equal(repair.code, 1, 'the symlinked folder is still reported');
    assert.match(repair.stdout, /n'est pas un fichier ordinaire/);
  });

  it('reports symlinked images and a symlink to /dev/zero, and ends', async () => {
    const { archive, records } = await fixture();
    const image = captureFiles(records[0]!).image;
    const thumb = captureFiles(records[1]!).thumbnail;
    await writeFile(join(archive, image), '');
    await rm(join(archive, image));
    await symlink('/etc/hostname', join(archive, image));
    await rm(join(archive, thumb));
    await symlink('/dev/zero', join(archive, thumb));
    const result = await runCli(['verify', '--archive', archive]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, new RegExp(`${image} — n'est pas un fichier ordinaire`));
    assert.match(result.stdout, new RegExp(`${thumb} — .*lien symbolique refusé`));

    // The site publishes neither: the capture is bad, naming the file.
    const out = await tempDir('stp-crafted-site-');
    const source = folderSource(archive);
    const publisher = new ImagePublisher(source, out, new SizeBudget(1e9), BuildState.none(out));
    const summaryOf = async (r: EvidenceRecord) => {
      const { record } = captureFiles(r);
      const dir = dirname(record);
      return summarize(r, { dir, siblings: (await source.list(dir)).files }, basename(record), '') as CaptureSummary;
    };
    assert.equal(await publisher.image(await summaryOf(records[0]!)), false);
    assert.equal(await publisher.thumbnail(await summaryOf(records[1]!)), false);
    assert.equal(await publisher.image(await summaryOf(records[2]!)), true);
    assert.deepEqual(
      publisher.refused.map((r) => r.path),
      [image, thumb],
    );
    assert.match(publisher.refused[0]!.problems[0]!, /lien symbolique refusé/);
    assert.deepEqual((await readdir(join(out, 'img'))).length, 1);
  });

  it('fails --strict on a self-consistent capture that no manifest lists, naming it', async () => {
    const { archive, records } = await fixture();
    const real = records[0]!;
    const fake = { ...real, capturedAt: '2030-06-01T12:00:00Z' };
    const from = captureFiles(real);
    const to = captureFiles(fake);
    const stamp = to.record.slice(to.record.lastIndexOf('/') + 1, -'.json'.length);
    const record = {
      ...real,
      capturedAt: fake.capturedAt,
      id: `${real.prefecture}/${real.motif}/${stamp}`,
      image: `${stamp}.png`,
      thumbnail: `${stamp}.webp`,
      ...(real.text ? { text: `${stamp}.txt` } : {}),
    };
    await mkdir(join(archive, dirname(to.record)), { recursive: true });
    await cp(join(archive, from.image), join(archive, to.image));
    await cp(join(archive, from.thumbnail), join(archive, to.thumbnail));
    if (real.text) await cp(join(archive, from.text), join(archive, to.text));
    await writeFile(join(archive, to.record), JSON.stringify(record, null, 2) + '\n');
    const plain = await runCli(['verify', '--archive', archive]);
    assert.equal(plain.code, 0, plain.stdout);
    const strict = await runCli(['verify', '--archive', archive, '--strict']);
    assert.equal(strict.code, 1, strict.stdout);
    const written = real.text ? Object.values(to) : [to.image, to.thumbnail, to.record];
    for (const path of written) assert.match(strict.stdout, new RegExp(`non listé +${path}`));
    assert.ok((await readdir(join(archive, MANIFEST_DIR))).length > 0);
    assert.ok((await readFile(join(archive, to.record), 'utf8')).includes(stamp));
  });
});

describe('a crafted record given to npm run exhibit', () => {
  it('refuses an image path or an identifier that leaves the capture’s own names, and a symlinked image', async () => {
    const { archive, records, outside } = await fixture(1);
    const record = records[0]!;
    const files = captureFiles(record);
    const recordPath = join(archive, files.record);
    await writeFile(recordPath, JSON.stringify({ ...record, image: '../../../../../outside/secret.png' }));
    const out = join(outside, 'piece.png');
    const climbing = await runCli(['exhibit', recordPath, '--out', out]);
    assert.equal(climbing.code, 2, climbing.stdout + climbing.stderr);
    assert.match(climbing.stderr, /image : « \.\.\/\.\.\/.*» au lieu de/);
    await writeFile(recordPath, JSON.stringify({ ...record, prefecture: '../..' }));
    assert.equal((await runCli(['exhibit', recordPath, '--out', out])).code, 2);
    await writeFile(recordPath, JSON.stringify(record));
    await rm(join(archive, files.image));
    await symlink('/etc/hostname', join(archive, files.image));
    const linked = await runCli(['exhibit', recordPath, '--out', out]);
    assert.equal(linked.code, 2);
    assert.match(linked.stderr, /lien symbolique refusé/);
    assert.deepEqual(await readdir(outside), [], 'no exhibit written');
  });
});
