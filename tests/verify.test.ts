import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { captureFiles, MANIFEST_DIR, STAGING_DIR } from '../scraper/archive/paths.ts';
import { verifyArchive, type Finding } from '../scraper/archive/verify.ts';
import type { EvidenceRecord } from '../scraper/evidence/record.ts';
import { generateArchive } from '../scraper/bench/archive-generator.ts';
import { runCli, tempDir } from './helpers.ts';

async function archiveOf(captures = 12): Promise<{ archive: string; records: EvidenceRecord[]; manifest: string }> {
  const archive = await tempDir('stp-verify-');
  const records = await generateArchive(archive, { captures, seed: 11 });
  const [manifest] = await readdir(join(archive, MANIFEST_DIR));
  return { archive, records, manifest: `${MANIFEST_DIR}/${manifest}` };
}

const filesOf = (record: EvidenceRecord) => captureFiles(record);

async function check(archive: string) {
  return verifyArchive(archive, { log: () => {} });
}

function has(findings: Finding[], kind: Finding['kind'], path: string, detail?: RegExp) {
  const hit = findings.find((f) => f.kind === kind && f.path === path && (!detail || detail.test(f.detail)));
  assert.ok(
    hit,
    `no ${kind} finding for ${path}${detail ? ` matching ${detail}` : ''} in:\n${findings.map((f) => `${f.kind} ${f.path} ${f.detail}`).join('\n')}`,
  );
}

/** Each tampering, done on a fresh archive, and what verify must say about it. */
const tamperings: [
  string,
  (a: Awaited<ReturnType<typeof archiveOf>>) => Promise<[Finding['kind'], string, RegExp][]>,
][] = [
  [
    'an altered page image',
    async ({ archive, records }) => {
      const path = filesOf(records[1]!).image;
      await appendFile(join(archive, path), 'x');
      return [
        ['altered', path, /au lieu de .*l'enregistrement/],
        ['altered', path, /manifests\/.*ligne \d+/],
      ];
    },
  ],
  [
    'an altered thumbnail',
    async ({ archive, records }) => {
      const path = filesOf(records[2]!).thumbnail;
      await appendFile(join(archive, path), 'x');
      return [['altered', path, new RegExp(`au lieu de ${records[2]!.thumbnailSha256}`)]];
    },
  ],
  [
    'an altered page text',
    async ({ archive, records }) => {
      const path = filesOf(records[3]!).text;
      await appendFile(join(archive, path), 'x');
      return [['altered', path, new RegExp(`au lieu de ${records[3]!.textSha256}`)]];
    },
  ],
  [
    'a record with an invalid field',
    async ({ archive, records }) => {
      const path = filesOf(records[3]!).record;
      const json = JSON.parse(await readFile(join(archive, path), 'utf8'));
      json.provenance.viewport.width = 'large';
      await writeFile(join(archive, path), JSON.stringify(json, null, 2));
      return [
        ['invalid', path, /^provenance\.viewport\.width : .*nombre/],
        ['altered', path, /manifests\//],
      ];
    },
  ],
  [
    'a record moved to another capture’s name',
    async ({ archive, records }) => {
      const from = filesOf(records[4]!);
      const path = from.record.replace(/T\d\d-/, 'T23-');
      await rm(join(archive, from.record));
      await writeFile(join(archive, path), JSON.stringify(records[4]));
      return [
        ['invalid', path, /^capturedAt : cette capture devrait être rangée sous /],
        ['missing', from.record, /manifests\//],
        ['orphan', from.image, /aucun enregistrement/],
      ];
    },
  ],
  [
    'a manifest line with another hash',
    async ({ archive, manifest }) => {
      const lines = (await readFile(join(archive, manifest), 'utf8')).split('\n');
      const path = lines[5]!.slice(66);
      lines[5] = `${'0'.repeat(64)}  ${path}`;
      await writeFile(join(archive, manifest), lines.join('\n'));
      return [['altered', path, new RegExp(`au lieu de ${'0'.repeat(64)} \\(${manifest}, ligne 6\\)`)]];
    },
  ],
  [
    'an unreadable manifest line',
    async ({ archive, manifest }) => {
      await appendFile(join(archive, manifest), 'not a checksum line\n');
      return [['invalid', manifest, /illisible : « not a checksum line »/]];
    },
  ],
  [
    'a deleted page image',
    async ({ archive, records }) => {
      const path = filesOf(records[6]!).image;
      await rm(join(archive, path));
      return [
        ['missing', path, /attendu par l'enregistrement/],
        ['missing', path, /attendu par manifests\//],
      ];
    },
  ],
  [
    'an orphan image and a stray file',
    async ({ archive, records }) => {
      const { image } = filesOf(records[7]!);
      const orphan = image.replace(/\d\d-\d\dZ\.png$/, '59-59Z.png');
      await writeFile(join(archive, orphan), await readFile(join(archive, image)));
      await writeFile(join(archive, 'paris', 'notes.txt'), 'hello');
      return [
        ['orphan', orphan, /aucun enregistrement/],
        ['orphan', 'paris/notes.txt', /hors de l'organisation/],
      ];
    },
  ],
];

describe('verify', () => {
  it('finds nothing wrong in an intact archive, and exits 0', async () => {
    const { archive } = await archiveOf(60);
    const report = await check(archive);
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.warnings, []);
    assert.equal(report.captures, 60);
    assert.equal(report.files, 240);
    const result = await runCli(['verify', '--archive', archive]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /60 captures, 240 fichiers, 1 manifeste vérifiés/);
    assert.match(result.stdout, /Archive intacte/);
  });

  it('writes manifests that the real sha256sum -c accepts', async () => {
    const { archive, manifest } = await archiveOf();
    const { stdout } = await promisify(execFile)('sha256sum', ['-c', manifest], { cwd: archive });
    assert.equal(stdout.trim().split('\n').length, 48);
    assert.ok(
      stdout
        .trim()
        .split('\n')
        .every((line) => line.endsWith(': OK')),
      stdout,
    );
  });

  for (const [what, tamper] of tamperings) {
    it(`catches ${what}, with its path`, async () => {
      const fixture = await archiveOf();
      const expected = await tamper(fixture);
      const { problems } = await check(fixture.archive);
      for (const [kind, path, detail] of expected) has(problems, kind, path, detail);
    });
  }

  it('prints every problem with its path and exits 1', async () => {
    const fixture = await archiveOf();
    const expected = [];
    for (const [, tamper] of tamperings.slice(0, 3)) expected.push(...(await tamper(fixture)));
    const result = await runCli(['verify', '--archive', fixture.archive]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    for (const [kind, path] of expected)
      assert.match(result.stdout, new RegExp(`${kind === 'altered' ? 'modifié' : 'invalide'} +${path}`));
    assert.match(result.stdout, /ÉCHEC/);
  });

  it('warns about captures listed in no manifest, without failing: a run killed before its manifest leaves them', async () => {
    const { archive, manifest } = await archiveOf();
    await rm(join(archive, manifest));
    const report = await check(archive);
    assert.deepEqual(report.problems, []);
    assert.equal(report.warnings.length, 48);
    const result = await runCli(['verify', '--archive', archive]);
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, /Avertissement : 48 fichiers listés dans aucun manifeste/);
    assert.match(result.stdout, /… et 28 autres/);
  });

  it('with --repair, first finishes a staged capture and drops an incomplete one and a half-written manifest, and says so', async () => {
    const { archive, records } = await archiveOf(2);
    const done = filesOf(records[0]!);
    const staged = join(archive, STAGING_DIR, 'complete');
    await mkdir(staged, { recursive: true });
    await writeFile(join(staged, 'target'), JSON.stringify(done));
    for (const kind of ['image', 'thumbnail', 'record'] as const) {
      await writeFile(join(staged, kind), await readFile(join(archive, done[kind])));
      await rm(join(archive, done[kind]));
    }
    const partial = join(archive, STAGING_DIR, 'partial');
    await mkdir(partial);
    await writeFile(join(partial, 'image'), 'half a png');
    const temp = `${MANIFEST_DIR}/.0b0a3f1c-1111-2222-3333-444455556666.tmp`;
    await writeFile(join(archive, temp), 'half a manifest');
    const readOnly = await runCli(['verify', '--archive', archive]);
    assert.match(readOnly.stdout, /en attente +\.staging\/partial/, 'without --repair, reported and left alone');
    assert.deepEqual((await readdir(join(archive, STAGING_DIR))).sort(), ['complete', 'partial']);
    const result = await runCli(['verify', '--archive', archive, '--repair']);
    assert.equal(result.code, 0, result.stdout);
    assert.match(result.stdout, new RegExp(`capture interrompue terminée : ${done.record}`));
    assert.match(result.stdout, /capture incomplète supprimée : \.staging\/partial/);
    assert.ok(result.stdout.includes(`écriture interrompue supprimée : ${temp}`), result.stdout);
    assert.deepEqual(await readdir(join(archive, STAGING_DIR)), []);
  });

  it('says which folder it could not find, exit 2', async () => {
    const result = await runCli(['verify', '--archive', '/nonexistent/archive']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /dossier d'archive introuvable : \/nonexistent\/archive/);
  });
});
