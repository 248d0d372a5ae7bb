/**
 * Starts the one Chromium a run shares. Debian's /usr/bin/chromium is used when present (no download
 * possible offline); STP_CHROMIUM overrides it; otherwise Playwright's own build (installed on GitHub
 * Actions with `npx playwright install --with-deps chromium`, and by `npm run demo` or `capture` when no
 * Chromium is found: command-line/chromium.ts).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

// Without the background-networking flags Chromium keeps calling Google services, which a closed
// network refuses; --no-sandbox because CI runs as root.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.STP_CHROMIUM) return env.STP_CHROMIUM;
  return SYSTEM_CHROMIUM.find((path) => existsSync(path));
}

/**
 * Whether a Chromium is there to start: STP_CHROMIUM's (when set, the one asked for), else the system's, else
 * Playwright's own build. Null when none is installed.
 */
export function installedChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const path = chromiumPath(env) ?? chromium.executablePath();
  return existsSync(path) ? path : null;
}

export interface LaunchOptions {
  headed?: boolean;
  /** Proxy server URL, e.g. http://proxy.example:3128; recorded only as "proxy used". */
  proxy?: string;
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = chromiumPath();
  try {
    return await chromium.launch({
      headless: !options.headed,
      ...(executablePath ? { executablePath } : {}),
      args: CHROMIUM_ARGS,
      ...(options.proxy ? { proxy: { server: options.proxy } } : {}),
    });
  } catch (error) {
    const first = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(
      `Chromium ne démarre pas (${executablePath ?? 'version de Playwright'}) : ${first}\n` +
        'Installez-le : apt-get install -y chromium fonts-dejavu-core (Debian/Ubuntu), ou npx playwright install chromium ; ' +
        'ou indiquez son chemin dans STP_CHROMIUM.',
    );
  }
}

/**
 * Where the bot really goes. With a replica origin (`http://localhost:8080`), `https://host/path` becomes
 * `http://host.localhost:8080/path`: the real path is kept, the replica serves the site by its host name,
 * and the record's URL shows plainly that the capture was made on the replica.
 */
export function siteUrl(realUrl: string, replicaOrigin: string | undefined): string {
  if (!replicaOrigin) return realUrl;
  const real = new URL(realUrl);
  const replica = new URL(replicaOrigin);
  return `${replica.protocol}//${real.hostname}.localhost:${replica.port}${real.pathname}${real.search}`;
}
