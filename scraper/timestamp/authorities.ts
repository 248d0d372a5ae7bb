/**
 * The time-stamping authorities (RFC 3161) a run asks. `STP_TSA_URLS` is a comma-separated list of URLs (`off` for
 * none); each authority's replies are stored as `manifests/<name>.sha256.<label>.tsr`, the label coming from its URL
 * (host, port and path: two authorities served by one host keep apart). Which certificates each label's replies must
 * chain to is trust.ts's job.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';

/**
 * The authorities whose roots are bundled (`roots/`, documented in docs/verifier.md), each pinned: its replies must be
 * signed by a certificate of `organization`, issued by a certificate of `organization`, chaining to `rootFile` — an
 * ordinary certificate under the same root (a TLS server's, another customer's) is not that authority. Two
 * independent public authorities whose roots are in Mozilla's and Microsoft's stores: no single one is a point of
 * failure. Both answer over https, which keeps a network in between from swapping their replies on the way.
 */
export const BUNDLED_AUTHORITIES = [
  {
    name: 'DigiCert',
    url: 'https://timestamp.digicert.com',
    rootFile: 'digicert-trusted-root-g4.pem',
    organization: 'DigiCert, Inc.',
  },
  {
    name: 'Sectigo',
    url: 'https://timestamp.sectigo.com',
    rootFile: 'usertrust-rsa-sectigo.pem',
    organization: 'Sectigo Limited',
  },
] as const;
export const DEFAULT_TSA_URLS = BUNDLED_AUTHORITIES.map((a) => a.url);
/** Longest wait for one authority's reply; a slower one is reported and skipped. */
export const DEFAULT_TSA_TIMEOUT_MS = 15_000;

/** A bad STP_TSA_URLS, STP_TSA_ROOTS, STP_TSA_TIMEOUT_MS or root certificate folder: bad input, nothing done (exit 2). */
export class TsaConfigError extends Error {
  override name = 'TsaConfigError';
  readonly exitCode = 2;
}

export interface Authority {
  url: string;
  /** `timestamp.digicert.com`, `127.0.0.1-8318_tsa`: the part of the reply's file name that names the authority. */
  label: string;
}

const SAFE = /[^A-Za-z0-9.-]/g;

/**
 * A stable, file-name-safe label of an authority's URL: the host (and port), then the path's segments joined by `_`
 * (never in a host name, so two URLs never share a label). The scheme is left out: the same authority over http and
 * https is one authority. A path with other characters, or a long one, keeps a readable start and a short hash of the
 * whole. A URL without path keeps the label of the first versions (host and port only): old replies keep their name.
 */
export function labelOf(url: string): string {
  const { hostname, port, pathname, search } = new URL(url);
  const host = [hostname.replace(/^\[|\]$/g, '').replace(SAFE, '-'), port].filter(Boolean).join('-');
  const path = (pathname + search).replace(/^\/+|\/+$/g, '');
  if (!path) return host;
  const readable = path
    .split('/')
    .map((segment) => segment.replace(SAFE, '-'))
    .join('_');
  if (!/[^A-Za-z0-9./-]/.test(path) && readable.length <= 60) return `${host}_${readable}`;
  return `${host}_${readable.slice(0, 40)}_${createHash('sha256').update(path).digest('hex').slice(0, 8)}`;
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
  const authorities = urls.map((url) => {
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
    const label = labelOf(url);
    // A bundled authority is always asked over https, which it offers, even when configured with http://.
    const bundled = BUNDLED_AUTHORITIES.find((a) => labelOf(a.url) === label);
    return { url: bundled?.url ?? url, label };
  });
  for (const [i, authority] of authorities.entries()) {
    const twin = authorities.slice(0, i).find((other) => other.label === authority.label);
    if (twin)
      throw new TsaConfigError(
        `STP_TSA_URLS : « ${twin.url} » et « ${authority.url} » désignent la même autorité (${authority.label}) : gardez-en une`,
      );
  }
  return authorities;
}

export function timeoutOf(env: NodeJS.ProcessEnv): number {
  const value = Number(env.STP_TSA_TIMEOUT_MS ?? DEFAULT_TSA_TIMEOUT_MS);
  if (!Number.isInteger(value) || value <= 0)
    throw new TsaConfigError(
      `STP_TSA_TIMEOUT_MS : « ${env.STP_TSA_TIMEOUT_MS} » n'est pas un nombre entier de millisecondes`,
    );
  return value;
}

/**
 * `STP_TSA_ROOTS`: folders (comma-separated) of `<label>.pem` root certificates of authorities that are not bundled,
 * so that their replies are checked up to their root as soon as they arrive.
 */
export function rootDirsOf(env: NodeJS.ProcessEnv): string[] {
  const dirs = (env.STP_TSA_ROOTS ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  for (const dir of dirs)
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
      throw new TsaConfigError(`STP_TSA_ROOTS : dossier introuvable : ${dir}`);
  return dirs;
}
