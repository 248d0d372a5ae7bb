/** A local stand-in for the few GitHub REST endpoints the pipeline calls, recording every request. */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  auth: string;
  body: unknown;
}

/** The answer to a request: a status and a JSON body (none when absent). */
export type Answer = (request: Received) => { status: number; body?: unknown };

export async function fakeGitHub(
  answer: Answer,
): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const readBody = async (req: IncomingMessage) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    return text ? JSON.parse(text) : null;
  };
  const server = createServer(async (req, res) => {
    const request = {
      method: req.method!,
      url: req.url!,
      auth: req.headers.authorization ?? '',
      body: await readBody(req),
    };
    received.push(request);
    const { status, body } = answer(request);
    if (body === undefined) res.writeHead(status).end();
    else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
