/**
 * `npm run demo`, the README's first command, end to end: the replica, the real browser, the archive, the
 * site built from it and the stamped exhibits, as a person runs it.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { OUTCOMES } from '../scraper/outcome/outcomes.ts';
import { paths } from '../site/model/urls.ts';
import { runCli, tempDir, type CliResult } from './helpers.ts';

async function files(dir: string, ext: string): Promise<string[]> {
  const all = await readdir(dir, { recursive: true });
  return all.filter((f) => f.endsWith(ext) && !f.startsWith('manifests'));
}

describe('npm run demo', () => {
  let dir: string;
  let result: CliResult;
  before(async () => {
    dir = await tempDir('stp-demo-');
    result = await runCli(
      ['demo', '--archive', join(dir, 'archive'), '--site', join(dir, 'site'), '--exhibits', join(dir, 'pieces')],
      { STP_IP_ECHO_URL: 'off' },
    );
  });

  it('captures every seed motif on the replica, with each outcome shown once at least', async () => {
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /11 motifs : 11 capturés\./);
    const records = await Promise.all(
      (await files(join(dir, 'archive'), '.json')).map(async (f) =>
        JSON.parse(await readFile(join(dir, 'archive', f), 'utf8')),
      ),
    );
    assert.equal(records.length, 11);
    assert.deepEqual(new Set(records.map((r) => r.outcome)), new Set(OUTCOMES));
    assert.equal(records.filter((r) => r.outcome === 'site-error')[0].retries.length, 2);
  });

  it('builds the site from the archive and says how to browse it', async () => {
    assert.match(result.stdout, /Site construit dans .* : 11 captures \(11 démarches, 2 préfectures\)/);
    assert.match(result.stdout, /npm run site:serve -- --archive .* --out .*, puis http:\/\/localhost:8080\//);
    const home = await readFile(join(dir, 'site', 'index.html'), 'utf8');
    assert.ok(home.includes('Préfecture de police de Paris') && home.includes('Seine-Saint-Denis'));
    const motif = await readFile(join(dir, 'site', paths.motif('paris', 'aes-vpf-charcot'), 'index.html'), 'utf8');
    assert.match(motif, /<form class="dossier-form" data-dossier /);
  });

  it('writes one stamped exhibit per outcome, the page image with the banner below it', async () => {
    const written = (await readdir(join(dir, 'pieces'))).sort();
    assert.deepEqual(written, OUTCOMES.map((o) => `${o}.png`).sort());
    const record = JSON.parse(
      await readFile(
        join(
          dir,
          'archive',
          (await files(join(dir, 'archive'), '.json')).find((f) => f.includes('raisons-medicales-truffaut'))!,
        ),
        'utf8',
      ),
    );
    const exhibit = await sharp(join(dir, 'pieces', 'blocked.png')).metadata();
    assert.equal(exhibit.width, record.imageSize.width);
    assert.ok(
      exhibit.height! > record.imageSize.height + 150,
      `banner too short: ${exhibit.height} for a page of ${record.imageSize.height}`,
    );
  });
});
