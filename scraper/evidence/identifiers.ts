/**
 * Addresses as records keep them: what looks like a personal identifier in a URL (a dossier or foreigner number,
 * a session token, a UUID) is replaced by « … » before the address is stored, in every mode. The booking
 * platforms' own form and démarche ids are short numbers (at most five digits: `/booking/create/948/2`,
 * `/demarche/16040/`, reference §1.9 and §3.6) and stay. Pure.
 */

export const MASK = '…';

/** A UUID, a hexadecimal run of 16 or more, a run of 6 digits or more. */
const IDENTIFIER_RUN = /[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}|[0-9a-f]{16,}|\d{6,}/gi;
/** A long run of letters and digits mixed, without the hyphens or underscores of a slug: a token. */
const TOKEN = /[A-Za-z0-9]{24,}/g;
/** Query parameters that carry a credential whatever its shape (a login code, a session, a ticket). */
const SECRET_PARAM = /^(?:code|state|nonce|token|access_token|id_token|ticket|session|sessionid|jsessionid|sid|auth)$/i;

function maskRuns(text: string): string {
  return text
    .replace(IDENTIFIER_RUN, MASK)
    .replace(TOKEN, (run) => (/\d/.test(run) && /[A-Za-z]/.test(run) ? MASK : run));
}

function maskQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const at = pair.indexOf('=');
      if (at < 0) return maskRuns(pair);
      const key = pair.slice(0, at);
      const value = pair.slice(at + 1);
      return `${key}=${SECRET_PARAM.test(key) && value !== '' ? MASK : maskRuns(value)}`;
    })
    .join('&');
}

/**
 * The address with identifiers masked in its path (each segment, `;jsessionid=` included), its query values and its
 * fragment; scheme, host and port are kept as they are. Written as text, not through `URL`, which would
 * percent-encode the « … ».
 */
export function maskIdentifiers(url: string): string {
  const parts = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/is.exec(url);
  if (!parts) return maskRuns(url);
  const [, origin = '', path = '', query, fragment] = parts;
  const maskedPath = path
    .split('/')
    .map((segment) => maskRuns(segment.replace(/;jsessionid=[^;]*/i, `;jsessionid=${MASK}`)))
    .join('/');
  return (
    origin +
    maskedPath +
    (query === undefined ? '' : `?${maskQuery(query)}`) +
    (fragment === undefined ? '' : `#${maskRuns(fragment)}`)
  );
}
