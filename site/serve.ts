/**
 * `npm run site:serve`: builds the site, serves it with Eleventy's development server (live reload), and
 * rebuilds when the archive or the site's sources change. Each build runs in a child process, so that an
 * edited template or renderer is loaded fresh; the previous site stays served until the new one is ready.
 */
import EleventyDevServer from '@11ty/eleventy-dev-server';
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BUILD_SCRIPT = fileURLToPath(new URL('./build.ts', import.meta.url));
const SITE_DIR = fileURLToPath(new URL('./', import.meta.url));

function build(args: string[]): Promise<boolean> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), BUILD_SCRIPT, ...args], {
      stdio: 'inherit',
    });
    child.on('exit', (code) => done(code === 0));
  });
}

/** The build's own arguments: the same, without the serving ones. */
function buildArgs(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--serve') continue;
    if (args[i] === '--port') i++;
    else if (!args[i]!.startsWith('--port=')) out.push(args[i]!);
  }
  return out;
}

/** `archive` is the folder watched (the one the command line names); `args` are passed on to each build. */
export async function serveSite(out: string, port: number, archive: string, args: string[]): Promise<number> {
  const childArgs = buildArgs(args);
  if (!(await build(childArgs))) return 1;
  const server = EleventyDevServer.getServer('screen-ta-prefecture', out, {
    liveReload: true,
    domDiff: false,
    showVersion: false,
    messageOnStart: () => undefined,
  });
  server.serve(port);
  await server.ready();
  console.log(
    `Site servi sur ${server.getServerUrl('localhost')} — reconstruit à chaque changement de l'archive ou de site/. Ctrl+C pour arrêter.`,
  );
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const rebuild = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        if (await build(childArgs)) server.reload({});
      });
    }, 300);
  };
  const watchers = [watch(archive, { recursive: true }, rebuild), watch(SITE_DIR, { recursive: true }, rebuild)];
  await new Promise<void>((stop) => process.once('SIGINT', () => stop()));
  for (const w of watchers) w.close();
  await server.close();
  return 0;
}
