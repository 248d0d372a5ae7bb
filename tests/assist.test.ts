import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import { captureJobs, type JobResult } from '../scraper/capture/run.ts';
import { ASSIST_PROMPT, personSolver } from '../scraper/navigate/captcha.ts';
import { startReplica, type Replica } from '../scraper/replica/server.ts';
import { CAPTCHA_TARGET as target } from './fixtures/captcha-target.ts';
import { runCli, tempDir } from './helpers.ts';

process.env.STP_IP_ECHO_URL = 'off';

const CODE = 'K7M2QX'; // the replica's CaptchEtat code

let replica: Replica;
before(async () => {
  replica = await startReplica();
});
after(() => replica.close());

const jobs = target.motifs.map((motif) => ({ target, motif }));

/**
 * The person at the visible browser, played headless: on RDV Préfecture, a typo first, then the code read in
 * the image; on a legacy form, the « Je ne suis pas un robot » box. The bot's own waiting (personSolver) runs
 * meanwhile and must carry on only once the captcha is behind.
 */
async function person(page: Page): Promise<void> {
  const input = page.locator('#captchaFormulaireExtInput');
  if ((await input.count()) > 0) {
    for (const code of ['K7M2QY', CODE]) {
      await input.fill(code);
      await Promise.all([
        page.waitForURL(/error=invalidCaptcha|creneau/),
        page.getByRole('button', { name: 'Suivant' }).click(),
      ]);
    }
    return;
  }
  await page.locator('#recaptcha-anchor').click();
  await page.getByRole('button', { name: 'Etape suivante' }).click();
}

async function run(solver: (page: Page) => Promise<boolean>) {
  return captureJobs(jobs, {
    archive: await tempDir(),
    replica: replica.origin,
    log: () => {},
    sleep: async () => {},
    solveCaptcha: solver,
  });
}

function record(results: JobResult[], motif: string) {
  const result = results.find((r) => r.job.motif.id === motif);
  assert.ok(result?.captured, result && !result.captured ? result.reason : motif);
  return result.record;
}

describe('assisted run', () => {
  it('hands each captcha to the person, carries on to the slot page once solved, and records assisted: true', async () => {
    replica.reset();
    replica.setBehaviour('www.rdv-prefecture.interieur.gouv.fr/4083', 'slots');
    replica.setBehaviour('pprdv.interieur.gouv.fr/948', 'captcha');
    const said: string[] = [];
    const waiting = personSolver({ timeoutMs: 60_000, say: (line) => said.push(line) });
    const summary = await run(async (page) => {
      const solved = waiting(page);
      await person(page);
      return solved;
    });
    const creteil = record(summary.results, 'creteil');
    assert.equal(creteil.outcome, 'no-slot', creteil.evidence.matchedText);
    assert.equal(creteil.assisted, true);
    assert.match(creteil.url, /\/demarche\/16040\/creneau\/$/);
    assert.deepEqual(
      creteil.steps.map((s) => s.name),
      ['open', 'start-booking', 'captcha-by-person'],
    );
    const versailles = record(summary.results, 'versailles');
    assert.deepEqual([versailles.outcome, versailles.assisted], ['slot-available', true]);
    const charcot = record(summary.results, 'charcot');
    assert.deepEqual([charcot.outcome, charcot.assisted], ['no-slot', true]);
    assert.equal(said.length, 3);
    assert.ok(said.every((line) => line.includes(ASSIST_PROMPT)));
    // one captcha at a time: the two sites were not visited side by side
    const hosts = replica.requests.map((r) => r.host).filter((h, i, all) => h !== all[i - 1]);
    assert.deepEqual(hosts, ['www.rdv-prefecture.interieur.gouv.fr', 'pprdv.interieur.gouv.fr']);
    assert.equal(
      replica.requests.filter((r) => r.path.endsWith('_validerCaptcha')).length,
      4,
      'one typo and one right code per démarche, all typed by the person',
    );
  });

  it('records the captcha, not assisted, when nobody solves it in time', async () => {
    replica.reset();
    const summary = await run(personSolver({ timeoutMs: 1500, say: () => {} }));
    const creteil = record(summary.results, 'creteil');
    assert.deepEqual([creteil.outcome, creteil.assisted], ['captcha', false]);
    assert.match(creteil.evidence.matchedText, /captcha/);
    assert.equal(
      replica.requests.filter((r) => r.path.endsWith('_validerCaptcha')).length,
      0,
      'the bot never answers a captcha itself',
    );
  });
});

describe('capture --assist', () => {
  it('exits 2 and says why when no screen is available for the browser', async () => {
    const result = await runCli(['capture', '--assist'], { DISPLAY: '', WAYLAND_DISPLAY: '' });
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /--assist ouvre une fenêtre de navigateur où vous saisissez les captchas, mais aucun écran n'est disponible ici/,
    );
  });

  it('exits 2 when none of the chosen motifs stands behind a captcha', async () => {
    const result = await runCli(['capture', '--assist', '--target', 'paris'], { DISPLAY: ':0' });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /aucun motif protégé par un captcha \(platform: rdv-prefecture\) parmi ceux choisis/);
  });
});
