/**
 * `npm run site -- [options]`: options, the build, and what it says at the end (what it included, the
 * site's size against the GitHub Pages limit). Exit codes: 0 built; 1 bad records (nothing published);
 * 2 bad usage or no archive folder.
 */
import { resolve } from 'node:path';
import { exitCodeOf } from '../scraper/command-line/exit.ts';
import { parseOptions, UsageError } from '../scraper/command-line/usage.ts';
import { buildSite, type SiteOptions, type SiteReport } from './build-site.ts';
import { BUDGET_KINDS, type BudgetKind } from './model/budget.ts';
import { fileSize, plural } from './render/numbers.ts';
import { shortDate } from './render/dates.ts';

export const SITE_USAGE =
  'npm run site -- [--archive <dossier> | --git <dépôt> [--ref archive] [--git-cache <dossier>] [--state <dossier>] [--full]] [--out <dossier>] [--budget-mb <Mo>] [--repository <propriétaire/dépôt>] [--stale-hours <heures>] [--allow-bad] [--demo] [--observatory <dossier>] [--tsa-roots <dossier de certificats PEM>]… [--json] | npm run site:serve -- [mêmes options] [--port <n>]';

/**
 * What the capture pages, page images and thumbnails may take, in MB. The rest grows with every capture
 * too (month pages, compressed data): at 100 motifs × 4 captures a day the bench projects ~0.2 GB of it
 * after 10 years, so that 700 keeps the whole site under the 1 GB of GitHub Pages with room to spare.
 */
export const DEFAULT_BUDGET_MB = 700;

/** Where `--git` keeps the fetched branch between builds (the site workflow caches it). */
export const DEFAULT_GIT_CACHE = '.site-cache/archive.git';

/** Where a build from Git keeps its state for the next, incremental one (cached with the Git cache). */
export const DEFAULT_STATE = '.site-cache/state';

const options = {
  archive: { type: 'string', default: 'archive' },
  git: { type: 'string' },
  ref: { type: 'string', default: 'archive' },
  'git-cache': { type: 'string', default: DEFAULT_GIT_CACHE },
  state: { type: 'string', default: DEFAULT_STATE },
  full: { type: 'boolean', default: false },
  out: { type: 'string', default: '_site' },
  'budget-mb': { type: 'string', default: String(DEFAULT_BUDGET_MB) },
  repository: { type: 'string' },
  'stale-hours': { type: 'string', default: '24' },
  'allow-bad': { type: 'boolean', default: false },
  demo: { type: 'boolean', default: false },
  observatory: { type: 'string' },
  'tsa-roots': { type: 'string', multiple: true },
  json: { type: 'boolean', default: false },
  serve: { type: 'boolean', default: false },
  port: { type: 'string', default: '8080' },
} as const;

/** GitHub Pages refuses sites over 1 GB. */
export const PAGES_LIMIT_BYTES = 1_000_000_000;

export interface SiteCommand {
  site: SiteOptions;
  json: boolean;
  serve: { port: number } | null;
}

function positive(name: string, text: string, example: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0)
    throw new UsageError(
      `--${name} : « ${text} » n'est pas un nombre positif (ex. --${name} ${example}).\n\nUsage : ${SITE_USAGE}`,
    );
  return value;
}

export function parseSiteArgs(args: string[], env: Record<string, string | undefined>): SiteCommand {
  const { values } = parseOptions(args, options, {
    usage: SITE_USAGE,
    example: 'npm run site -- --archive archive --out _site   (puis npm run site:serve pour le parcourir)',
    about: 'npm run site : construit le site statique (pages, statistiques, données ouvertes) depuis l’archive.',
  });
  const repository = values.repository ?? (env.GITHUB_REPOSITORY || null);
  if (repository !== null && !/^[\w.-]+\/[\w.-]+$/.test(repository)) {
    throw new UsageError(
      `--repository : « ${repository} » n'est pas de la forme propriétaire/dépôt (ex. exemple/screen-ta-prefecture).\n\nUsage : ${SITE_USAGE}`,
    );
  }
  if (values.git !== undefined && args.some((a) => a === '--archive' || a.startsWith('--archive=')))
    throw new UsageError(`--archive et --git s'excluent : donnez l'un ou l'autre.\n\nUsage : ${SITE_USAGE}`);
  if (values.git !== undefined && (values.git.startsWith('-') || !/^[\w.-]+(?:\/[\w.-]+)*$/.test(values.ref)))
    throw new UsageError(
      `--git ${values.git} --ref ${values.ref} : donnez l'adresse ou le chemin d'un dépôt et le nom d'une branche (ex. --git . --ref archive).\n\nUsage : ${SITE_USAGE}`,
    );
  const git =
    values.git === undefined
      ? {}
      : {
          git: {
            repository: values.git,
            ref: values.ref,
            cache: resolve(values['git-cache']),
            ...(env.GITHUB_TOKEN ? { token: env.GITHUB_TOKEN } : {}),
          },
          state: resolve(values.state),
          full: values.full,
        };
  return {
    site: {
      archive: resolve(values.archive),
      ...git,
      out: resolve(values.out),
      budgetBytes: Math.round(positive('budget-mb', values['budget-mb'], String(DEFAULT_BUDGET_MB)) * 1_000_000),
      allowBad: values['allow-bad'],
      repository,
      staleHours: positive('stale-hours', values['stale-hours'], '24'),
      ...(values.demo ? { demo: true } : {}),
      ...(values.observatory !== undefined ? { observatory: resolve(values.observatory) } : {}),
      tsaRoots: (values['tsa-roots'] ?? []).map((dir) => resolve(dir)),
      // The reproducible-builds convention: the bench builds one branch twice at one « now » and compares.
      ...(env.SOURCE_DATE_EPOCH ? { now: new Date(Number(env.SOURCE_DATE_EPOCH) * 1000) } : {}),
    },
    json: values.json,
    serve: values.serve ? { port: positive('port', values.port, '8080') } : null,
  };
}

const KIND_WORDS: Record<BudgetKind, [string, string]> = {
  page: ['page de capture', 'pages de capture'],
  image: ['image', 'images'],
  thumbnail: ['vignette', 'vignettes'],
};

const kinds = (n: (kind: BudgetKind) => number) =>
  BUDGET_KINDS.filter((k) => n(k) > 0)
    .map((k) => plural(n(k), ...KIND_WORDS[k]))
    .join(', ') || 'rien';

/** The lines printed after a build: what was published, what was left out, and the size. */
export function summarize(report: SiteReport, ms: number): string {
  const { budget, bytes } = report;
  const { published, leftOut } = budget;
  const from = BUDGET_KINDS.map((k) => leftOut[k].from ?? '')
    .sort()
    .at(-1);
  const { build } = report;
  const lines = [
    ...(build.incremental
      ? [
          `Construction incrémentale : ${plural(build.reused, 'fichier repris', 'fichiers repris')} du site précédent, le reste refait (--full pour tout refaire).`,
        ]
      : build.why
        ? [`Construction complète : ${build.why}.`]
        : []),
    `Site construit dans ${report.out} en ${(ms / 1000).toFixed(1).replace('.', ',')} s : ${plural(report.captures, 'capture', 'captures')} (${plural(report.motifs, 'démarche', 'démarches')}, ${plural(report.prefectures, 'préfecture', 'préfectures')}), ${plural(report.pages.captures + report.pages.listings, 'page', 'pages')}.`,
    `Détail des captures publié : ${kinds((k) => published[k].files)}, ${fileSize(bytes.budgeted)} sur un budget de ${fileSize(budget.limitBytes)} (--budget-mb).`,
    !from
      ? 'Rien n’a été laissé de côté : chaque capture a sa page.'
      : `Laissé de côté (captures du ${shortDate(from)} et avant) : ${kinds((k) => leftOut[k].files)} ; ces captures restent comptées et listées sans lien dans les pages des mois, leurs fichiers sont sur la branche archive.`,
    `Taille du site : ${fileSize(bytes.total)} (détail des captures ${fileSize(bytes.budgeted)}, pages des mois ${fileSize(bytes.months)}, autres pages ${fileSize(bytes.listings)}, données ouvertes compressées ${fileSize(bytes.data)}, styles et scripts ${fileSize(bytes.assets)}).`,
  ];
  if (bytes.total > PAGES_LIMIT_BYTES) {
    const room = Math.max(0, Math.floor((PAGES_LIMIT_BYTES - (bytes.total - bytes.budgeted)) / 1_000_000));
    lines.push(
      `Attention : le site dépasse la limite de 1 Go de GitHub Pages. Relancez avec --budget-mb ${room} au plus.`,
    );
  }
  if (report.bad.length > 0)
    lines.push(
      `${plural(report.bad.length, 'capture à vérifier', 'captures à vérifier')}, listées sur la page a-verifier/ (--allow-bad).`,
    );
  return lines.join('\n');
}

export async function runSite(args: string[], env: Record<string, string | undefined>): Promise<number> {
  try {
    const command = parseSiteArgs(args, env);
    if (command.serve) {
      const { serveSite } = await import('./serve.ts');
      return await serveSite(command.site.out, command.serve.port, command.site.archive, args);
    }
    const started = performance.now();
    const report = await buildSite(command.site);
    const ms = Math.round(performance.now() - started);
    if (command.json) {
      const { bad, ...rest } = report;
      console.log(
        JSON.stringify({ ...rest, bad: bad.length, ms, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }),
      );
    } else console.log(summarize(report, ms));
    return 0;
  } catch (error) {
    // Anything unplanned (an unreadable file, a full disk) stopped the build too: nothing was published.
    return exitCodeOf(error, { unexpected: 'Site non construit' });
  }
}
