/** A folder served on loopback as GitHub Pages serves a site (folders answer with their index.html), for browser tests. */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { buildSite } from '../site/build-site.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.xml': 'application/atom+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.csv': 'text/csv',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.svg': 'image/svg+xml',
};

export function serveFolder(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/** The site of an archive built as the browser tests read it, on 2 March 2026, and served: its address ends with `/`. */
export async function buildAndServe(
  archive: string,
  out: string,
  staleHours: number,
): Promise<{ server: Server; origin: string }> {
  await buildSite({
    archive,
    out,
    budgetBytes: 900_000_000,
    allowBad: false,
    repository: 'exemple/screen-ta-prefecture',
    staleHours,
    now: new Date('2026-03-02T08:00:00Z'),
  });
  const server = await serveFolder(out);
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}
