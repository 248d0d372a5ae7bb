/**
 * Commands a person can discover: every command answers `--help` and `-h` in French with its usage and an
 * example, exit 0, on stdout, before reading anything else; a wrong option is said in French, exit 2.
 * The commands of scraper/cli.ts and the site run in this process (as cli.ts and site/build.ts call them);
 * the replica and the bench, whole scripts, each in its own process.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { COMMANDS, runCommand } from '../scraper/commands/all.ts';
import { runSite } from '../site/command.ts';
import { printed, ROOT } from './helpers.ts';

function assertHelp(result: { code: number; stdout: string; stderr: string }, script: string): void {
  assert.equal(result.code, 0, `${script}: ${result.stderr}`);
  assert.equal(result.stderr, '', script);
  assert.match(result.stdout, new RegExp(`^Usage : npm run ${script}\\b`, 'm'), script);
  assert.match(result.stdout, new RegExp(`^Exemple :\\n  (?:\\S+=\\S+ )*npm run (?:-s )?${script}\\b`, 'm'), script);
}

const script = (file: string, args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, file), ...args], { cwd: ROOT }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout: stdout.trimEnd(), stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );

describe('--help', () => {
  // Started first: two processes that load while the in-process commands answer.
  const scripts = Promise.all([
    script('scraper/replica/main.ts', ['--help']),
    script('scraper/bench/main.ts', ['-h', 'site']),
  ]);

  it('answers for every command, with what it does, its usage and an example, and nothing else happens', async () => {
    for (const [name, command] of Object.entries(COMMANDS)) {
      for (const flag of ['--help', '-h']) {
        // A required option missing, another unknown: the help answers all the same.
        const result = await printed(() => runCommand([name, '--inconnue', flag]));
        assertHelp(result, name);
        assert.ok(result.stdout.startsWith(`npm run ${name} : ${command.summary}\n`), result.stdout);
      }
    }
    const all = await printed(() => runCommand(['--help']));
    assert.equal(all.code, 0);
    for (const name of Object.keys(COMMANDS)) assert.match(all.stdout, new RegExp(`^  ${name} `, 'm'));
  });

  it('answers for the site, the replica and the bench', async () => {
    assertHelp(await printed(() => runSite(['--help'], {})), 'site');
    assertHelp(await printed(() => runSite(['--serve', '-h'], {})), 'site');
    const [replica, bench] = await scripts;
    assertHelp(replica, 'replica');
    assertHelp(bench, 'bench');
    assert.match(replica.stdout, /^npm run replica : démarre la réplique/);
  });

  it('says a wrong option in French with the usage, exit 2, and leaves `--help` after `--` to the command', async () => {
    const wrong = await printed(() => runCommand(['verify', '--archiv', 'x']));
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /^option inconnue : --archiv\n\nUsage : npm run verify -- /);
    const missing = await printed(() => runCommand(['due', '--target']));
    assert.match(missing.stderr, /^--target attend une valeur/);
    const positional = await printed(() => runCommand(['exhibit', '--', '--help']));
    assert.equal(positional.code, 2);
    assert.match(positional.stderr, /« --help » n'est ni un fichier de capture/);
  });
});
