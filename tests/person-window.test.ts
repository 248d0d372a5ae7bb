/**
 * A person in a real window: the CLI runs its visible browser on a virtual X display, and the test plays the
 * person with xdotool (mouse and keyboard in the window, Entrée in the terminal through the command's input).
 */
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { captureFiles } from '../scraper/archive/paths.ts';
import { parseRecord } from '../scraper/archive/read-record.ts';
import { sha256Hex } from '../scraper/evidence/images.ts';
import { provenance } from '../scraper/evidence/provenance.ts';
import type { EvidenceRecord, Provenance } from '../scraper/evidence/record.ts';
import { CONTEXT_OPTIONS, VIEWPORT } from '../scraper/navigate/attempt.ts';
import { launchBrowser } from '../scraper/navigate/browser.ts';
import { startReplica, type Replica } from '../scraper/replica/server.ts';
import { startAuthority } from '../scraper/replica/tsa.ts';
import { labelOf } from '../scraper/timestamp/authorities.ts';
import { runDossier } from '../scraper/commands/dossier.ts';
import { runJournal } from '../scraper/commands/journal.ts';
import { parisTime } from '../scraper/evidence/time.ts';
import { pdfTexts, squash } from './dossier-pdf.ts';
import { runCli, startCli, tempDir, waitFor } from './helpers.ts';
import { listen, NO_SCREEN, Person, startScreen, type Point, type Screen } from './person.ts';

const CODE = 'K7M2QX'; // the replica's CaptchEtat code
const CRETEIL = 'https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/16040/';
const VERSAILLES = 'https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/4083/';
const CAPTCHA_WINDOW = 'Constituez votre dossier - RDV';

let replica: Replica;
let screen: Screen;
let person: Person;
/** Where the person clicks, read from the same pages laid out in the same viewport. */
let startButton: Point;
let codeField: Point;
/** A public IP echo service, as api.ipify.org answers: the address alone, as text. */
const PUBLIC_IP = '203.0.113.9';
let echo: Server;
let echoUrl: string;
let echoed = 0;
/** What the bot's provenance and a witness's (asked to record the IP or not) learn from the echo. */
let asked: Provenance;
let notAsked: Provenance;

async function centre(locator: import('playwright').Locator): Promise<Point> {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The window with this title, or the CLI's output when it stopped before showing it. */
async function windowOf(run: ReturnType<typeof startCli>, out: ReturnType<typeof listen>, title: string) {
  const stopped = run.result.then((r) => {
    throw new Error(`la commande s'est arrêtée (code ${r.code}) avant la fenêtre « ${title} » :\n${out.text()}`);
  });
  return Promise.race([person.window(title), stopped]);
}

/** As a person waits for the page to be drawn: every request answered, and none for a while (images included). */
async function settled(): Promise<void> {
  let quietSince = Date.now();
  let seen = -1;
  await waitFor(() => {
    const count = replica.requests.length;
    if (count !== seen || replica.requests.some((r) => r.endedAt === null)) {
      seen = count;
      quietSince = Date.now();
    }
    return Date.now() - quietSince > 800;
  });
}

const validations = () => replica.requests.filter((r) => r.path.endsWith('_validerCaptcha')).length;

async function records(dir: string): Promise<EvidenceRecord[]> {
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.json'));
  return Promise.all(
    files.map(async (f) => {
      const reading = parseRecord(await readFile(join(dir, f), 'utf8'));
      assert.ok(reading.record, `${f} : ${reading.problems?.join(', ')}`);
      return reading.record;
    }),
  );
}

describe('a person in a real window', { skip: NO_SCREEN ?? false }, () => {
  before(async () => {
    [replica, screen] = await Promise.all([startReplica(), startScreen()]);
    person = new Person(screen.display);
    echo = createServer((_req, res) => {
      echoed++;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(PUBLIC_IP);
    });
    await new Promise<void>((done) => echo.listen(0, '127.0.0.1', done));
    echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/`;
    const browser = await launchBrowser();
    try {
      const env = { ...process.env, STP_IP_ECHO_URL: echoUrl };
      asked = await provenance(browser, { viewport: VIEWPORT, proxy: false, env, askPublicIp: true });
      notAsked = await provenance(browser, { viewport: VIEWPORT, proxy: false, env, askPublicIp: false });
      const page = await (await browser.newContext(CONTEXT_OPTIONS)).newPage();
      await page.goto(replica.urlFor(CRETEIL));
      const start = page.getByRole('link', { name: 'Prendre un rendez-vous' });
      startButton = await centre(start);
      await start.click();
      codeField = await centre(page.locator('#captchaFormulaireExtInput'));
    } finally {
      await browser.close();
    }
  });
  after(async () => {
    await replica?.close();
    echo?.close();
    screen?.close();
  });

  it('witness mode: the person clicks through, types the captcha, presses Entrée: a no-slot capture, mode witness, timestamped', async (t) => {
    replica.reset();
    const archive = await tempDir();
    const authority = await startAuthority('Témoin');
    t.after(() => authority.close());
    const down = 'http://127.0.0.1:9/tsa'; // nothing listens there: reported and skipped
    const echoedBefore = echoed;
    const run = startCli(['witness', '--url', replica.urlFor(CRETEIL), '--archive', archive], {
      DISPLAY: screen.display,
      STP_TSA_URLS: `${authority.url},${down}`,
      STP_TSA_TIMEOUT_MS: '5000',
      STP_IP_ECHO_URL: echoUrl,
    });
    const out = listen(run.child);
    const home = await windowOf(run, out, 'Accueil - RDV');
    await settled();
    await person.click(home, startButton);
    const captcha = await windowOf(run, out, CAPTCHA_WINDOW);
    await settled();
    await person.click(captcha, codeField);
    await person.type(CODE);
    await person.key('Return');
    const slots = await windowOf(run, out, 'Choisissez votre créneau - RDV');
    run.child.stdin!.write('\n');
    await out.until(/✓ capturée/);
    // The « Capturer cette page » control, fixed at the bottom right of the window, does the same.
    await person.click(slots, { x: VIEWPORT.width - 40, y: VIEWPORT.height - 25 });
    await out.until(/✓ capturée/, 2);
    run.child.stdin!.end('q\n');
    const result = await run.result;
    assert.equal(result.code, 0, out.text());
    assert.match(result.stdout, /Session terminée \(fin demandée\) : 2 captures/);

    const found = await records(archive);
    assert.equal(found.length, 2);
    for (const record of found) {
      assert.equal(record.outcome, 'no-slot', record.evidence.matchedText);
      assert.equal(record.mode, 'witness');
      assert.equal(record.assisted, true);
      assert.match(record.id, /^personnel\/choisissez-votre-creneau-rdv-prefecture\/\d{4}-/);
      assert.match(record.url, /\/demarche\/16040\/creneau\/$/);
      const image = await readFile(join(archive, captureFiles(record).image));
      assert.equal(sha256Hex(image), record.sha256);
      const meta = await sharp(image).metadata();
      assert.deepEqual([meta.format, meta.width], ['png', VIEWPORT.width]);
      assert.deepEqual(
        record.steps.map((s) => s.name),
        ['open', 'page-by-person', 'page-by-person'],
      );
    }
    // The two captures show the same page: the control never shows on the image.
    assert.equal(found[0]!.sha256, found[1]!.sha256);
    // The session's manifest is timestamped as a bot run's: one reply from the authority that answered.
    const [manifest, reply, ...others] = (await readdir(join(archive, 'manifests'))).sort();
    assert.equal(others.length, 0);
    assert.equal(reply, `${manifest}.${labelOf(authority.url)}.tsr`);
    assert.equal(authority.requests, 1);
    assert.match(result.stdout, new RegExp(`Horodatage RFC 3161 : ${labelOf(authority.url)} \\d{4}-`));
    assert.match(result.stdout, new RegExp(`Horodatage MANQUANT de ${labelOf(down)} : `));
    const verify = await runCli(['verify', '--archive', archive, '--tsa-roots', authority.rootsDir]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.equal((await readFile(join(archive, 'manifests', manifest!), 'utf8')).trim().split('\n').length, 8); // two captures of four files
    assert.equal(validations(), 1, 'the code was typed once, by the person');
    assert.ok(!JSON.stringify(found).includes(CODE), 'what the person typed is never recorded');
    // The person's public IP is not even asked for without --record-ip.
    assert.equal(echoed, echoedBefore, 'the echo service is not asked');
    for (const record of found) assert.equal(record.provenance.publicIp, null);
    assert.match(result.stdout, /Votre adresse IP publique n’est pas relevée \(ajoutez --record-ip/);

    // The person's own dossier: these captures, with an e-mail, a call and a visit noted in their journal.
    const mail = join(await tempDir(), 'relance.eml');
    await writeFile(mail, 'Objet : rendez-vous introuvable\n');
    const log = t.mock.method(console, 'log', () => undefined);
    for (const step of [
      ['courriel', '2026-11-02 10:00', 'Relance au bureau des étrangers', '--file', mail],
      ['appel', '2026-11-09 14:00', 'Centre de contact ANTS'],
      ['visite', '2026-11-16 09:30', 'Guichet de la préfecture : renvoyé vers le site'],
    ])
      assert.equal(
        await runJournal(['--archive', archive, '--add', step[0]!, '--at', step[1]!, '--note', ...step.slice(2)]),
        0,
      );
    const pdf = join(await tempDir(), 'mon-dossier.pdf');
    const personal = ['--personnel', '--archive', archive, '--from', '2026-11-01', '--out', pdf];
    // A timestamp is said only once it verifies: this authority's root is not bundled.
    assert.equal(await runDossier(personal), 0);
    assert.equal(squash((await pdfTexts(pdf)).join(' ')).split('Aucun horodatage RFC 3161 vérifié.').length, 6);
    assert.equal(await runDossier([...personal, '--tsa-roots', authority.rootsDir]), 0);
    log.mock.restore();
    const text = squash((await pdfTexts(pdf)).join(' '));
    for (const record of found) assert.ok(text.includes(parisTime(record.capturedAt).format('DD/MM/YYYY HH:mm:ss')));
    assert.equal(text.split(`SHA-256 ${found[0]!.sha256}`).length, 3, 'both captures, with their image hash');
    assert.equal(text.split(`Horodatage RFC 3161 vérifié : ${labelOf(authority.url)}, `).length, 3, 'both captures');
    assert.match(
      text,
      /lun\. 02\/11\/2026 10:00:00 \(heure déclarée\) — Courriel envoyé Note de la personne : Relance au bureau des étrangers Fichier : relance\.eml SHA-256 [0-9a-f]{64}/,
    );
    assert.match(text, /Appel téléphonique Note de la personne : Centre de contact ANTS/);
    assert.match(text, /Visite sur place Note de la personne : Guichet de la préfecture/);
  });

  it('--record-ip: the public IP is asked through the browser and kept; without it, the echo service is not asked', () => {
    assert.equal(asked.publicIp, PUBLIC_IP);
    assert.equal(notAsked.publicIp, null);
    assert.equal(echoed, 1, 'one request: the one asked for');
  });

  describe('capture --assist', () => {
    let archive: string;
    let result: Awaited<ReturnType<typeof runCli>>;
    let out: ReturnType<typeof listen>;
    before(async () => {
      replica.reset();
      archive = await tempDir();
      const targetFile = join(await tempDir(), 'assistee.yaml');
      await writeFile(
        targetFile,
        `id: assistee
name: Préfecture assistée
settings:
  retries: 0
motifs:
${['juste', 'sans-reponse', 'fenetre-fermee', 'faux-puis-juste']
  .map(
    (id, i) => `  - id: ${id}
    label: Titre de séjour ${i + 1}
    platform: rdv-prefecture
    url: ${i % 2 ? VERSAILLES : CRETEIL}
`,
  )
  .join('')}`,
      );
      const run = startCli(
        [
          'capture',
          '--assist',
          '--assist-timeout',
          '25',
          '--target',
          targetFile,
          '--replica',
          replica.origin,
          '--archive',
          archive,
        ],
        { DISPLAY: screen.display },
      );
      out = listen(run.child);
      const prompt = /Saisissez le code dans la fenêtre du navigateur/;
      // 1: the right code at once
      await out.until(prompt, 1);
      await person.click(await windowOf(run, out, CAPTCHA_WINDOW), codeField);
      await person.type(CODE);
      await person.key('Return');
      // 2: nobody answers; 3: the person closes the window
      await out.until(prompt, 3);
      await windowOf(run, out, CAPTCHA_WINDOW);
      await person.key('ctrl+w');
      // 4: a wrong code, then the right one once the captcha page is back
      await out.until(prompt, 4);
      const window = await windowOf(run, out, CAPTCHA_WINDOW);
      await person.click(window, codeField);
      await person.type('K7M2QY');
      const sent = replica.requests.length;
      await person.key('Return');
      await waitFor(() => validations() === 2);
      // The captcha page comes back (with its error message) before the person types again.
      await waitFor(() => replica.requests.slice(sent).some((r) => r.path.includes('/cgu/')));
      await settled();
      await person.click(window, codeField);
      await person.type(CODE);
      await person.key('Return');
      result = await run.result;
    });

    const recordOf = async (motif: string) => (await records(archive)).find((r) => r.motif === motif);

    it('goes on to the slot page once the person typed the right code', async () => {
      const record = await recordOf('juste');
      assert.deepEqual([record?.outcome, record?.assisted], ['no-slot', true], out.text());
      assert.equal(record?.mode, undefined);
    });

    it('records the captcha, not assisted, when nobody answers in the time allowed, and goes on', async () => {
      const record = await recordOf('sans-reponse');
      assert.deepEqual([record?.outcome, record?.assisted], ['captcha', false], out.text());
    });

    it('says the window was closed, and goes on with the next motif', async () => {
      assert.match(result.stdout, /✗ assistee \/ fenetre-fermee : NON CAPTURÉ — fenêtre fermée par la personne/);
      assert.equal(await recordOf('fenetre-fermee'), undefined);
      assert.equal(result.code, 1, 'one motif could not be captured');
      assert.match(
        result.stdout,
        /4 motifs : 3 capturés, 1 NON capturé\.\n(?:  .*\n)*  ✗ assistee \/ fenetre-fermee : aucune capture, aucune fiche — fenêtre fermée par la personne\n/,
      );
    });

    it('lets the person try again after a wrong code', async () => {
      const record = await recordOf('faux-puis-juste');
      assert.deepEqual([record?.outcome, record?.assisted], ['no-slot', true], out.text());
      assert.equal(validations(), 3, 'one right code, then a wrong and a right one, all typed by the person');
    });
  });
});
