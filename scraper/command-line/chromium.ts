/**
 * The first command sets everything up: when no Chromium is installed, `npm run demo` and `npm run capture` install
 * Playwright's own (`npx playwright install chromium`, its progress bar shown as it goes), then carry on. Offline,
 * or when the install fails, they say exactly what to type for this system and stop with exit 2, nothing written.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { installedChromium } from '../navigate/browser.ts';

/** No Chromium, and none could be installed: bad setup, exit 2; the message gives the commands to type. */
export class ChromiumMissingError extends Error {
  override name = 'ChromiumMissingError';
  readonly exitCode = 2;
}

export const INSTALL_COMMAND = ['npx', 'playwright', 'install', 'chromium'] as const;

function installHelp(why: string, env: NodeJS.ProcessEnv): string {
  const debian = existsSync('/etc/debian_version');
  return [
    `Chromium introuvable, et son installation automatique a échoué (${why} ; pas d’accès à Internet ?).`,
    'Installez-le, puis relancez la commande :',
    ...(debian ? ['  sudo apt-get install -y chromium fonts-dejavu-core        (Debian/Ubuntu)'] : []),
    '  npx playwright install --with-deps chromium               (le Chromium de Playwright et ses bibliothèques)',
    ...(env.STP_CHROMIUM
      ? [`ou corrigez STP_CHROMIUM, qui désigne un fichier absent : ${env.STP_CHROMIUM}`]
      : ['ou indiquez le chemin d’un Chromium dans STP_CHROMIUM.']),
  ].join('\n');
}

/** Runs `npx playwright install chromium` with the terminal shown; resolves with why it failed, or null. */
function install(env: NodeJS.ProcessEnv): Promise<string | null> {
  return new Promise((done) => {
    const [command, ...args] = INSTALL_COMMAND;
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    child.on('error', (error) => done(error.message));
    child.on('exit', (code, signal) => done(code === 0 ? null : `code ${code ?? signal}`));
  });
}

/**
 * Makes sure a Chromium can start before a run begins, installing Playwright's when there is none. A Chromium named
 * by STP_CHROMIUM but absent counts as none: Playwright's is installed and used instead, and the run says so.
 */
export async function ensureChromium(
  log: (line: string) => void = (line) => console.log(line),
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  if (installedChromium(env)) return;
  log(
    env.STP_CHROMIUM
      ? `STP_CHROMIUM désigne un fichier absent (${env.STP_CHROMIUM}) : installation du Chromium de Playwright (${INSTALL_COMMAND.join(' ')})…`
      : `Aucun Chromium installé : installation du Chromium de Playwright (${INSTALL_COMMAND.join(' ')})…`,
  );
  const failure = await install(env);
  const withoutOverride = { ...env, STP_CHROMIUM: '' };
  if (failure === null && installedChromium(withoutOverride) !== null) {
    // the run goes on with Playwright's build, whatever STP_CHROMIUM said
    if (env.STP_CHROMIUM) delete env.STP_CHROMIUM;
    log('Chromium installé.');
    return;
  }
  throw new ChromiumMissingError(installHelp(failure ?? 'Chromium toujours introuvable après l’installation', env));
}
