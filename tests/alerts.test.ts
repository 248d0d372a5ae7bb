/**
 * Alerts and keep-alive: the decisions, purely; then `npm run alerts` and `npm run keepalive` end to end,
 * reading a real archive branch (local bare repository) and talking to a small local server standing in
 * for the GitHub REST API, which cannot be reached from here.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { captureFiles } from '../scraper/archive/paths.ts';
import { decideAlerts, motifState, type OpenIssue } from '../scraper/ci/alerts.ts';
import { workflowsToEnable } from '../scraper/ci/keepalive.ts';
import { collectIncoming } from '../scraper/ci/incoming.ts';
import { publish } from '../scraper/ci/publish.ts';
import type { EvidenceRecord } from '../scraper/evidence/record.ts';
import type { Outcome } from '../scraper/outcome/outcomes.ts';
import { generateArchive } from '../scraper/bench/archive-generator.ts';
import { fakeGitHub } from './github-stand-in.ts';
import { runCli, tempDir } from './helpers.ts';

const run = promisify(execFile);
const imageUrl = (r: EvidenceRecord) => `https://example.org/${r.id}.png`;

let base: EvidenceRecord[];
before(async () => {
  base = await generateArchive(await tempDir('stp-alerts-gen-'), {
    captures: 6,
    manifest: false,
    seed: 3,
    motifs: [
      {
        prefecture: 'paris',
        prefectureName: 'Préfecture de police de Paris',
        motif: 'aes-vpf-charcot',
        motifLabel: 'AES Charcot',
      },
    ],
  });
});

/** Records of one motif with the given outcomes, oldest first. */
function history(outcomes: Outcome[]): EvidenceRecord[] {
  return outcomes.map((outcome, i) => ({
    ...base[i]!,
    outcome,
    evidence: { ...base[i]!.evidence, matchedText: outcome },
  }));
}

describe('deciding alerts', () => {
  it('raises a slot at once, and "site à vérifier" only after N unreadable pages in a row', () => {
    assert.equal(motifState('k', history(['no-slot', 'slot-available']), 3).kind, 'slot');
    assert.equal(motifState('k', history(['unrecognized', 'blocked', 'captcha']), 3).kind, 'care');
    assert.equal(motifState('k', history(['no-slot', 'blocked', 'captcha']), 3).kind, null);
    assert.equal(motifState('k', history(['blocked', 'captcha']), 3).kind, null, 'fewer than N attempts');
    assert.equal(motifState('k', history(['unrecognized', 'unrecognized', 'unrecognized', 'no-slot']), 3).kind, null);
  });

  it('opens one issue per motif, with a marker, and does nothing while nothing changes', () => {
    const state = motifState('paris/aes-vpf-charcot', history(['no-slot', 'slot-available']), 3);
    const [open] = decideAlerts([state], [], imageUrl);
    assert.equal(open?.action, 'open');
    assert.match(open!.title, /Créneau disponible — Préfecture de police de Paris : AES Charcot/);
    assert.match(open!.body, /<!-- stp-alerte:paris\/aes-vpf-charcot -->/);
    assert.match(open!.body, /ne réserve jamais/);
    const issue: OpenIssue = { number: 7, title: open!.title, body: (open as { body: string }).body };
    assert.deepEqual(decideAlerts([state], [issue], imageUrl), []);
  });

  it('updates the issue with a comment when a new slot is seen, and closes it when back to normal', () => {
    const first = motifState('paris/aes-vpf-charcot', history(['no-slot', 'slot-available']), 3);
    const open = decideAlerts([first], [], imageUrl)[0] as { title: string; body: string };
    const issue: OpenIssue = { number: 7, ...open };
    const again = motifState('paris/aes-vpf-charcot', history(['no-slot', 'slot-available', 'slot-available']), 3);
    const [update] = decideAlerts([again], [issue], imageUrl);
    assert.equal(update?.action, 'update');
    assert.match((update as { comment: string }).comment, /Nouveau créneau disponible/);
    const normal = motifState('paris/aes-vpf-charcot', history(['slot-available', 'no-slot']), 3);
    const [close] = decideAlerts([normal], [issue], imageUrl);
    assert.equal(close?.action, 'close');
    assert.match((close as { comment: string }).comment, /Retour à la normale : Aucun créneau disponible/);
    const other: OpenIssue = { number: 9, title: 'x', body: '<!-- stp-alerte:lyon/autre -->' };
    assert.deepEqual(decideAlerts([normal], [other], imageUrl), [], 'issues of other motifs are left alone');
  });

  it('asks for the robot’s network after N captures that could not reach the site, and never lets them speak of slots', () => {
    const down = motifState('k', history(['runner-network', 'runner-network', 'runner-network']), 3);
    assert.equal(down.kind, 'care');
    const [open] = decideAlerts([down], [], imageUrl);
    assert.match((open as { title: string }).title, /^\[alerte\] Réseau du robot à vérifier — /);
    assert.match((open as { body: string }).body, /\*Réseau du robot\* : le robot n’a pas pu joindre le site/);
    const mixed = motifState('k', history(['blocked', 'runner-network', 'blocked']), 3);
    assert.equal(mixed.kind, 'care');
    assert.match((decideAlerts([mixed], [], imageUrl)[0] as { title: string }).title, /Site à vérifier/);
    // A slot seen, then a capture that could not reach the site: the slot alert stands, unchanged.
    const slot = motifState('paris/aes-vpf-charcot', history(['no-slot', 'slot-available']), 3);
    const issue: OpenIssue = {
      number: 7,
      ...(decideAlerts([slot], [], imageUrl)[0] as { title: string; body: string }),
    };
    const after = motifState('paris/aes-vpf-charcot', history(['no-slot', 'slot-available', 'runner-network']), 3);
    assert.equal(after.kind, 'slot');
    assert.deepEqual(decideAlerts([after], [issue], imageUrl), []);
  });
});

describe('keep-alive', () => {
  it('re-enables the scheduled workflows, active or stopped for inactivity, never one disabled by hand', () => {
    const chosen = workflowsToEnable([
      { id: 1, path: '.github/workflows/capture.yml', state: 'disabled_inactivity' },
      { id: 2, path: '.github/workflows/keepalive.yml', state: 'active' },
      { id: 3, path: '.github/workflows/ci.yml', state: 'active' },
    ]);
    assert.deepEqual(
      chosen.map((w) => w.id),
      [1, 2],
    );
    assert.deepEqual(
      workflowsToEnable([{ id: 1, path: '.github/workflows/capture.yml', state: 'disabled_manually' }]),
      [],
    );
  });
});

/** The endpoints the alerts and keep-alive call: open issues, workflows, then writes. */
const alertsGitHub = (openIssues: unknown[]) =>
  fakeGitHub(({ method, url }) => {
    if (method === 'GET' && url.startsWith('/repos/asso/stp/issues?')) return { status: 200, body: openIssues };
    if (method === 'GET' && url.startsWith('/repos/asso/stp/actions/workflows'))
      return {
        status: 200,
        body: {
          workflows: [
            { id: 11, path: '.github/workflows/capture.yml', state: 'disabled_inactivity' },
            { id: 12, path: '.github/workflows/keepalive.yml', state: 'active' },
            { id: 13, path: '.github/workflows/ci.yml', state: 'active' },
          ],
        },
      };
    if (method === 'PUT') return { status: 204 };
    return { status: 201, body: { number: 42 } };
  });

describe('alerts and keep-alive on GitHub (local stand-in for the API)', () => {
  let repo: string;
  let github: Awaited<ReturnType<typeof alertsGitHub>>;

  before(async () => {
    const root = await tempDir('stp-alerts-');
    const bare = join(root, 'remote.git');
    await run('git', ['init', '-q', '--bare', '-b', 'main', bare]);
    repo = join(root, 'clone');
    await run('git', ['clone', '-q', `file://${bare}`, repo]);
    // The latest three Paris captures were blocked; a stale alert about another motif is open.
    const captures = join(root, 'captures');
    for (const record of history(['no-slot', 'blocked', 'blocked', 'blocked'])) {
      const path = join(captures, captureFiles(record).record);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, JSON.stringify(record, null, 2) + '\n');
    }
    await publish({ repo, files: (await collectIncoming([captures])).files, message: 'captures' });
    github = await alertsGitHub([{ number: 5, title: 'ancienne', body: '<!-- stp-alerte:paris/aes-vpf-truffaut -->' }]);
  });
  after(() => github.close());

  const env = () => ({ GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'asso/stp', GITHUB_TOKEN: 'jeton-de-test' });

  it('opens an issue for a motif blocked on its last attempts, with the token and the label', async () => {
    const result = await runCli(['alerts', '--repo', repo], env());
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /ouverture : paris\/aes-vpf-charcot/);
    const created = github.received.find((r) => r.method === 'POST' && r.url === '/repos/asso/stp/issues')!;
    assert.equal(created.auth, 'Bearer jeton-de-test');
    const body = created.body as { title: string; body: string; labels: string[] };
    assert.deepEqual(body.labels, ['alerte-capture']);
    assert.match(body.title, /Site à vérifier/);
    assert.match(body.body, /Accès bloqué par le site/);
    assert.ok(!github.received.some((r) => r.url.includes('/issues/5')), 'the other motif’s issue is untouched');
  });

  it('prints what it would do without calling GitHub with --dry-run', async () => {
    const before = github.received.length;
    const result = await runCli(['alerts', '--repo', repo, '--dry-run'], { GITHUB_TOKEN: '' });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /ouverture : paris\/aes-vpf-charcot/);
    assert.equal(github.received.length, before);
  });

  it('keeps the scheduled workflows enabled', async () => {
    const result = await runCli(['keepalive'], env());
    assert.equal(result.code, 0, result.stderr);
    const enabled = github.received.filter((r) => r.method === 'PUT').map((r) => r.url);
    assert.deepEqual(enabled, [
      '/repos/asso/stp/actions/workflows/11/enable',
      '/repos/asso/stp/actions/workflows/12/enable',
    ]);
    assert.match(result.stdout, /capture\.yml : réactivé/);
  });
});
