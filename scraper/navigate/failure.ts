/**
 * Whose failure ended a walk early, from the error the browser gave. A page that never came, hangs, or is a
 * file is the site's; a site that could not be reached at all — its name not resolved, the connection
 * refused or reset, the proxy, TLS, a machine without network — is not shown to be the préfecture's, and is
 * never counted as its error (docs/resultats.md « Réseau du robot »). Anything else (a browser crash, a bug
 * of ours) is neither: null, and the attempt is not captured. Pure.
 */
import { errors } from 'playwright';
import type { NavigationFailure } from '../outcome/page.ts';
import { PageHang } from './deadline.ts';

/**
 * Chromium's network errors (net/base/net_error_list.h) that mean the site was not reached, what each says in
 * French. A timeout is not among them: a préfecture's firewall that drops the robot's packets, or a server too
 * busy to accept, looks the same as a slow network, and a page that never comes is the site's (docs/resultats.md).
 */
const UNREACHED: [RegExp, string][] = [
  [/^ERR_(NAME_NOT_RESOLVED|NAME_RESOLUTION_FAILED|DNS_\w+)$/, 'nom du site non résolu (DNS)'],
  [/^ERR_(INTERNET_DISCONNECTED|NETWORK_CHANGED|NETWORK_ACCESS_DENIED)$/, 'machine du robot sans réseau'],
  [/^ERR_(ADDRESS_UNREACHABLE|ADDRESS_INVALID)$/, 'adresse du site injoignable'],
  [/^ERR_CONNECTION_REFUSED$/, 'connexion refusée'],
  [/^ERR_CONNECTION_(RESET|FAILED)$/, 'connexion coupée avant toute réponse'],
  [/^ERR_(PROXY_\w+|TUNNEL_CONNECTION_FAILED|MANDATORY_PROXY_CONFIGURATION_FAILED)$/, 'proxy en échec'],
  [/^ERR_(CERT_\w+|SSL_\w+|BAD_SSL_CLIENT_AUTH_CERT|CERTIFICATE_\w+)$/, 'connexion chiffrée (TLS) refusée'],
];

/** One line, without Playwright's call log, for logs and records. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? '').trim().slice(0, 300);
}

/** The address that was being opened, as Playwright names it in a failed navigation (`… at https://…`). */
export function failedUrl(error: unknown): string | null {
  return /\bnet::ERR_[A-Z_0-9]+ at (https?:\/\/\S+)/.exec(oneLine(error))?.[1] ?? null;
}

export function navigationFailure(
  error: unknown,
  lastStep: string,
  limits: { timeoutMs: number; deadline: number },
): NavigationFailure | null {
  const site = (what: string): NavigationFailure => ({ side: 'site', text: `${what} après l'étape ${lastStep}` });
  if (error instanceof PageHang) return site(error.message);
  if (error instanceof errors.TimeoutError) {
    return site(
      Date.now() >= limits.deadline
        ? 'temps maximal du motif dépassé'
        : `délai dépassé (${Math.round(limits.timeoutMs / 1000)} s)`,
    );
  }
  const message = oneLine(error);
  // A « page » that is a file: Chromium downloads it and Playwright's navigation fails with this message.
  if (/Download is starting/.test(message)) return site("un fichier à télécharger au lieu d'une page");
  const code = /net::(ERR_[A-Z_0-9]+)/.exec(message)?.[1];
  if (!code) return null;
  const unreached = UNREACHED.find(([pattern]) => pattern.test(code));
  return unreached
    ? { side: 'runner', text: `site non joint par le robot : ${unreached[1]} (net::${code}) à l'étape ${lastStep}` }
    : site(`échec de connexion (net::${code})`);
}
