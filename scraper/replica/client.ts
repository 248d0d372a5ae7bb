// Replica — a tiny HTTP client for tests: node's fetch cannot resolve `*.localhost`, so this one connects to 127.0.0.1
// and sends the site's host in the Host header. Keeps cookies like a browser would (one jar, names only), follows nothing.

import { request } from 'node:http';

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** the Location header of a redirect */
  location: string | undefined;
}

export class ReplicaClient {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly port: number,
    private readonly host: string,
  ) {}

  get(path: string, timeoutMs?: number): Promise<Response> {
    return this.send('GET', path, undefined, timeoutMs);
  }

  post(path: string, form: Record<string, string>): Promise<Response> {
    return this.send('POST', path, new URLSearchParams(form).toString());
  }

  private send(method: string, path: string, body: string | undefined, timeoutMs = 5000): Promise<Response> {
    const headers: Record<string, string> = { host: `${this.host}.localhost:${this.port}` };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: this.port, method, path, headers, timeout: timeoutMs }, (res) => {
        for (const cookie of res.headers['set-cookie'] ?? []) {
          const [pair = ''] = cookie.split(';');
          const at = pair.indexOf('=');
          this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
        }
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, location: res.headers.location }),
        );
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${this.host}${path}: no answer after ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}
