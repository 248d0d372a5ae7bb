/**
 * The browser's privileges and the target files' parser: Chromium sandboxed unless the process is root, with
 * an environment scrubbed of tokens and proxy credentials; a YAML alias bomb is a target-file error naming the file.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { browserEnv, chromiumLaunch } from '../scraper/navigate/browser.ts';
import { runCli, tempDir } from './helpers.ts';

describe('least privilege', () => {
  it('runs Chromium sandboxed unless the process is root', () => {
    const user = chromiumLaunch({ uid: 1000, env: {} });
    assert.equal(user.chromiumSandbox, true);
    assert.ok(!user.args!.includes('--no-sandbox'));
    const root = chromiumLaunch({ uid: 0, env: {} });
    assert.equal(root.chromiumSandbox, false);
    assert.ok(root.args!.includes('--no-sandbox'));
  });

  it('gives the browser a scrubbed environment: no token, no proxy credentials', () => {
    const env = browserEnv({
      PATH: '/usr/bin',
      HOME: '/home/u',
      DISPLAY: ':99',
      LC_ALL: 'fr_FR.UTF-8',
      GITHUB_TOKEN: 'ghs_secret',
      STP_PROXY: 'http://user:pass@proxy:3128',
      https_proxy: 'http://user:pass@proxy:3128',
      ACTIONS_RUNTIME_TOKEN: 'x',
      AWS_SECRET_ACCESS_KEY: 'y',
    });
    assert.deepEqual(Object.keys(env).sort(), ['DISPLAY', 'HOME', 'LC_ALL', 'PATH']);
    assert.deepEqual(chromiumLaunch({ uid: 1000, env: { GITHUB_TOKEN: 'ghs_secret', PATH: '/bin' } }).env, {
      PATH: '/bin',
    });
  });

  it('reports a YAML alias bomb as an error of the target file, naming it, exit 2', async () => {
    const dir = await tempDir('stp-bomb-');
    const file = join(dir, 'bombe.yaml');
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    await writeFile(file, levels.join('\n') + '\n');
    const started = Date.now();
    const result = await runCli(['capture', '--target', file, '--dry-run']);
    assert.equal(result.code, 2, result.stdout + result.stderr);
    assert.ok(result.stderr.includes(file), result.stderr);
    assert.match(result.stderr, /YAML illisible.*alias/i);
    assert.ok(Date.now() - started < 60_000);
  });
});
