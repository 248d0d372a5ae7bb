/**
 * The README's first command on a machine without Chromium: `npm run demo` installs Playwright's Chromium itself;
 * here, offline, the install fails and the command says what to type, exits 2 and writes nothing.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { chromiumLaunch } from '../scraper/navigate/browser.ts';
import { runCli, tempDir } from './helpers.ts';

describe('which Chromium', () => {
  const shell = '/usr/lib/chromium/chromium-headless-shell';
  it('runs without a window in Debian’s headless shell when installed, and with one in the full browser', () => {
    const env = { PATH: '/usr/bin:/bin' };
    const headless = chromiumLaunch({ uid: 1000, env }).executablePath;
    assert.equal(headless, existsSync(shell) ? shell : chromiumLaunch({ uid: 1000, env, headed: true }).executablePath);
    assert.notEqual(chromiumLaunch({ uid: 1000, env, headed: true }).executablePath, shell);
    assert.equal(chromiumLaunch({ uid: 1000, env: { STP_CHROMIUM: '/opt/c' } }).executablePath, '/opt/c');
  });
});

describe('no Chromium', () => {
  it('tries to install Playwright’s Chromium, then, offline, prints the install commands and exits 2 without writing', async () => {
    const dir = await tempDir('stp-no-chromium-');
    const result = await runCli(
      ['demo', '--out', join(dir, 'demo')],
      {
        // the Chromium asked for is absent, Playwright's own goes to an empty folder, and no download can succeed
        STP_CHROMIUM: join(dir, 'absent', 'chromium'),
        PLAYWRIGHT_BROWSERS_PATH: join(dir, 'browsers'),
        PLAYWRIGHT_DOWNLOAD_HOST: 'http://127.0.0.1:9',
      },
      600_000,
    );
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stdout, /installation du Chromium de Playwright \(npx playwright install chromium\)/);
    assert.match(result.stderr, /Chromium introuvable, et son installation automatique a échoué/);
    if (existsSync('/etc/debian_version'))
      assert.match(result.stderr, /^ {2}sudo apt-get install -y chromium fonts-dejavu-core/m);
    assert.match(result.stderr, /^ {2}npx playwright install --with-deps chromium/m);
    assert.match(result.stderr, /STP_CHROMIUM, qui désigne un fichier absent/);
    assert.deepEqual(
      (await readdir(dir)).filter((name) => name !== 'browsers'),
      [],
      'no archive, no site',
    );
  });
});
