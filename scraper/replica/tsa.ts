/**
 * A real RFC 3161 time-stamping authority for tests and the bench (nothing outside is reachable):
 * `openssl ts -reply` behind a small HTTP server, signing with a test CA made on the fly in a temporary
 * folder (root → time-stamping certificate with the critical timeStamping usage, as public ones have).
 * It can also play the forger: re-sign a reply's TSTInfo with another certificate of its root (a TLS
 * server's), without the ESS attribute, or at another time, as `openssl cms` lets anyone holding a key do.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import { labelOf } from '../timestamp/authorities.ts';
import { readReply } from '../timestamp/token.ts';

const run = promisify(execFile);

/** How a forger re-signs a genuine reply's TSTInfo. */
export interface Forgery {
  /** `tls`: a TLS server's certificate under the same root; `tsa`: the authority's own key. */
  signer: 'tls' | 'tsa';
  /** With the ESS signing-certificate-v2 attribute (`openssl cms -cades`). */
  ess: boolean;
  /** Another signed time (back-dating). */
  genTime?: Date;
}

export interface TestAuthority {
  url: string;
  /** Folder holding only this authority's root certificate, named after its label (`<label>.pem`), for --tsa-roots. */
  rootsDir: string;
  rootPem: string;
  /** Requests received. */
  requests: number;
  /** Delay before answering, in ms. */
  delayMs: number;
  /** When set, every reply is sent forged so (a network in between, or an impostor at the authority's address). */
  forgery: Forgery | null;
  /** A TimeStampResp carrying `reply`'s TSTInfo, re-signed as `forgery` says. */
  forge(reply: Buffer, forgery: Forgery): Promise<Buffer>;
  close(): Promise<void>;
}

const CONFIG = `
[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = DIR
serial = $dir/serial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
other_policies = 1.3.6.1.4.1.99999.2
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
[ root_ext ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ tsa_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ tls_ext ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:tsa.example
`;

/** `YYYYMMDDHHMMSSZ`, the GeneralizedTime of a TSTInfo without fraction. */
const generalizedTime = (date: Date) => `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/** Makes a root and a time-stamping certificate named after `name`, then serves replies. */
export async function startAuthority(name: string): Promise<TestAuthority> {
  const dir = await mkdtemp(join(tmpdir(), 'stp-tsa-'));
  const rootsDir = join(dir, 'roots');
  await mkdir(rootsDir);
  const config = join(dir, 'openssl.cnf');
  await writeFile(config, CONFIG.replace('DIR', dir));
  await writeFile(join(dir, 'serial'), '01\n');
  const ssl = (args: string[]) => run('openssl', args, { cwd: dir });
  const key = ['-newkey', 'rsa:2048', '-nodes'];
  await ssl([
    'req',
    '-x509',
    ...key,
    '-keyout',
    'root.key',
    '-out',
    'root.pem',
    '-days',
    '3650',
    '-subj',
    `/O=Test/CN=${name} Root`,
    '-config',
    config,
    '-extensions',
    'root_ext',
  ]);
  await ssl([
    'req',
    '-new',
    ...key,
    '-keyout',
    'tsa.key',
    '-out',
    'tsa.csr',
    '-subj',
    `/O=Test/CN=${name} TSA`,
    '-config',
    config,
  ]);
  await ssl([
    'x509',
    '-req',
    '-in',
    'tsa.csr',
    '-CA',
    'root.pem',
    '-CAkey',
    'root.key',
    '-CAcreateserial',
    '-out',
    'tsa.pem',
    '-days',
    '3650',
    '-extfile',
    config,
    '-extensions',
    'tsa_ext',
  ]);
  const rootPem = await readFile(join(dir, 'root.pem'), 'utf8');
  let tls: Promise<unknown> | null = null;
  const forge = async (reply: Buffer, forgery: Forgery) => {
    tls ??= ssl([...['req', '-new', ...key, '-keyout', 'tls.key', '-out', 'tls.csr'], '-subj', '/CN=tsa.example']).then(
      () =>
        ssl([
          ...['x509', '-req', '-in', 'tls.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial'],
          ...['-out', 'tls.pem', '-days', '365', '-extfile', config, '-extensions', 'tls_ext'],
        ]),
    );
    await tls;
    let tstInfo = Buffer.from(readReply(reply).signedData.encapContentInfo.eContent!.getValue());
    if (forgery.genTime) {
      const at = tstInfo.indexOf(Buffer.from([0x18, 0x0f])) + 2;
      tstInfo = Buffer.concat([
        tstInfo.subarray(0, at),
        Buffer.from(generalizedTime(forgery.genTime)),
        tstInfo.subarray(at + 15),
      ]);
    }
    const id = randomUUID();
    await writeFile(join(dir, `${id}.tst`), tstInfo);
    await ssl([
      ...['cms', '-sign', '-binary', '-nodetach', '-outform', 'DER', '-md', 'sha256'],
      ...['-econtent_type', '1.2.840.113549.1.9.16.1.4', ...(forgery.ess ? ['-cades'] : [])],
      ...['-signer', `${forgery.signer}.pem`, '-inkey', `${forgery.signer}.key`, '-certfile', 'root.pem'],
      ...['-in', `${id}.tst`, '-out', `${id}.p7`],
    ]);
    const token = asn1js.fromBER(new Uint8Array(await readFile(join(dir, `${id}.p7`)))).result;
    const granted = new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 })] });
    return Buffer.from(new asn1js.Sequence({ value: [granted, token] }).toBER());
  };
  const authority: TestAuthority = {
    url: '',
    rootsDir,
    rootPem,
    requests: 0,
    delayMs: 0,
    forgery: null,
    forge,
    close: async () => {},
  };
  let turn: Promise<unknown> = Promise.resolve();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      authority.requests++;
      try {
        if (authority.delayMs) await sleep(authority.delayMs);
        const id = randomUUID();
        const query = join(dir, `${id}.tsq`);
        await writeFile(query, Buffer.concat(chunks));
        // openssl keeps the serial number in a file, so two replies at once can collide on it (a late request of the
        // slow-authority test is the likely cause of a reply missing once in CI). One at a time, as a real authority.
        const reply = turn.then(() =>
          ssl([
            'ts',
            '-reply',
            '-config',
            config,
            '-queryfile',
            query,
            '-signer',
            'tsa.pem',
            '-inkey',
            'tsa.key',
            '-chain',
            'root.pem',
            '-out',
            `${id}.tsr`,
          ]),
        );
        turn = reply.catch(() => undefined);
        await reply;
        const genuine = await readFile(join(dir, `${id}.tsr`));
        const sent = authority.forgery ? await forge(genuine, authority.forgery) : genuine;
        res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(sent);
      } catch (error) {
        if (!res.headersSent) res.writeHead(500).end(String(error));
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  authority.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
  await writeFile(join(rootsDir, `${labelOf(authority.url)}.pem`), rootPem);
  authority.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
    await rm(dir, { recursive: true, force: true });
  };
  return authority;
}
