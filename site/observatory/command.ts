/**
 * `npm run observatory -- (--sources <fichier> | --forks <propriétaire/dépôt>) --out <dossier>`: reads the
 * public summary of each site, merges them, and writes `<out>/index.html` and `<out>/donnees/observatoire.json`.
 * A source that fails is reported and skipped; the command fails only on bad usage (2) or when no source at
 * all could be read (1), so that a page of nothing never replaces a good one.
 */
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../../scraper/archive/write.ts';
import { exitCodeOf } from '../../scraper/command-line/exit.ts';
import { parseOptions, UsageError } from '../../scraper/command-line/usage.ts';
import { plural } from '../render/numbers.ts';
import { DEFAULT_LIMITS, fetchSummary, type Fetched } from './fetch-summary.ts';
import { mergeSummaries } from './merge.ts';
import { observatoryPage } from './page.ts';
import { forkSites, readSources } from './sources.ts';

export const OBSERVATORY_USAGE =
  'npm run observatory -- (--sources <fichier.yaml> | --forks <propriétaire/dépôt>) --out <dossier> [--timeout-s <secondes>]';

const EXAMPLE = 'npm run observatory -- --forks exemple/screen-ta-prefecture --out _site/france';

const options = {
  sources: { type: 'string' },
  forks: { type: 'string' },
  out: { type: 'string' },
  'timeout-s': { type: 'string', default: String(DEFAULT_LIMITS.timeoutMs / 1000) },
} as const;

/** Sites read a few at a time: each is a different host, and a slow one must not hold the others. */
const AT_ONCE = 6;

async function fetchAll(sites: string[], timeoutMs: number, say: (line: string) => void) {
  const results: { url: string; result: Fetched }[] = new Array(sites.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < sites.length) {
      const i = next++;
      const url = sites[i]!;
      const result = await fetchSummary(url, { ...DEFAULT_LIMITS, timeoutMs });
      results[i] = { url, result };
      say(`[${++done}/${sites.length}] ${url} : ${result.ok ? 'lu' : `ignoré (${result.error})`}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, sites.length) }, worker));
  return results;
}

export async function runObservatory(
  args: string[],
  env: NodeJS.ProcessEnv,
  say: (line: string) => void = (line) => console.log(line),
  now: () => Date = () => new Date(),
): Promise<number> {
  try {
    const { values } = parseOptions(args, options, {
      usage: OBSERVATORY_USAGE,
      example: EXAMPLE,
      about: 'Réunit le résumé public de chaque site de suivi sur une page (docs/observatoire.md).',
    });
    if ((values.sources === undefined) === (values.forks === undefined))
      throw new UsageError(`Donnez --sources ou --forks (l'un des deux).\n\nUsage : ${OBSERVATORY_USAGE}`);
    if (values.out === undefined)
      throw new UsageError(`--out manque : le dossier où écrire la page.\n\nUsage : ${OBSERVATORY_USAGE}`);
    const timeoutS = Number(values['timeout-s']);
    if (!(timeoutS > 0)) throw new UsageError(`--timeout-s : un nombre de secondes est attendu (ex. --timeout-s 15).`);
    if (values.forks !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(values.forks))
      throw new UsageError(`--forks : « ${values.forks} » n'est pas de la forme propriétaire/dépôt.`);

    let sites: string[];
    if (values.sources !== undefined) sites = await readSources(values.sources);
    else {
      const found = await forkSites(values.forks!, env, say);
      for (const s of found.skipped) say(`${s.repository} : ${s.error}, ignoré`);
      sites = found.sites;
    }
    say(`${plural(sites.length, 'site à lire', 'sites à lire')}`);
    const fetched = await fetchAll(sites, timeoutS * 1000, say);
    const data = mergeSummaries(fetched, now().toISOString());
    if (!data.sources.some((s) => s.ok)) {
      say('Aucun site n’a pu être lu : rien n’est écrit.');
      return 1;
    }
    const out = resolve(values.out);
    await writeFileAtomic(join(out, 'donnees', 'observatoire.json'), `${JSON.stringify(data, null, 1)}\n`);
    await writeFileAtomic(join(out, 'index.html'), observatoryPage(data));
    say(
      `Observatoire écrit dans ${join(out, 'index.html')} : ${plural(data.prefectures.length, 'préfecture', 'préfectures')}, ${plural(data.sources.filter((s) => !s.ok).length, 'source ignorée', 'sources ignorées')}.`,
    );
    return 0;
  } catch (error) {
    return exitCodeOf(error, { tell: say });
  }
}
