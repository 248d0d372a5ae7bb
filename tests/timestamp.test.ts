import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { collectIncoming } from '../scraper/ci/incoming.ts';
import { stampOf } from '../scraper/archive/paths.ts';
import { captureJobs, type Job, type RunSummary } from '../scraper/capture/run.ts';
import { authoritiesOf, labelOf } from '../scraper/timestamp/authorities.ts';
import { checkArchiveTimestamps } from '../scraper/timestamp/check.ts';
import { checkArchive } from '../scraper/commands/verify.ts';
import { timestampManifests } from '../scraper/timestamp/request.ts';
import { loadTrust } from '../scraper/timestamp/trust.ts';
import { verifyReply } from '../scraper/timestamp/verify-reply.ts';
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
  // The roots given, each reply is checked up to its root on arrival.
  Object.assign(process.env, {
    STP_TSA_URLS: urls.join(','),
    STP_TSA_ROOTS: `${alpha.rootsDir},${beta.rootsDir}`,
    ...env,
  });
  const archive = await tempDir('stp-tsa-run-');
  try {
    const summary = await captureJobs([job], { archive, replica: replica.origin, log: () => {} });
    return { archive, summary };
  } finally {
    process.env.STP_TSA_URLS = 'off';
    delete process.env.STP_TSA_TIMEOUT_MS;
    delete process.env.STP_TSA_ROOTS;
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
  const rootFile = join(root.rootsDir, `${labelOf(root.url)}.pem`);
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

  it('refuses a reply of an authority nobody vouches for, and says how to add its root', async () => {
    const result = await runCli(['verify', '--archive', stamped.archive, '--tsa-roots', alpha.rootsDir]);
    assert.equal(result.code, 1);
    const label = labelOf(beta.url).replace(/\./g, '\\.');
    assert.match(
      result.stdout,
      new RegExp(`invalide +manifests/.*\\.${label}\\.tsr — autorité inconnue .* ${label}\\.pem .*--tsa-roots`),
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

describe('a forger', () => {
  /** The stamped run's manifest, its bytes and alpha's genuine reply. */
  const genuine = async () => {
    const manifest = stamped.summary.manifest!;
    const reply = `${manifest}.${labelOf(alpha.url)}.tsr`;
    return {
      manifest,
      reply,
      manifestData: await readFile(join(stamped.archive, manifest)),
      der: await readFile(join(stamped.archive, reply)),
    };
  };

  it('verify refuses a TSTInfo re-signed by a TLS server certificate of the same root, and flags a capture outside its run', async () => {
    const archive = await copyOf(stamped.archive);
    const { manifest, reply, der } = await genuine();
    // Signature, chain to the trusted root and ESS attribute all hold: only the certificate's usage gives it away.
    await writeFile(join(archive, reply), await alpha.forge(der, { signer: 'tls', ess: true }));
    // A run whose manifest lists a record stamped an hour after the authority signed.
    const first = stamped.summary.results[0]!;
    assert.ok(first.captured);
    const record = first.files.record;
    const late = record.replace(/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z/, (stamp: string) => {
      const at = new Date(Date.parse(stamp.replace(/T(\d{2})-(\d{2})-(\d{2})Z/, 'T$1:$2:$3Z')) + 3600_000);
      return at
        .toISOString()
        .replace(/:/g, '-')
        .replace(/\.\d{3}Z$/, 'Z');
    });
    await cp(join(archive, record), join(archive, late));
    const data = await readFile(join(archive, late));
    const lines = `${createHash('sha256').update(data).digest('hex')}  ${late}\n`;
    const start = new Date(Date.now() - 1000)
      .toISOString()
      .replace(/:/g, '-')
      .replace(/\.\d{3}Z$/, 'Z');
    const second = `manifests/${start}-${createHash('sha256').update(lines).digest('hex').slice(0, 8)}.sha256`;
    await writeFile(join(archive, second), lines);
    const { stamped: got } = await timestampManifests(archive, [second], authoritiesOf({ STP_TSA_URLS: beta.url }), {
      timeoutMs: 20_000,
      log: () => {},
    });
    assert.equal(got.length, 1);
    // The verify command's whole check, in this process.
    const checked = await checkArchive(archive, {
      log: () => {},
      repair: false,
      strict: false,
      tsaRoots: [alpha.rootsDir, beta.rootsDir],
    });
    const result = { stdout: checked.lines.join('\n') };
    assert.ok(checked.problems > 0, result.stdout);
    const quoted = (path: string) => path.replace(/\./g, '\\.');
    assert.match(
      result.stdout,
      new RegExp(
        `invalide +${quoted(reply)} — le certificat signataire « tsa\\.example » n'est pas un certificat d'horodatage : usage étendu serverAuth`,
      ),
    );
    assert.match(
      result.stdout,
      new RegExp(`invalide +${quoted(late)} — capture listée par ${quoted(second)} hors de sa fenêtre`),
    );
    assert.ok(!(await opensslVerify(archive, reply, alpha)), 'openssl refuses it too');
    const shown = result.stdout.split('\n').find((l) => l.startsWith(`Horodatages RFC 3161 de ${manifest} :`));
    assert.ok(shown && shown.includes(labelOf(beta.url)) && !shown.includes(labelOf(alpha.url)), result.stdout);
  });

  it('a reply must carry the ESS attribute, fall within its signer’s validity and chain through its label’s authority', async () => {
    const { reply, manifestData, der } = await genuine();
    const trust = await loadTrust([alpha.rootsDir]);
    const check = (path: string, data: Buffer) => verifyReply(path, data, manifestData, trust);
    const sound = await check(reply, der);
    assert.ok(
      sound.ok && sound.signer === 'Alpha TSA' && sound.authority === labelOf(alpha.url),
      JSON.stringify(sound),
    );
    const refused = async (path: string, data: Buffer, reason: RegExp) => {
      const verdict = await check(path, data);
      assert.ok(!verdict.ok && reason.test(verdict.reason), `${reason}: ${JSON.stringify(verdict)}`);
    };
    await refused(reply, await alpha.forge(der, { signer: 'tsa', ess: false }), /ESS signing-certificate .*absent/);
    // The authority's own key, used to sign a time before its certificate began.
    const early = await alpha.forge(der, { signer: 'tsa', ess: true, genTime: new Date('2001-01-01T00:00:00Z') });
    await refused(reply, early, /^heure signée 2001-01-01T00:00:00\.000Z hors de la validité du certificat signataire/);
    const manifest = stamped.summary.manifest!;
    // A genuine reply of another authority, under the name of a bundled one: even its root given under that name
    // only completes a chain, it never replaces DigiCert's.
    const pinnedDir = await tempDir('stp-tsa-pin-');
    await writeFile(join(pinnedDir, 'timestamp.digicert.com.pem'), alpha.rootPem);
    const pinned = await loadTrust([alpha.rootsDir, pinnedDir]);
    const asDigiCert = await verifyReply(`${manifest}.timestamp.digicert.com.tsr`, der, manifestData, pinned);
    assert.ok(!asDigiCert.ok && /chaîne de certificats non reconnue pour DigiCert/.test(asDigiCert.reason));
    await refused(`${manifest}.tsa.example.tsr`, der, /^autorité inconnue : .*« tsa\.example »/);
    // The organization pin, as for a bundled authority: alpha's certificates are those of organization « Test ».
    const root = trust.anchorOf(labelOf(alpha.url))!.roots;
    const pinnedTo = (organization: string) => ({
      anchorOf: () => ({ name: 'Épinglée', roots: root, intermediates: [], organization }),
    });
    assert.ok((await verifyReply(reply, der, manifestData, pinnedTo('Test'))).ok);
    const other = await verifyReply(reply, der, manifestData, pinnedTo('Autre, Inc.'));
    assert.ok(
      !other.ok &&
        /ne passe pas par l'autorité d'horodatage Épinglée : signataire « Alpha TSA » \(O=Test\)/.test(other.reason),
      JSON.stringify(other),
    );
  });

  it('a reply is checked on arrival: a forged one is never stored', async () => {
    const archive = await copyOf(stamped.archive);
    await rm(join(archive, `${stamped.summary.manifest!}.${labelOf(alpha.url)}.tsr`));
    alpha.forgery = { signer: 'tls', ess: true };
    try {
      const { stamped: got, gaps } = await timestampManifests(
        archive,
        [stamped.summary.manifest!],
        authoritiesOf({ STP_TSA_URLS: alpha.url }),
        { timeoutMs: 20_000, log: () => {} },
      );
      assert.deepEqual(got, []);
      assert.match(gaps[0]!.reason, /^réponse refusée : le certificat signataire « tsa\.example »/);
      assert.equal((await replies(archive)).length, 1);
    } finally {
      alpha.forgery = null;
    }
  });
});

describe('authority labels', () => {
  it('two authorities on one host keep two replies, each verified under its own label', async () => {
    const archive = await copyOf(stamped.archive);
    for (const reply of await replies(archive)) await rm(join(archive, reply));
    const authorities = authoritiesOf({ STP_TSA_URLS: `${alpha.url},${alpha.url}/v2` });
    assert.deepEqual(
      authorities.map((a) => a.label),
      [labelOf(alpha.url), `${labelOf(alpha.url)}_v2`],
    );
    const { stamped: got } = await timestampManifests(archive, [stamped.summary.manifest!], authorities, {
      timeoutMs: 20_000,
      log: () => {},
    });
    assert.equal(got.length, 2);
    assert.equal((await replies(archive)).length, 2);
    const rootsDir = await tempDir('stp-tsa-labels-');
    for (const { label } of authorities) await writeFile(join(rootsDir, `${label}.pem`), alpha.rootPem);
    const report = await checkArchiveTimestamps(archive, [rootsDir]);
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.seen.map((s) => s.authority).sort(), authorities.map((a) => a.label).sort());
  });

  it('labels are host and path, stable and safe in a file name; the same authority twice is refused', () => {
    assert.equal(labelOf('https://timestamp.digicert.com'), 'timestamp.digicert.com');
    assert.deepEqual(authoritiesOf({ STP_TSA_URLS: 'http://timestamp.sectigo.com' }), [
      { url: 'https://timestamp.sectigo.com', label: 'timestamp.sectigo.com' },
    ]);
    assert.equal(labelOf('http://timestamp.digicert.com/'), 'timestamp.digicert.com');
    assert.equal(labelOf('http://127.0.0.1:8318/tsa'), '127.0.0.1-8318_tsa');
    assert.equal(labelOf('https://tsa.example/a/b'), 'tsa.example_a_b');
    assert.notEqual(labelOf('https://tsa.example/a_b'), labelOf('https://tsa.example/a/b'));
    assert.match(labelOf('https://tsa.example/a_b?x=1'), /^tsa\.example_a-b-x-1_[0-9a-f]{8}$/);
    assert.throws(
      () => authoritiesOf({ STP_TSA_URLS: 'http://tsa.example/a,https://tsa.example/a' }),
      /désignent la même autorité \(tsa\.example_a\)/,
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
      assert.match(filled.stdout, /1 horodatage obtenu/);
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
    assert.match(result.stdout, /Horodatage MANQUANT de 127\.0\.0\.1-9_tsa : /);
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
    const made = files.filter((f) => f.endsWith('.sha256'));
    assert.equal(made.length, 1);
    // Named after its capture, the start of what it covers: verify holds its captures to that start − 15 min.
    const first = stamped.summary.results[0]!;
    assert.ok(first.captured);
    assert.ok(made[0]!.startsWith(stampOf(first.record.capturedAt)), made[0]);
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
    assert.match(text, /1 semaine ISO \(\d{4}-W\d{2}\), 1 jour et 1 heure de la journée/);
    assert.match(text, /moins de 3 semaines.*la recommandation n’est pas remplie/);
    assert.match(text, /NF Z67-147 : point par point/);
    assert.match(text, /Adresse IP du serveur consulté adresse et port relevés : 1 capture sur 1 oui/);
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
  it('shows the time of the replies that pass verify’s check only, never a forged one, with links to them, and the page’s text', async () => {
    const result = stamped.summary.results[0]!;
    assert.ok(result.captured);
    const out = join(await tempDir('stp-tsa-site-'), 'site');
    // Alpha's reply re-signed by a TLS server certificate of alpha's own root, which this build trusts: signature,
    // chain and ESS attribute hold; it is shown as unverified, never with its time. Beta's genuine reply is shown.
    const archive = await copyOf(stamped.archive);
    const forged = `${stamped.summary.manifest!}.${labelOf(alpha.url)}.tsr`;
    await writeFile(
      join(archive, forged),
      await alpha.forge(await readFile(join(archive, forged)), { signer: 'tls', ess: true }),
    );
    await buildSite({
      archive,
      out,
      budgetBytes: 900_000_000,
      allowBad: false,
      repository: 'exemple/stp',
      staleHours: 24,
      tsaRoots: [alpha.rootsDir, beta.rootsDir],
    });
    const html = await readFile(join(out, `${result.record.id}.html`), 'utf8');
    const links = [...html.matchAll(/<a href="([^"]+\.tsr)">réponse signée \(\.tsr\)<\/a>/g)].map((m) => m[1]!);
    assert.equal(links.length, 1, html);
    assert.match(links[0]!, new RegExp(`\\.${labelOf(beta.url)}\\.tsr$`));
    for (const link of links) {
      const published = await readFile(join(out, result.record.id, '..', link));
      const archived = await readFile(join(archive, link.replace(/^(\.\.\/)+/, '')));
      assert.ok(published.equals(archived), link);
    }
    // The site's French typography puts a no-break space before the colon.
    const space = '[\\s\\u00a0\\u202f]*';
    assert.match(
      html,
      new RegExp(`<li>${labelOf(beta.url).replace(/\./g, '\\.')}${space}:${space}[^<]*\\d{2}:\\d{2} — <a href=`),
    );
    const alphaLine = new RegExp(
      `<li class="unverified">${labelOf(alpha.url).replace(/\./g, '\\.')}${space}:${space}([^<]*)</li>`,
    );
    assert.match(html, alphaLine);
    assert.match(
      alphaLine.exec(html)![1]!,
      /^horodatage non vérifié \(le certificat signataire .* n&#39;est pas un certificat d&#39;horodatage/,
    );
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
    const betaStamp = stamped.summary.timestamps.stamped.find((s) => s.authority === labelOf(beta.url))!;
    assert.deepEqual(
      records[0]!.timestamps!.map((t) => ({ ...t, unverified: t.unverified?.replace(/ :.*/s, '') })),
      [
        { authority: betaStamp.authority, genTime: betaStamp.genTime, unverified: undefined },
        {
          authority: labelOf(alpha.url),
          unverified: "le certificat signataire « tsa.example » n'est pas un certificat d'horodatage",
        },
      ],
    );
    assert.match(records[0]!.provenance!.server!, /^127\.0\.0\.1:\d+$/);
    const day = parisTime(result.record.capturedAt).format('YYYY-MM-DD');
    const dossier = await buildDossier({
      records,
      criteria: { prefecture: 'paris', motif: 'aes-vpf-charcot', from: day, to: day, onePerDay: false, outcomes: null },
      loadImage: () => readFile(join(archive, result.files.image)),
      imageLocation: () => 'image',
      siteUrl: 'https://exemple.github.io/stp/',
      repository: 'exemple/stp',
      generatedAt: new Date().toISOString(),
    });
    const pdf = join(await tempDir('stp-tsa-form-'), 'dossier.pdf');
    await writeFile(pdf, dossier.pdf);
    const pdfText = squash((await pdfTexts(pdf)).join(' '));
    assert.match(pdfText, new RegExp(`127\\.0\\.0\\.1 ${parisTime(betaStamp.genTime).format('HH:mm:ss')} ×1`));
    assert.match(
      pdfText,
      /Horodatage RFC 3161 : la capture a un manifeste horodaté .* vérifiée comme le fait npm run verify/,
    );
    assert.match(pdfText, /Attestation GitHub : aucune capture de ce dossier n’a été faite par GitHub Actions/);
    assert.match(pdfText, /Adresse IP du serveur consulté adresse et port relevés : 1 capture sur 1 oui/);
  });
});
