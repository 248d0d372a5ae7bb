/**
 * Which sites the observatory reads: a YAML list of public site addresses (`--sources`), or the fork
 * network of a repository (`--forks`), listed through the GitHub API, keeping the forks whose Pages are on.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { siteAddress } from './fetch-summary.ts';

/** A sources file that cannot be read: bad input, exit 2. */
export class SourcesError extends Error {
  override name = 'SourcesError';
  readonly exitCode = 2;
}

const sourcesSchema = z.array(z.union([z.string(), z.strictObject({ url: z.string() })])).min(1);

/** The site addresses of a sources file, each checked: a bad line is named with what to write instead. */
export async function readSources(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new SourcesError(
      `${file} : fichier introuvable. Donnez une liste YAML d'adresses de sites (voir docs/observatoire.md).`,
    );
  }
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new SourcesError(
      `${file} : YAML illisible (${error instanceof Error ? error.message.split('\n')[0] : String(error)}).`,
    );
  }
  const list = sourcesSchema.safeParse(parsed);
  if (!list.success)
    throw new SourcesError(
      `${file} : une liste d'adresses est attendue, une par ligne, par exemple :\n- https://exemple.github.io/screen-ta-prefecture/`,
    );
  const sites: string[] = [];
  list.data.forEach((entry, i) => {
    const raw = typeof entry === 'string' ? entry : entry.url;
    const site = siteAddress(raw);
    if (!site)
      throw new SourcesError(
        `${file} : entrée ${i + 1} (« ${raw} ») : une adresse complète commençant par https:// est attendue.`,
      );
    if (!sites.includes(site)) sites.push(site);
  });
  return sites;
}

interface Repo {
  full_name: string;
}

/** At most 1,000 forks (10 pages of the API): more would take the API's hourly allowance of a job. */
const MAX_PAGES = 10;

async function getJson(
  api: string,
  path: string,
  token: string | undefined,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${api}${path}`, {
    headers: {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, body: response.ok && text ? JSON.parse(text) : null };
}

/**
 * The Pages address of the repository and of each of its forks, for those whose Pages answer the API. The
 * repository itself comes first. `say` tells progress (one line per page of forks).
 */
export async function forkSites(
  repository: string,
  env: NodeJS.ProcessEnv,
  say: (line: string) => void,
): Promise<{ sites: string[]; skipped: { repository: string; error: string }[] }> {
  const api = env.GITHUB_API_URL ?? 'https://api.github.com';
  const token = env.GITHUB_TOKEN || undefined;
  const repositories = [repository];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { status, body } = await getJson(api, `/repos/${repository}/forks?per_page=100&page=${page}`, token);
    if (status !== 200 || !Array.isArray(body))
      throw new Error(`liste des forks de ${repository} : l'API GitHub répond HTTP ${status}`);
    repositories.push(...(body as Repo[]).map((r) => r.full_name).filter((n) => typeof n === 'string'));
    say(`forks de ${repository} : ${repositories.length - 1} trouvés`);
    if (body.length < 100) break;
  }
  const sites: string[] = [];
  const skipped: { repository: string; error: string }[] = [];
  for (const name of repositories) {
    if (!/^[\w.-]+\/[\w.-]+$/.test(name)) continue;
    const { status, body } = await getJson(api, `/repos/${name}/pages`, token).catch((error: unknown) => ({
      status: 0,
      body: String(error),
    }));
    const address = status === 200 ? siteAddress(String((body as { html_url?: unknown }).html_url ?? '')) : null;
    if (address) sites.push(address);
    else
      skipped.push({
        repository: name,
        error: status === 404 ? 'pas de site GitHub Pages' : `API GitHub : HTTP ${status}`,
      });
  }
  return { sites, skipped };
}
