/**
 * Who answered the final page, as NF Z67-147 asks: the server's address and port, for HTTPS its
 * certificate (protocol, subject, issuer, validity, SHA-256 fingerprint of the certificate the browser
 * was shown), and how far our clock was from the server's `Date` header. Nothing here is fatal: an
 * item that cannot be learnt is null.
 */
import { createHash } from 'node:crypto';
import type { Page, Response } from 'playwright';
import type { EvidenceRecord } from './record.ts';

type Evidence = EvidenceRecord['evidence'];
export type ServerIdentity = Required<Pick<Evidence, 'server' | 'tls' | 'clockOffsetMs'>>;

const iso = (seconds: number | undefined) => (seconds === undefined ? null : new Date(seconds * 1000).toISOString());

/** The leaf certificate Chromium holds for `origin` (DevTools protocol), as DER; null when it has none. */
async function leafCertificate(page: Page, origin: string): Promise<Buffer | null> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { tableNames } = (await cdp.send('Network.getCertificate', { origin })) as { tableNames: string[] };
    return tableNames[0] ? Buffer.from(tableNames[0], 'base64') : null;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * `Date` has a one-second resolution: an offset between −1,000 and 0 ms means the clocks agree. Measured
 * against the moment the response's headers arrived.
 */
export function clockOffsetMs(serverDate: string | null, receivedAt: number): number | null {
  const server = serverDate ? Date.parse(serverDate) : NaN;
  return Number.isFinite(server) && Number.isFinite(receivedAt) ? Math.round(server - receivedAt) : null;
}

export async function serverIdentity(page: Page, response: Response | null): Promise<ServerIdentity> {
  if (!response) return { server: null, tls: null, clockOffsetMs: null };
  const [address, security] = await Promise.all([
    response.serverAddr().catch(() => null),
    response.securityDetails().catch(() => null),
  ]);
  const timing = response.request().timing();
  let tls: Evidence['tls'] = null;
  if (security) {
    const der = await leafCertificate(page, new URL(response.url()).origin).catch(() => null);
    tls = {
      protocol: security.protocol ?? null,
      subject: security.subjectName ?? null,
      issuer: security.issuer ?? null,
      validFrom: iso(security.validFrom),
      validTo: iso(security.validTo),
      sha256Fingerprint: der ? createHash('sha256').update(der).digest('hex') : null,
    };
  }
  return {
    server: address ? { ip: address.ipAddress, port: address.port } : null,
    tls,
    clockOffsetMs: clockOffsetMs(response.headers()['date'] ?? null, timing.startTime + timing.responseStart),
  };
}
