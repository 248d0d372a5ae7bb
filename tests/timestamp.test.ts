import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { collectIncoming } from '../scraper/ci/publish.ts';
import { captureJobs, type Job, type RunSummary } from '../scraper/capture/run.ts';
import { labelOf } from '../scraper/timestamp/authorities.ts';
import { timestampManifests } from '../scraper/timestamp/request.ts';
import { loadAllTargets } from '../scraper/target/load.ts';
import { startReplica, type Replica } from '../scraper/replica/server.ts';
import { startAuthority, type TestAuthority } from '../scraper/replica/tsa.ts';
import { parisTime } from '../scraper/evidence/time.ts';
import { buildSite } from '../site/build-site.ts';
import { buildDossier } from '../scraper/dossier/build.ts';
import { dossierIndexPath, readIndex, recordsFromIndex } from '../scraper/dossier/site-records.ts';
import { pdfTexts, squash } from './dossier-pdf.ts';
import { runCli, tempDir } from './helpers.ts';

const run = promisify(execFile);

let replica: Replica;
let alpha: TestAuthority;
let beta: TestAuthority;
let job: Job;
let stamped: { archive: string; summary: RunSummary };

async function capture(urls: string[], env: Record<string, string> = {}) {
  Object.assign(process.env, { STP_TSA_URLS: urls.join(','), ...env });
  const archive = await tempDir('stp-tsa-run-');
  try {
    const summary = await captureJobs([job], { archive, replica: replica.origin, log: () => {} });
    return { archive, summary };
  } finally {
    process.env.STP_TSA_URLS = 'off';
    delete process.env.STP_TSA_TIMEOUT_MS;
  }
}

const roots = () => ['--tsa-roots', alpha.rootsDir, '--tsa-roots', beta.rootsDir];
/** Paths of the stored replies, relative to the archive. */
const replies = async (archive: string) =>
  (await readdir(join(archive, 'manifests')))
    .filter((n) => n.endsWith('.tsr'))
    .map((n) => `manifests/${n}`)
    .sort();
const authorityOf = (reply: string) => (reply.includes(`.${labelOf(alpha.url)}.`) ? alpha : beta);

/** `openssl ts -verify` as the docs give it, with the authority's root as the only trusted certificate. */
async function opensslVerify(archive: string, reply: string, root: TestAuthority): Promise<boolean> {
  const rootFile = join(root.rootsDir, 'root.pem');
  const manifest = reply.slice(0, reply.indexOf('.sha256.') + '.sha256'.length);
  return run('openssl', [
    'ts',
    '-verify',
    '-data',
    join(archive, manifest),
    '-in',
    join(archive, reply),
    '-CAfile',
    rootFile,
  ]).then(
    ({ stdout }) => /Verification: OK/.test(stdout),
    () => false,
  );
}

/** A copy of the stamped archive to tamper with. */
async function copyOf(archive: string): Promise<string> {
  const copy = await tempDir('stp-tsa-copy-');
  await cp(archive, copy, { recursive: true });
  return copy;
}

before(async () => {
  [replica, alpha, beta] = await Promise.all([startReplica(), startAuthority('Alpha'), startAuthority('Beta')]);
  job = (await loadAllTargets())
    .flatMap(({ target }) => target.motifs.map((motif) => ({ target, motif })))
    .find((j) => `${j.target.id}/${j.motif.id}` === 'paris/aes-vpf-charcot')!;
  stamped = await capture([alpha.url, beta.url]);
  assert.deepEqual(stamped.summary.timestamps.gaps, [], 'both local authorities answer');
});

after(async () => {
  await Promise.all([replica.close(), alpha.close(), beta.close()]);
});

describe('RFC 3161 timestamps of a run', () => {
  it('stores one reply per authority beside the manifest, as received', async () => {
    const { archive, summary } = stamped;
    assert.ok(summary.manifest);
    const name = summary.manifest;
    assert.deepEqual(
      await replies(archive),
      [`${name}.${labelOf(alpha.url)}.tsr`, `${name}.${labelOf(beta.url)}.tsr`].sort(),
    );
    assert.equal(summary.timestamps.stamped.length, 2);
    const result = summary.results[0]!;
    assert.ok(result.captured);
    for (const s of summary.timestamps.stamped) {
      // genTime counts whole seconds (accuracy 1 s).
      assert.ok(Date.parse(s.genTime) >= Date.parse(result.record.capturedAt) - 2000, s.genTime);
      assert.ok(Date.parse(s.genTime) <= Date.now());
    }
    assert.equal(alpha.requests, 1);
    assert.equal(beta.requests, 1);
  });

  it('verify checks imprint, signature, chain and time, and lists the authorities per manifest', async () => {
    const result = await runCli(['verify', '--archive', stamped.archive, ...roots()]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const line = result.stdout.split('\n').find((l) => l.startsWith('Horodatages RFC 3161 de manifests/'));
    assert.ok(line, result.stdout);
    assert.match(line, new RegExp(`${labelOf(alpha.url)} \\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z \\(Alpha TSA\\)`));
    assert.match(line, new RegExp(`${labelOf(beta.url)} .*\\(Beta TSA\\)`));
  });

  it('openssl ts -verify accepts every stored reply with the authority’s root', async () => {
    const all = await replies(stamped.archive);
    assert.equal(all.length, 2);
    for (const reply of all) assert.ok(await opensslVerify(stamped.archive, reply, authorityOf(reply)), reply);
    const other = authorityOf(all[0]!) === alpha ? beta : alpha;
    assert.ok(!(await opensslVerify(stamped.archive, all[0]!, other)), 'another root is refused');
  });

  it('refuses a reply whose root is not trusted, and says how to add it', async () => {
    const result = await runCli(['verify', '--archive', stamped.archive, '--tsa-roots', alpha.rootsDir]);
    assert.equal(result.code, 1);
    assert.match(
      result.stdout,
      new RegExp(
        `invalide +manifests/.*\\.${labelOf(beta.url)}\\.tsr — chaîne de certificats non reconnue.*--tsa-roots`,
      ),
    );
  });

  it('catches one changed byte in the manifest, naming it, and so does openssl', async () => {
    const archive = await copyOf(stamped.archive);
    const manifest = join(archive, stamped.summary.manifest!);
    const text = await readFile(manifest);
    const at = text.length - 2; // a letter of the last listed path
    text[at] = text[at]! ^ 1;
    await writeFile(manifest, text);
    const result = await runCli(['verify', '--archive', archive, ...roots()]);
    assert.equal(result.code, 1);
    assert.match(
      result.stdout,
      new RegExp(`modifié +${stamped.summary.manifest} — modifié après son horodatage par ${labelOf(alpha.url)}`),
    );
    assert.match(
      result.stdout,
      new RegExp(`modifié +${stamped.summary.manifest} — modifié après son horodatage par ${labelOf(beta.url)}`),
    );
    for (const reply of await replies(archive)) assert.ok(!(await opensslVerify(archive, reply, authorityOf(reply))));
  });

  it('catches one changed byte in a reply’s signature or time, naming the reply, and so does openssl', async () => {
    for (const where of ['signature', 'time'] as const) {
      const archive = await copyOf(stamped.archive);
      const reply = (await replies(archive)).find((r) => authorityOf(r) === alpha)!;
      const path = join(archive, reply);
      const der = await readFile(path);
      // The signature ends the reply; genTime is the GeneralizedTime (tag 0x18, 15 bytes) in the token.
      const at = where === 'signature' ? der.length - 20 : der.indexOf(Buffer.from([0x18, 0x0f])) + 12;
      assert.ok(at > 2);
      der[at] = der[at]! ^ 1;
      await writeFile(path, der);
      const result = await runCli(['verify', '--archive', archive, ...roots()]);
      assert.equal(result.code, 1, where);
      assert.match(result.stdout, new RegExp(`invalide +${reply.replace(/\./g, '\\.')} — signature invalide`), where);
      assert.ok(!(await opensslVerify(archive, reply, alpha)), where);
    }
  });

  it('refuses a reply dated outside the run’s window', async () => {
    const archive = await tempDir('stp-tsa-window-');
    const manifest = 'manifests/2020-01-01T00-00-00Z-0badc0de.sha256';
    await cp(join(stamped.archive, stamped.summary.manifest!), join(archive, manifest));
    for (const dir of await readdir(stamped.archive))
      if (dir !== 'manifests') await cp(join(stamped.archive, dir), join(archive, dir), { recursive: true });
    const { stamped: got } = await timestampManifests(
      archive,
      [manifest],
      [{ url: alpha.url, label: labelOf(alpha.url) }],
      {
        timeoutMs: 20_000,
        log: () => {},
      },
    );
    assert.equal(got.length, 1);
    const result = await runCli(['verify', '--archive', archive, ...roots()]);
    assert.equal(result.code, 1);
    assert.match(
      result.stdout,
      /\.tsr — horodaté le .* hors de la fenêtre du passage commencé le 2020-01-01T00:00:00\.000Z/,
    );
  });
});

describe('an authority down or slow', () => {
  it('keeps the run, stores the other replies, reports the gap, and waits no longer than the limit', async () => {
    const down = `http://127.0.0.1:9/tsa`; // the discard port: nothing listens there
    beta.delayMs = 20_000;
    const started = Date.now();
    try {
      const { archive, summary } = await capture([alpha.url, beta.url, down], { STP_TSA_TIMEOUT_MS: '2000' });
      const elapsedAfterCapture = Date.now() - started;
      assert.ok(summary.results[0]!.captured);
      assert.ok(summary.manifest);
      assert.deepEqual(await replies(archive), [`${summary.manifest}.${labelOf(alpha.url)}.tsr`]);
      const gaps = Object.fromEntries(summary.timestamps.gaps.map((g) => [g.authority, g.reason]));
      assert.match(gaps[labelOf(beta.url)]!, /pas de réponse en 2 s/);
      assert.ok(gaps[labelOf(down)], JSON.stringify(gaps));
      assert.ok(elapsedAfterCapture < 120_000);
      const verify = await runCli(['verify', '--archive', archive, ...roots()]);
      assert.equal(verify.code, 0, verify.stdout);

      // The publish job fills the gap once the authority answers again.
      beta.delayMs = 0;
      const filled = await runCli(['timestamp', '--archive', archive], { STP_TSA_URLS: `${alpha.url},${beta.url}` });
      assert.equal(filled.code, 0, filled.stdout + filled.stderr);
      assert.match(filled.stdout, /1 horodatage\(s\) obtenu\(s\)/);
      assert.equal((await replies(archive)).length, 2);
    } finally {
      beta.delayMs = 0;
    }
  });

  it('the capture command says which authority gave no timestamp', async () => {
    const archive = await tempDir('stp-tsa-cli-');
    const result = await runCli(
      ['capture', '--target', 'paris', '--motif', 'aes-vpf-charcot', '--archive', archive, '--replica', replica.origin],
      { STP_TSA_URLS: `${alpha.url},http://127.0.0.1:9/tsa`, STP_TSA_TIMEOUT_MS: '2000' },
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, new RegExp(`Horodatage RFC 3161 : ${labelOf(alpha.url)} `));
    assert.match(result.stdout, /Horodatage MANQUANT de 127\.0\.0\.1-9 : /);
  });
});

describe('the publish job', () => {
  it('timestamps the manifest it writes for unlisted captures, and publishes the replies with the manifests', async () => {
    const artifacts = await copyOf(stamped.archive);
    // A capture job stopped before writing its manifest: no manifest, no reply.
    await rm(join(artifacts, 'manifests'), { recursive: true });
    const result = await runCli(['timestamp', '--archive', artifacts], { STP_TSA_URLS: `${alpha.url},${beta.url}` });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const files = await readdir(join(artifacts, 'manifests'));
    assert.equal(files.filter((f) => f.endsWith('.sha256')).length, 1);
    assert.equal(files.filter((f) => f.endsWith('.tsr')).length, 2, result.stdout + result.stderr);
    const incoming = await collectIncoming([artifacts]);
    assert.equal(incoming.manifests.length, 1);
    assert.equal(incoming.files.filter((f) => f.path.endsWith('.tsr')).length, 2);
    const verify = await runCli(['verify', '--archive', artifacts, ...roots()]);
    assert.equal(verify.code, 0, verify.stdout);
  });

  it('refuses a reply without its manifest, naming it', async () => {
    const artifacts = await copyOf(stamped.archive);
    await rm(join(artifacts, stamped.summary.manifest!));
    await assert.rejects(collectIncoming([artifacts]), /\.tsr : réponse d'horodatage sans son manifeste/);
  });
});

describe('the dossier of stamped captures', () => {
  it('shows server and timestamps in the table, checks the weeks against n° 435594 and has the NF Z67-147 table', async () => {
    const result = stamped.summary.results[0]!;
    assert.ok(result.captured);
    const day = parisTime(result.record.capturedAt).format('YYYY-MM-DD');
    const out = join(stamped.archive, 'dossier.pdf');
    const made = await runCli([
      ...['dossier', '--archive', stamped.archive, '--target', 'paris', '--motif', 'aes-vpf-charcot'],
      ...['--from', day, '--to', day, '--out', out, ...roots()],
    ]);
    assert.equal(made.code, 0, made.stdout + made.stderr);
    const text = squash((await pdfTexts(out)).join(' '));
    assert.match(
      text,
      /Toutes ont été faites la même semaine : c’est précisément ce qui a fait écarter la demande jugée par le Conseil d’État le 10 juin 2020 \(n° 435594\)\. Le critère n’est pas rempli/,
    );
    assert.match(
      text,
      /1 semaine\(s\) ISO distincte\(s\) \(\d{4}-W\d{2}\), 1 jour\(s\) et 1 heure\(s\) différente\(s\)/,
    );
    assert.match(text, /moins de 3 semaines.*la recommandation n’est pas remplie/);
    assert.match(text, /NF Z67-147 : point par point/);
    assert.match(text, /Adresse IP du serveur consulté adresse et port relevés : 1 capture\(s\) sur 1 oui/);
    assert.match(
      text,
      /Constat dressé par un commissaire non : captures faites par un programme ; ce dossier n’est pas un constat non/,
    );
    assert.match(text, /openssl ts -verify -data manifests\/<fichier>\.sha256/);
    const first = stamped.summary.timestamps.stamped.map((s) => s.genTime).sort()[0]!;
    assert.match(text, new RegExp(`127\\.0\\.0\\.1 ${parisTime(first).format('HH:mm:ss')} ×2`));
  });
});

describe('the site page of a stamped capture', () => {
  it('shows the time of the replies that pass verify’s check only, with links to them, and the page’s text', async () => {
    const result = stamped.summary.results[0]!;
    assert.ok(result.captured);
    const out = join(await tempDir('stp-tsa-site-'), 'site');
    // Beta's root is not trusted by this build: its reply is shown as unverified, never with its time.
    await buildSite({
      archive: stamped.archive,
      out,
      budgetBytes: 900_000_000,
      allowBad: false,
      repository: 'exemple/stp',
      staleHours: 24,
      tsaRoots: [alpha.rootsDir],
    });
    const html = await readFile(join(out, `${result.record.id}.html`), 'utf8');
    const links = [...html.matchAll(/<a href="([^"]+\.tsr)">réponse signée \(\.tsr\)<\/a>/g)].map((m) => m[1]!);
    assert.equal(links.length, 1, html);
    assert.match(links[0]!, new RegExp(`\\.${labelOf(alpha.url)}\\.tsr$`));
    for (const link of links) {
      const published = await readFile(join(out, result.record.id, '..', link));
      const archived = await readFile(join(stamped.archive, link.replace(/^(\.\.\/)+/, '')));
      assert.ok(published.equals(archived), link);
    }
    // The site's French typography puts a no-break space before the colon.
    const space = '[\\s\\u00a0\\u202f]*';
    assert.match(
      html,
      new RegExp(`<li>${labelOf(alpha.url).replace(/\./g, '\\.')}${space}:${space}[^<]*\\d{2}:\\d{2} — <a href=`),
    );
    const betaLine = new RegExp(
      `<li class="unverified">${labelOf(beta.url).replace(/\./g, '\\.')}${space}:${space}([^<]*)</li>`,
    );
    assert.match(html, betaLine);
    assert.match(betaLine.exec(html)![1]!, /^horodatage non vérifié \(chaîne de certificats non reconnue/);
    const text = await readFile(join(stamped.archive, result.files.text!), 'utf8');
    const shown = /<pre class="page-text">([\s\S]*?)<\/pre>/.exec(html)![1]!;
    assert.equal(
      shown
        .replace(/&amp;/g, '&')
        .replace(/&#39;|&apos;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>'),
      text,
    );
    assert.match(
      html,
      /openssl ts -verify -data manifests\/[^ ]+\.sha256 -in manifests\/[^ ]+\.tsr -CAfile racine\.pem/,
    );

    // The browser form's dossier reads the same facts from the published index: server and timestamps.
    const index = await readIndex(
      new Uint8Array(await readFile(join(out, dossierIndexPath('paris', 'aes-vpf-charcot')))),
    );
    const records = recordsFromIndex(index, 'paris', 'aes-vpf-charcot');
    assert.equal(records.length, 1);
    const alphaStamp = stamped.summary.timestamps.stamped.find((s) => s.authority === labelOf(alpha.url))!;
    assert.deepEqual(
      records[0]!.timestamps!.map((t) => ({ ...t, unverified: t.unverified?.replace(/ :.*/s, '') })),
      [
        { authority: alphaStamp.authority, genTime: alphaStamp.genTime, unverified: undefined },
        { authority: labelOf(beta.url), unverified: 'chaîne de certificats non reconnue' },
      ],
    );
    assert.match(records[0]!.provenance!.server!, /^127\.0\.0\.1:\d+$/);
    const day = parisTime(result.record.capturedAt).format('YYYY-MM-DD');
    const dossier = await buildDossier({
      records,
      criteria: { prefecture: 'paris', motif: 'aes-vpf-charcot', from: day, to: day, onePerDay: false, outcomes: null },
      loadImage: () => readFile(join(stamped.archive, result.files.image)),
      imageLocation: () => 'image',
      siteUrl: 'https://exemple.github.io/stp/',
      repository: 'exemple/stp',
      generatedAt: new Date().toISOString(),
    });
    const pdf = join(await tempDir('stp-tsa-form-'), 'dossier.pdf');
    await writeFile(pdf, dossier.pdf);
    const pdfText = squash((await pdfTexts(pdf)).join(' '));
    assert.match(pdfText, new RegExp(`127\\.0\\.0\\.1 ${parisTime(alphaStamp.genTime).format('HH:mm:ss')} ×1`));
    assert.match(
      pdfText,
      /Horodatage RFC 3161 : la capture a un manifeste horodaté .* vérifiée comme le fait npm run verify/,
    );
    assert.match(pdfText, /Attestation GitHub : aucune capture de ce dossier n’a été faite par GitHub Actions/);
    assert.match(pdfText, /Adresse IP du serveur consulté adresse et port relevés : 1 capture\(s\) sur 1 oui/);
  });
});
