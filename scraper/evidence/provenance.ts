/**
 * Where and with what a capture was made, modelled on the items a commissaire de justice records under
 * NF Z67-147 (machine, browser and version, fresh profile, proxy or not, public IP) and on Perma.cc's
 * provenance summary. Read once per run; learning the public IP is never fatal.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { arch, platform, release } from 'node:os';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext } from 'playwright';
import type { Provenance, Runner } from './record.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
/** Answers the caller's public IP as plain text. Set STP_IP_ECHO_URL to another service, or to `off`. */
export const DEFAULT_IP_ECHO_URL = 'https://api.ipify.org';

export function runnerOf(env: NodeJS.ProcessEnv): Runner {
  const os = `${platform()} ${release()} ${arch()}`;
  if (env.GITHUB_ACTIONS !== 'true') return { kind: 'local', os };
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const repository = env.GITHUB_REPOSITORY ?? '';
  const runId = env.GITHUB_RUN_ID ?? '';
  return {
    kind: 'github-actions',
    os: env.ImageOS ? `${os} (${env.ImageOS} ${env.ImageVersion ?? ''})`.trim() : os,
    repository,
    runId,
    runUrl: `${server}/${repository}/actions/runs/${runId}`,
    runnerName: env.RUNNER_NAME ?? '',
  };
}

/**
 * The public IP, asked through the browser context's request client: it goes through the same proxy as the
 * préfecture pages (Playwright gives it the browser's proxy), so the address recorded is the one the sites saw.
 */
export async function publicIp(
  context: BrowserContext,
  env: NodeJS.ProcessEnv,
  timeoutMs = 5000,
): Promise<string | null> {
  const url = env.STP_IP_ECHO_URL ?? DEFAULT_IP_ECHO_URL;
  if (url === 'off') return null;
  try {
    const response = await context.request.get(url, { timeout: timeoutMs, maxRedirects: 2 });
    const text = (await response.text()).trim();
    return response.ok() && /^[0-9a-f.:]{3,45}$/i.test(text) ? text : null;
  } catch {
    return null;
  }
}

async function software(env: NodeJS.ProcessEnv): Promise<Provenance['software']> {
  const pkg = JSON.parse(await readFile(resolve(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const commit =
    env.GITHUB_SHA ??
    (await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: ROOT }).then(
      (r) => r.stdout.trim(),
      () => null,
    ));
  return { name: pkg.name, version: pkg.version, commit };
}

export async function provenance(
  browser: Browser,
  options: {
    viewport: { width: number; height: number };
    proxy: boolean;
    env?: NodeJS.ProcessEnv;
    /** False: the echo service is not even asked (a witness session keeps the person's address private). */
    askPublicIp?: boolean;
  },
): Promise<Provenance> {
  const env = options.env ?? process.env;
  const context = await browser.newContext();
  const [{ userAgent, ip }, sw] = await Promise.all([
    context
      .newPage()
      .then(async (page) => ({
        userAgent: await page.evaluate(() => navigator.userAgent),
        ip: options.askPublicIp === false ? null : await publicIp(context, env),
      }))
      .finally(() => context.close()),
    software(env),
  ]);
  return {
    browser: { name: browser.browserType().name(), version: browser.version() },
    userAgent,
    viewport: options.viewport,
    freshProfile: true,
    proxy: options.proxy,
    runner: runnerOf(env),
    publicIp: ip,
    software: sw,
  };
}
