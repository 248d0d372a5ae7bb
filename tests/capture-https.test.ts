/**
 * The record of a page served over HTTPS: the replica behind a TLS front with a self-signed certificate
 * made on the fly, which the browser is told to accept (by its key, as a person would add an exception).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright';
import { buildCapture } from '../scraper/capture/build-capture.ts';
import type { Provenance } from '../scraper/evidence/record.ts';
import { attempt } from '../scraper/navigate/attempt.ts';
import { CHROMIUM_ARGS, chromiumPath, siteUrl } from '../scraper/navigate/browser.ts';
import { startReplica, type Replica } from '../scraper/replica/server.ts';
import { loadAllTargets } from '../scraper/target/load.ts';
import { tempDir } from './helpers.ts';

const run = promisify(execFile);

let replica: Replica;
let front: Server;
let browser: Browser;
let dir: string;

const provenance: Provenance = {
  browser: { name: 'chromium', version: '0' },
  userAgent: 'test',
  viewport: { width: 1280, height: 800 },
  freshProfile: true,
  proxy: false,
  runner: { kind: 'local', os: 'test' },
  publicIp: null,
  software: { name: 'screen-ta-prefecture', version: '0', commit: null },
};

before(async () => {
  replica = await startReplica();
  dir = await tempDir('stp-https-');
  await run(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30'],
      ...['-keyout', 'key.pem', '-out', 'cert.pem', '-subj', '/O=Replique/CN=pprdv.interieur.gouv.fr.localhost'],
      ...['-addext', 'subjectAltName=DNS:*.localhost,DNS:*.gouv.fr.localhost,DNS:*.interieur.gouv.fr.localhost'],
    ],
    { cwd: dir },
  );
  const [key, cert] = await Promise.all([readFile(join(dir, 'key.pem')), readFile(join(dir, 'cert.pem'))]);
  // The TLS front passes every request on to the replica, Host header included (it picks the site by it).
  front = createServer({ key, cert }, (req, res) => {
    const upstream = httpRequest(
      { host: '127.0.0.1', port: replica.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((done) => front.listen(0, '127.0.0.1', done));
  const spki = await run(
    'sh',
    [
      '-c',
      'openssl x509 -in cert.pem -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64',
    ],
    { cwd: dir },
  );
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${spki.stdout.trim()}`],
  });
});

after(async () => {
  await browser?.close();
  front?.closeAllConnections();
  await new Promise((done) => front?.close(done));
  await replica.close();
});

describe('a capture over HTTPS', () => {
  it('records the TLS protocol, the certificate’s subject, issuer, validity and SHA-256 fingerprint', async () => {
    const job = (await loadAllTargets())
      .flatMap(({ target }) => target.motifs.map((motif) => ({ target, motif })))
      .find((j) => `${j.target.id}/${j.motif.id}` === 'paris/aes-vpf-charcot')!;
    const origin = `https://localhost:${(front.address() as AddressInfo).port}`;
    const result = await attempt(browser, job.motif, {
      timeoutMs: 60_000,
      deadline: Date.now() + 180_000,
      siteUrl: (url) => siteUrl(url, origin),
    });
    assert.equal(result.kind, 'captured', result.kind === 'captured' ? '' : result.reason);
    const { record } = await buildCapture({
      target: job.target,
      motif: job.motif,
      attempt: result,
      retries: [],
      provenance,
      assisted: false,
    });
    assert.equal(record.outcome, 'no-slot');
    assert.match(record.url, /^https:\/\/pprdv\.interieur\.gouv\.fr\.localhost:\d+\//);
    const fingerprint = await run('openssl', ['x509', '-in', 'cert.pem', '-noout', '-fingerprint', '-sha256'], {
      cwd: dir,
    });
    const dates = await run('openssl', ['x509', '-in', 'cert.pem', '-noout', '-startdate', '-enddate'], { cwd: dir });
    const [notBefore, notAfter] = dates.stdout
      .trim()
      .split('\n')
      .map((l) => new Date(l.split('=')[1]!).toISOString());
    assert.deepEqual(record.evidence.tls, {
      protocol: 'TLS 1.3',
      subject: 'pprdv.interieur.gouv.fr.localhost',
      issuer: 'pprdv.interieur.gouv.fr.localhost',
      validFrom: notBefore,
      validTo: notAfter,
      sha256Fingerprint: fingerprint.stdout.trim().split('=')[1]!.replace(/:/g, '').toLowerCase(),
    });
    assert.deepEqual(record.evidence.server, { ip: '127.0.0.1', port: (front.address() as AddressInfo).port });
  });
});
