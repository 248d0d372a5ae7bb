/**
 * Who answered the final page, as NF Z67-147 asks: the server's address and port, for HTTPS its
 * certificate (protocol, subject, issuer, validity, SHA-256 fingerprint), and how far our clock was from
 * the server's `Date` header. Nothing here is fatal: an item that cannot be learnt is null.
 */
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { connect, type PeerCertificate } from 'node:tls';
import type { Response } from 'playwright';
import type { EvidenceRecord } from './record.ts';

type Evidence = EvidenceRecord['evidence'];
type SecurityDetails = NonNullable<Awaited<ReturnType<Response['securityDetails']>>>;
export type ServerIdentity = Required<Pick<Evidence, 'server' | 'tls' | 'clockOffsetMs'>>;

const iso = (seconds: number | undefined) => (seconds === undefined ? null : new Date(seconds * 1000).toISOString());

/**
 * The certificate the server presents, read over a second TLS connection to the same address and port
 * (Chromium does not hand its copy over). Its SHA-256 fingerprint is kept only when its subject, issuer
 * and validity are those the browser reported: then it is the same certificate.
 */
function presentedCertificate(
  address: { ip: string; port: number },
  servername: string,
  timeoutMs = 5000,
): Promise<PeerCertificate | null> {
  return new Promise((done) => {
    const socket = connect({
      host: address.ip,
      port: address.port,
      servername: isIP(servername) ? '' : servername,
      rejectUnauthorized: false,
    });
    const finish = (certificate: PeerCertificate | null) => {
      socket.destroy();
      done(certificate);
    };
    socket.setTimeout(timeoutMs, () => finish(null));
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerCertificate();
      finish(certificate && certificate.raw ? certificate : null);
    });
    socket.once('error', () => finish(null));
  });
}

const sameCertificate = (certificate: PeerCertificate, security: SecurityDetails) =>
  certificate.subject?.CN === security.subjectName &&
  certificate.issuer?.CN === security.issuer &&
  Date.parse(certificate.valid_from) === (security.validFrom ?? NaN) * 1000 &&
  Date.parse(certificate.valid_to) === (security.validTo ?? NaN) * 1000;

/**
 * `Date` has a one-second resolution: an offset between −1,000 and 0 ms means the clocks agree. Measured
 * against the moment the response's headers arrived.
 */
export function clockOffsetMs(serverDate: string | null, receivedAt: number): number | null {
  const server = serverDate ? Date.parse(serverDate) : NaN;
  return Number.isFinite(server) && Number.isFinite(receivedAt) ? Math.round(server - receivedAt) : null;
}

export async function serverIdentity(response: Response | null): Promise<ServerIdentity> {
  if (!response) return { server: null, tls: null, clockOffsetMs: null };
  const [address, security] = await Promise.all([
    response.serverAddr().catch(() => null),
    response.securityDetails().catch(() => null),
  ]);
  const timing = response.request().timing();
  const server = address ? { ip: address.ipAddress, port: address.port } : null;
  let tls: Evidence['tls'] = null;
  // Over plain HTTP Playwright gives an empty object, not null.
  if (security?.protocol) {
    const presented = server ? await presentedCertificate(server, new URL(response.url()).hostname) : null;
    tls = {
      protocol: security.protocol ?? null,
      subject: security.subjectName ?? null,
      issuer: security.issuer ?? null,
      validFrom: iso(security.validFrom),
      validTo: iso(security.validTo),
      sha256Fingerprint:
        presented && sameCertificate(presented, security)
          ? createHash('sha256').update(presented.raw).digest('hex')
          : null,
    };
  }
  return {
    server,
    tls,
    clockOffsetMs: clockOffsetMs(response.headers()['date'] ?? null, timing.startTime + timing.responseStart),
  };
}
