// Replica — an offline copy of the préfecture booking sites, for tests and demos (no internet anywhere).
// One HTTP server answers for every site, chosen by the Host header: the bot reaches `https://<host>/<path>` through
// `http://<host>.localhost:<port>/<path>`. Keeps its state in memory; writes no file.

import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { BehaviourBook, type Behaviour } from './behaviours.ts';
import type { ReplicaContext } from './context.ts';
import { notFound } from './errors.ts';
import { HANG, page, readRequest, realHost, type Outcome, type Reply, type ReplicaRequest } from './http.ts';
import { serveCustom } from './custom/routes.ts';
import { ENDLESS_PATH, ENDLESS_START, HOSTILE_HOST, serveHostile } from './hostile.ts';
import { CUSTOM_HOST } from './custom/site.ts';
import { serveEappointment } from './eappointment/routes.ts';
import { EAPPOINTMENT_HOST } from './eappointment/site.ts';
import { serveLegacy } from './legacy/routes.ts';
import { serveRdv } from './rdv/routes.ts';
import { Sessions } from './sessions.ts';
import { demarches, legacySites, RDV_HOST, type Demarche, type LegacySite } from './sites.ts';

export type { Behaviour } from './behaviours.ts';

export interface ReplicaOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. Default 0. */
  port?: number;
  /** delay added before every response, in ms, to imitate slow sites. Default 0. */
  latencyMs?: number;
  /** delay of every response of a form whose behaviour is 'slow', in ms. Default 3000. */
  slowMs?: number;
  /** the answer of the RDV Préfecture captcha (case, spaces and dashes ignored). Default 'K7M2QX'. */
  captchaCode?: string;
  /**
   * per `<host>/<formId>`, `<host>/<formId>/<planningId>`, `<host>/<demarcheId>`, `<host>/<démarche>/<profile>`
   * (custom site) or `<host>/<motive key>` (eAppointment site); an array is a sequence per attempt. Default 'no-slot'.
   */
  behaviours?: Record<string, Behaviour | Behaviour[]>;
  /**
   * Sites to serve besides the bundled ones, as catalogue.ts draws them from target files; a host of both is served
   * as given here (catalogue.ts completes the bundled site).
   */
  extraSites?: { legacy: readonly LegacySite[]; demarches: readonly Demarche[] };
}

export interface RequestLogEntry {
  /** the real site's host, without `.localhost:PORT` */
  host: string;
  method: string;
  /** the request target as sent: path and query */
  path: string;
  startedAt: number;
  /** null while unanswered (and forever for 'hang') */
  endedAt: number | null;
  status: number | null;
}

export interface Replica {
  /** 'http://localhost:PORT' */
  origin: string;
  port: number;
  /**
   * rewrites a real URL (https://pprdv.interieur.gouv.fr/booking/create/948) to the replica
   * (http://pprdv.interieur.gouv.fr.localhost:PORT/booking/create/948)
   */
  urlFor(realUrl: string): string;
  setBehaviour(key: string, behaviour: Behaviour | Behaviour[]): void;
  /** back to the options' behaviours; clears attempt counters, sessions and the log */
  reset(): void;
  readonly requests: RequestLogEntry[];
  close(): Promise<void>;
}

export async function startReplica(options: ReplicaOptions = {}): Promise<Replica> {
  const extra = options.extraSites ?? { legacy: [], demarches: [] };
  const ctx: ReplicaContext = {
    sites: {
      legacy: [...extra.legacy, ...legacySites.filter((site) => !extra.legacy.some((e) => e.host === site.host))],
      demarches: [...demarches, ...extra.demarches.filter((d) => !demarches.some((known) => known.id === d.id))],
    },
    book: new BehaviourBook(options.behaviours),
    sessions: new Sessions(),
    slowMs: options.slowMs ?? 3000,
    captchaCode: options.captchaCode ?? 'K7M2QX',
  };
  const latencyMs = options.latencyMs ?? 0;
  const requests: RequestLogEntry[] = [];
  // every socket is tracked so that close() is immediate, even with requests left hanging on purpose
  const sockets = new Set<Socket>();
  const closing = new AbortController();
  // Every delayed response listens to it until it is sent: a page and its subresources on three sites
  // easily pass Node's default of ten listeners, which is no leak.
  setMaxListeners(0, closing.signal);

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const entry: RequestLogEntry = {
      host: realHost(req.headers.host),
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      startedAt: Date.now(),
      endedAt: null,
      status: null,
    };
    requests.push(entry);
    res.once('finish', () => {
      entry.endedAt = Date.now();
      entry.status = res.statusCode;
    });
    try {
      const request = await readRequest(req);
      if (request.host === HOSTILE_HOST && request.path === ENDLESS_PATH) {
        // A page that starts and never finishes: its beginning is sent, the response is never ended.
        res.writeHead(200, { Server: 'nginx', 'Content-Type': 'text/html; charset=utf-8' });
        res.write(ENDLESS_START);
        return;
      }
      const outcome = route(request, ctx);
      if (outcome === HANG) return;
      const delayMs = latencyMs + outcome.delayMs;
      if (delayMs > 0) await sleep(delayMs, undefined, { signal: closing.signal });
      send(res, outcome);
    } catch (error) {
      if (closing.signal.aborted || res.destroyed) return; // the replica is closing, or the client left
      console.error(`replica: ${entry.method} ${entry.host}${entry.path} failed: ${String(error)}`);
      send(res, page(500, '<html><body><h1>500 Internal Server Error</h1></body></html>'));
    }
  }

  const server = createServer((req, res) => void answer(req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://localhost:${port}`,
    port,
    urlFor(realUrl) {
      const url = new URL(realUrl);
      return `http://${url.hostname}.localhost:${port}${url.pathname}${url.search}${url.hash}`;
    },
    setBehaviour: (key, behaviour) => ctx.book.set(key, behaviour),
    reset() {
      ctx.book.reset();
      // sessions hold the attempts drawn so far: they go with the counters
      ctx.sessions.clear();
      requests.length = 0;
    },
    requests,
    async close() {
      closing.abort();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function route(request: ReplicaRequest, ctx: ReplicaContext): Outcome {
  const site = ctx.sites.legacy.find(({ host }) => host === request.host);
  if (site !== undefined) return serveLegacy(site, request, ctx);
  if (request.host === RDV_HOST) return serveRdv(request, ctx);
  if (request.host === CUSTOM_HOST) return serveCustom(request, ctx);
  if (request.host === EAPPOINTMENT_HOST) return serveEappointment(request, ctx);
  if (request.host === HOSTILE_HOST) return serveHostile(request);
  return notFound();
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  res.writeHead(reply.status, {
    // what the real sites' error pages show (docs/sites/legacy.md « Erreurs »); node adds the Date header
    Server: 'nginx',
    'Content-Type': reply.contentType,
    'Content-Length': Buffer.byteLength(reply.body),
    ...reply.headers,
  });
  res.end(reply.body);
}
