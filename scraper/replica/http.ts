// Replica — the HTTP edge: reads a request into plain data, and describes the answer as plain data.
// Page handlers take a ReplicaRequest and return a Reply (or HANG); only server.ts touches sockets.

import type { IncomingMessage } from 'node:http';

export interface ReplicaRequest {
  method: string;
  /** the real site's host, e.g. `pprdv.interieur.gouv.fr` (the `.localhost:PORT` suffix removed) */
  host: string;
  /** the origin the browser used (`http://<host>.localhost:PORT`), for the absolute addresses some real pages carry */
  origin: string;
  path: string;
  query: URLSearchParams;
  cookies: Map<string, string>;
  /** the urlencoded body of a POST, empty otherwise */
  form: URLSearchParams;
}

export interface Reply {
  status: number;
  body: string | Buffer;
  contentType: string;
  headers: Record<string, string | string[]>;
  /** waits before answering, on top of the replica's latency ('slow' behaviour) */
  delayMs: number;
}

/** A request that is accepted and never answered ('hang' behaviour). */
export const HANG = 'hang';
export type Outcome = Reply | typeof HANG;

const MAX_BODY_BYTES = 64 * 1024;

/**
 * `pprdv.interieur.gouv.fr.localhost:8080` → `pprdv.interieur.gouv.fr`; Chromium sends every `*.localhost` to loopback.
 */
export function realHost(hostHeader: string | undefined): string {
  const host = (hostHeader ?? '').toLowerCase().replace(/:\d+$/, '');
  return host.endsWith('.localhost') ? host.slice(0, -'.localhost'.length) : host;
}

export async function readRequest(req: IncomingMessage): Promise<ReplicaRequest> {
  const url = new URL(req.url ?? '/', 'http://replica.invalid');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) break;
    chunks.push(chunk);
  }
  const type = req.headers['content-type'] ?? '';
  const body = Buffer.concat(chunks).toString('utf8');
  return {
    method: req.method ?? 'GET',
    host: realHost(req.headers.host),
    origin: `http://${req.headers.host ?? 'localhost'}`,
    path: url.pathname,
    query: url.searchParams,
    cookies: parseCookies(req.headers.cookie),
    // DWR (the eAppointment sites) posts `key=value` lines as text/plain
    form: new URLSearchParams(
      type.startsWith('application/x-www-form-urlencoded')
        ? body
        : type.startsWith('text/plain')
          ? body.split('\n').join('&')
          : '',
    ),
  };
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies.set(part.slice(0, at).trim(), decodeURIComponent(part.slice(at + 1).trim()));
  }
  return cookies;
}

export function page(status: number, body: string): Reply {
  return { status, body, contentType: 'text/html; charset=utf-8', headers: {}, delayMs: 0 };
}

export function file(contentType: string, body: string | Buffer): Reply {
  return { status: 200, body, contentType, headers: { 'Cache-Control': 'max-age=86400' }, delayMs: 0 };
}

/**
 * POST-redirect-GET, as the real sites do (docs/sites/legacy.md « Étapes », docs/sites/rdv-prefecture.md « Parcours »).
 * The Location is origin-relative so that the browser stays on the replica host it came from.
 */
export function redirect(location: string): Reply {
  return {
    status: 302,
    body: '',
    contentType: 'text/html; charset=utf-8',
    headers: { Location: location },
    delayMs: 0,
  };
}

export function withCookie(outcome: Outcome, cookie: string | undefined): Outcome {
  if (outcome === HANG || cookie === undefined) return outcome;
  const previous = outcome.headers['Set-Cookie'];
  const cookies = previous === undefined ? [] : Array.isArray(previous) ? previous : [previous];
  return { ...outcome, headers: { ...outcome.headers, 'Set-Cookie': [...cookies, cookie] } };
}

export function withDelay(outcome: Outcome, delayMs: number): Outcome {
  return outcome === HANG ? outcome : { ...outcome, delayMs: outcome.delayMs + delayMs };
}

/** Escapes text put into HTML (labels hold quotes, « » and ’). */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
