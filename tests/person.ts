/**
 * A person at a screen, for the tests of assisted runs and witness mode: a virtual X display (Xvfb, the
 * server that xvfb-run starts) and xdotool's real mouse and keyboard, on the browser window the CLI opens.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { VIEWPORT } from '../scraper/navigate/attempt.ts';
import { waitFor } from './helpers.ts';

const onPath = (name: string) => (process.env.PATH ?? '').split(':').some((dir) => existsSync(join(dir, name)));

/** Why these tests cannot run here, or null: said in the test report, never skipped silently. */
export const NO_SCREEN =
  onPath('Xvfb') && onPath('xdotool')
    ? null
    : 'Xvfb ou xdotool absent : apt-get install xvfb xdotool (.ci/run les installe)';

export interface Screen {
  display: string;
  close(): void;
}

/** Starts Xvfb on a free display number (it says which through -displayfd). */
export async function startScreen(): Promise<Screen> {
  const server = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1600x1200x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    server.stdio[3]!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    server.on('exit', (code) => reject(new Error(`Xvfb s'est arrêté (code ${code})`)));
  });
  return { display: `:${number}`, close: () => server.kill() };
}

export interface Point {
  x: number;
  y: number;
}

/** xdotool on one display: finds the browser window by its title, clicks in the page, types. */
export class Person {
  constructor(readonly display: string) {}

  xdo(...args: string[]): Promise<string> {
    return new Promise((resolve, reject) =>
      execFile('xdotool', args, { env: { ...process.env, DISPLAY: this.display } }, (error, stdout, stderr) =>
        error ? reject(new Error(`xdotool ${args.join(' ')} : ${stderr || error.message}`)) : resolve(stdout),
      ),
    );
  }

  /** The newest visible window whose title matches (a regular expression, as xdotool reads it). */
  async window(title: string): Promise<string> {
    let found = '';
    await waitFor(async () => {
      const ids = await this.xdo('search', '--onlyvisible', '--name', title).catch(() => '');
      found =
        ids
          .split('\n')
          .filter(Boolean)
          .sort((a, b) => Number(a) - Number(b))
          .at(-1) ?? '';
      return found !== '';
    });
    return found;
  }

  /**
   * Clicks at a point of the page (CSS pixels of the viewport). The page fills the bottom of the window,
   * with the window's border on the other three sides; the browser's bars are above it.
   */
  async click(window: string, at: Point): Promise<void> {
    const geometry = Object.fromEntries(
      (await this.xdo('getwindowgeometry', '--shell', window))
        .trim()
        .split('\n')
        .map((line) => line.split('=') as [string, string])
        .map(([k, v]) => [k, Number(v)]),
    ) as Record<string, number>;
    const border = (geometry.WIDTH! - VIEWPORT.width) / 2;
    const left = geometry.X! + border;
    const top = geometry.Y! + geometry.HEIGHT! - border - VIEWPORT.height;
    const x = Math.round(left + at.x);
    const y = Math.round(top + at.y);
    // Through a point beside it: a pointer already there sends no motion, and a new window ignores the click.
    await this.xdo('mousemove', '--sync', String(x - 3), String(y - 3));
    await this.xdo('mousemove', '--sync', String(x), String(y));
    await this.xdo('click', '1');
  }

  async type(text: string): Promise<void> {
    await this.xdo('type', '--delay', '40', text);
  }

  async key(name: string): Promise<void> {
    await this.xdo('key', '--clearmodifiers', name);
  }
}

/** Collects a child process's output as it comes, to wait for what it says to the person. */
export function listen(child: ChildProcess): {
  text: () => string;
  until: (pattern: RegExp, count?: number) => Promise<void>;
} {
  let out = '';
  let exited = false;
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.on('exit', () => (exited = true));
  const seen = (pattern: RegExp, count: number) => (out.match(new RegExp(pattern.source, 'g')) ?? []).length >= count;
  return {
    text: () => out,
    until: (pattern, count = 1) =>
      waitFor(() => seen(pattern, count) || exited, 120_000).then(
        () => {
          if (!seen(pattern, count)) throw new Error(`attendu ${count} × ${pattern} dans la sortie :\n${out}`);
        },
        () => {
          throw new Error(`attendu ${count} × ${pattern} dans la sortie :\n${out}`);
        },
      ),
  };
}
