/**
 * The time-stamping authorities (RFC 3161) a run asks, and the root certificates their replies are
 * checked against. `STP_TSA_URLS` is a comma-separated list of URLs (`off` for none); each authority's
 * replies are stored as `manifests/<name>.sha256.<label>.tsr`, the label coming from its URL.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Two independent public authorities whose roots are in Mozilla's and Microsoft's stores (DigiCert
 * Trusted Root G4; USERTrust RSA for Sectigo): no single one is a point of failure.
 */
export const DEFAULT_TSA_URLS = ['http://timestamp.digicert.com', 'http://timestamp.sectigo.com'];
/** Longest wait for one authority's reply; a slower one is reported and skipped. */
export const DEFAULT_TSA_TIMEOUT_MS = 15_000;
/** The bundled roots (PEM, one file per authority), documented in docs/verifier.md. */
export const BUNDLED_ROOTS = resolve(import.meta.dirname, 'roots');

/** A bad STP_TSA_URLS, STP_TSA_TIMEOUT_MS or root certificate folder: bad input, nothing done (exit 2). */
export class TsaConfigError extends Error {
  override name = 'TsaConfigError';
  readonly exitCode = 2;
}

export interface Authority {
  url: string;
  /** `timestamp.digicert.com`, `127.0.0.1-8318`: the part of the reply's file name that names the authority. */
  label: string;
}

export function labelOf(url: string): string {
  const { hostname, port } = new URL(url);
  return [hostname.replace(/^\[|\]$/g, '').replace(/[^A-Za-z0-9.-]/g, '-'), port].filter(Boolean).join('-');
}

/** The authorities configured in `env`; a clear message naming the variable on a bad URL. */
export function authoritiesOf(env: NodeJS.ProcessEnv): Authority[] {
  const raw = env.STP_TSA_URLS?.trim();
  if (raw === 'off') return [];
  const urls = raw
    ? raw
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean)
    : DEFAULT_TSA_URLS;
  return urls.map((url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new TsaConfigError(
        `STP_TSA_URLS : « ${url} » n'est pas une URL (attendu : http(s)://…, séparées par des virgules, ou off)`,
      );
    }
    if (!/^https?:$/.test(parsed.protocol))
      throw new TsaConfigError(`STP_TSA_URLS : « ${url} » doit commencer par http:// ou https://`);
    return { url, label: labelOf(url) };
  });
}

export function timeoutOf(env: NodeJS.ProcessEnv): number {
  const value = Number(env.STP_TSA_TIMEOUT_MS ?? DEFAULT_TSA_TIMEOUT_MS);
  if (!Number.isInteger(value) || value <= 0)
    throw new TsaConfigError(
      `STP_TSA_TIMEOUT_MS : « ${env.STP_TSA_TIMEOUT_MS} » n'est pas un nombre entier de millisecondes`,
    );
  return value;
}

/** Every certificate (PEM) of the `.pem`/`.crt` files of `dirs`, as DER. */
export async function loadRoots(dirs: string[]): Promise<{ der: Buffer; file: string }[]> {
  const found: { der: Buffer; file: string }[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => /\.(pem|crt)$/i.test(n)).sort();
    } catch {
      throw new TsaConfigError(`--tsa-roots : dossier introuvable ou illisible : ${dir}`);
    }
    for (const name of names) {
      const text = await readFile(join(dir, name), 'utf8');
      const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g)];
      if (blocks.length === 0)
        throw new TsaConfigError(
          `${join(dir, name)} : aucun certificat PEM (-----BEGIN CERTIFICATE-----) dans ce fichier`,
        );
      for (const block of blocks)
        found.push({ der: Buffer.from(block[1]!.replace(/\s+/g, ''), 'base64'), file: join(dir, name) });
    }
  }
  return found;
}
