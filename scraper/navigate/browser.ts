/**
 * Starts the one Chromium a run shares. Debian's Chromium is used when present (no download possible offline);
 * STP_CHROMIUM overrides it; otherwise Playwright's own build (installed on GitHub Actions with
 * `npx playwright install --with-deps chromium`, and by `npm run demo` or `capture` when no Chromium is found:
 * command-line/chromium.ts).
 *
 * Without a window, Debian's headless shell (package chromium-headless-shell) comes first, as Playwright's own
 * headless runs use its build of the same shell: it draws the same pages for about two-thirds of the full
 * browser's CPU (measured on the replica). A window (assisted run, witness mode) needs the full browser.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type LaunchOptions as PlaywrightLaunch } from 'playwright';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
// The binary itself: Debian's /usr/bin/chromium-headless-shell is a script that runs it as a child, not by exec.
const SYSTEM_HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';

// Without the background-networking flags Chromium keeps calling Google services, which a closed
// network refuses.
export const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(env: NodeJS.ProcessEnv = process.env, headed = false): string | undefined {
  if (env.STP_CHROMIUM) return env.STP_CHROMIUM;
  const candidates = headed ? SYSTEM_CHROMIUM : [SYSTEM_HEADLESS_SHELL, ...SYSTEM_CHROMIUM];
  return candidates.find((path) => existsSync(path));
}

/**
 * What the browser process may see of ours: enough to run and show a window, nothing else. Tokens, proxy
 * credentials (STP_PROXY, *_proxy) and the workflow's secrets stay out of reach of a page that would break out.
 */
const KEPT_ENV =
  /^(PATH|HOME|USER|LOGNAME|SHELL|TMPDIR|TZ|LANG|LANGUAGE|LC_[A-Z]+|DISPLAY|WAYLAND_DISPLAY|XAUTHORITY|XDG_RUNTIME_DIR|XDG_CONFIG_HOME|XDG_CACHE_HOME|FONTCONFIG_[A-Z_]+|DBUS_SESSION_BUS_ADDRESS)$/;

export function browserEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => KEPT_ENV.test(entry[0]) && entry[1] !== undefined),
  );
}

/**
 * Chromium's sandbox is on whenever it can be: it cannot run as root (a GitHub runner's container, this
 * machine), so only then is it turned off.
 */
export function chromiumLaunch({
  uid = process.getuid?.(),
  env = process.env,
  headed = false,
}: { uid?: number | undefined; env?: NodeJS.ProcessEnv; headed?: boolean } = {}): PlaywrightLaunch {
  const executablePath = chromiumPath(env, headed);
  const root = uid === 0;
  return {
    ...(executablePath ? { executablePath } : {}),
    chromiumSandbox: !root,
    args: root ? ['--no-sandbox', ...CHROMIUM_ARGS] : CHROMIUM_ARGS,
    env: browserEnv(env),
  };
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
  const launch = chromiumLaunch({ headed: Boolean(options.headed) });
  const executablePath = launch.executablePath;
  const start = () =>
    chromium.launch({
      ...launch,
      headless: !options.headed,
      ...(options.proxy ? { proxy: { server: options.proxy } } : {}),
    });
  try {
    // A second try: on a loaded machine a window's first start can die before Playwright reaches it
    // (« browser has been closed »), and the next one starts (seen under a fresh virtual display).
    return await start().catch(async (error: unknown) => {
      if (executablePath && !existsSync(executablePath)) throw error;
      await new Promise((done) => setTimeout(done, 1000));
      return start();
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
