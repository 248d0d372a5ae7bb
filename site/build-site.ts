/**
 * Builds the whole site: the one pass over the archive (capture pages and images within the size budget,
 * open data, dossier indexes, compact index), then the month pages, then Eleventy for the other listing
 * pages, then the stylesheet and the browser scripts. Everything is written into a temporary folder beside
 * the output, which replaces the output only when the build succeeded: a failed build leaves the previous
 * site as it was (the files it had taken from it are put back).
 */
import { build as bundle } from 'esbuild';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDossierBundle } from '../scraper/dossier/bundle.ts';
import { replyChecker } from '../scraper/timestamp/reply-check.ts';
import { DOSSIER_SCRIPT } from './render/dossier-form.ts';
import { renderTemplates } from './eleventy.ts';
import { writeMonthPages } from './pipeline/month-pages.ts';
import { publishedBytes, type BudgetSummary } from './model/budget.ts';
import type { BadCapture } from './model/site-index.ts';
import { fetchArchive, gitSource, type GitArchive } from './pipeline/git-source.ts';
import { runPass, type PassResult } from './pipeline/pass.ts';
import { emptySource, folderSource, type ArchiveSource } from './pipeline/source.ts';
import { PreviousSiteError } from './pipeline/gzip-parts.ts';
import { BuildState, fingerprintOf } from './pipeline/state.ts';
import { Verdicts } from './pipeline/verdicts.ts';
import type { BuildInfo } from './render/build-info.ts';
import { plural } from './render/numbers.ts';
import { paths } from './model/urls.ts';

export interface SiteOptions {
  archive: string;
  /** Read the archive from this Git branch instead of the `archive` folder. */
  git?: GitArchive;
  /** Where a build from Git keeps its state for the next one (pipeline/state.ts). */
  state?: string;
  /** Build everything anew, whatever the state says (--full). */
  full?: boolean;
  out: string;
  /** Size budget for the detail of the captures (capture pages, page images, thumbnails), in bytes. */
  budgetBytes: number;
  /** List bad records on « Captures à vérifier » instead of failing. */
  allowBad: boolean;
  /** `owner/repo`, for links to the archive branch and to GitHub. */
  repository: string | null;
  /** Hours without a capture after which a motif is said stopped. */
  staleHours: number;
  /** Captures of the replica (`npm run demo`, --demo): every page says it is a demonstration. */
  demo?: boolean;
  /**
   * A folder `npm run observatory` wrote: put under `france/` and linked from the home page when it holds its page
   * (the site workflow makes it first; a site built without it links nothing).
   */
  observatory?: string;
  /** Folders of root certificates trusted besides the bundled ones, for the RFC 3161 replies (as `verify --tsa-roots`). */
  tsaRoots?: string[];
  now?: Date;
}

export interface SiteReport {
  out: string;
  captures: number;
  motifs: number;
  prefectures: number;
  bad: BadCapture[];
  pages: { captures: number; listings: number };
  bytes: SiteBytes;
  budget: BudgetSummary;
  /** Whether the previous build's state served (a build from Git), else why not; files taken from the previous site. */
  build: { incremental: boolean; why: string | null; reused: number };
}

/** What the built site weighs, in bytes: every file written is in one of these. */
export interface SiteBytes {
  total: number;
  /** Capture pages, page images and thumbnails: what --budget-mb caps (`budget` has them by kind). */
  budgeted: number;
  /** Month pages: their rows and cards grow with every capture. */
  months: number;
  /** Home, préfecture and motif pages, feeds, « À propos », « Captures à vérifier »: they grow with the motifs. */
  listings: number;
  /** Open data and dossier indexes, compressed. */
  data: number;
  /** Stylesheet and scripts. */
  assets: number;
}

/** Bad records without --allow-bad: nothing is published. */
export class BadArchiveError extends Error {
  override name = 'BadArchiveError';
  readonly exitCode = 1;
  constructor(readonly bad: BadCapture[]) {
    const shown = bad.slice(0, 20).flatMap((b) => [`  ${b.path}`, ...b.problems.map((p) => `    - ${p}`)]);
    super(
      [
        `Site non construit : ${plural(bad.length, 'capture invalide ou incomplète', 'captures invalides ou incomplètes')} dans l'archive.`,
        ...shown,
        ...(bad.length > 20 ? [`  … et ${plural(bad.length - 20, 'autre', 'autres')}.`] : []),
        'Corrigez ou retirez ces fichiers (npm run verify donne le détail), ou relancez avec --allow-bad pour les lister sur la page « Captures à vérifier ».',
      ].join('\n'),
    );
  }
}

/** Archive folder missing, and other input the build cannot start with. */
export class SiteInputError extends Error {
  override name = 'SiteInputError';
  readonly exitCode = 2;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The stylesheet, the icon and the two browser scripts (the dossier's bundles pdf-lib: ~0.5 MB). */
const ASSETS = [paths.asset('site.css'), paths.asset('favicon.svg'), paths.asset('site.js'), DOSSIER_SCRIPT];

/**
 * Made anew, or taken from the previous site when the state serves: they were made by the same code (the
 * state's fingerprint covers site/, scraper/ and the locked esbuild), so they are the same bytes, and nothing
 * is bundled again.
 */
async function writeAssets(out: string, state: BuildState): Promise<number> {
  if (!ASSETS.every((path) => state.take(path))) {
    mkdirSync(join(out, dirname(paths.asset('x'))), { recursive: true });
    copyFileSync(here('./assets/site.css'), join(out, paths.asset('site.css')));
    copyFileSync(here('./assets/favicon.svg'), join(out, paths.asset('favicon.svg')));
    await bundle({
      entryPoints: [here('./browser/main.ts')],
      outfile: join(out, paths.asset('site.js')),
      bundle: true,
      minify: true,
      format: 'iife',
      target: 'es2020',
      logLevel: 'silent',
    });
    await buildDossierBundle(join(out, DOSSIER_SCRIPT));
  }
  // Pages published from an artifact skip Jekyll anyway; this keeps a branch-published copy from running it,
  // and marks the folder as a built site that the next build may replace.
  writeFileSync(join(out, '.nojekyll'), '');
  return ASSETS.reduce((n, path) => n + statSync(join(out, path)).size, 0);
}

/** The old site's files go through libuv's threads, several at a time: 80,000 of them took a second on one. */
async function replaceFolder(built: string, out: string): Promise<void> {
  const old = `${built}-ancien`;
  if (existsSync(out)) renameSync(out, old);
  renameSync(built, out);
  await rm(old, { recursive: true, force: true });
}

function report(
  out: string,
  pass: PassResult,
  listings: { pages: number; bytes: number; monthBytes: number },
  assets: number,
  state: BuildState,
): SiteReport {
  const { index, budget } = pass;
  const budgeted = publishedBytes(budget);
  return {
    out,
    captures: index.captureCount,
    motifs: index.motifs.length,
    prefectures: index.prefectures.length,
    bad: index.bad,
    pages: { captures: pass.capturePages, listings: listings.pages },
    bytes: {
      total: budgeted + listings.bytes + pass.dataBytes + assets,
      budgeted,
      months: listings.monthBytes,
      listings: listings.bytes - listings.monthBytes,
      data: pass.dataBytes,
      assets,
    },
    budget,
    build: { incremental: state.incremental, why: state.why, reused: state.reused },
  };
}

/** The output folder is replaced as a whole: refuse one that holds the archive or anything but a built site. */
function checkFolders(options: SiteOptions): void {
  const { out } = options;
  const archive = options.git?.cache ?? options.archive;
  if (!options.git && (!existsSync(archive) || !statSync(archive).isDirectory())) {
    throw new SiteInputError(
      `Dossier d'archive introuvable : ${archive}. Donnez le dossier des captures avec --archive <dossier> (par exemple une copie de la branche archive).`,
    );
  }
  if (`${archive}/`.startsWith(`${out}/`))
    throw new SiteInputError(
      `--out ${out} contient l'archive ${archive} : choisissez un autre dossier de sortie (par défaut _site).`,
    );
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, '.nojekyll'))) {
    throw new SiteInputError(
      `--out ${out} n'est pas un site construit par cette commande (pas de fichier .nojekyll) : il serait remplacé en entier. Choisissez un dossier vide ou absent.`,
    );
  }
}

/**
 * The archive folder, or the tip of the Git branch fetched into the cache (no captures when it has no such
 * branch); `commit`: the tip read, when there is one.
 */
async function openSource(options: SiteOptions): Promise<{ source: ArchiveSource; commit: string | null }> {
  if (!options.git) return { source: folderSource(options.archive), commit: null };
  const commit = await fetchArchive(options.git);
  return { source: commit === null ? emptySource : gitSource(options.git.cache, commit), commit };
}

export async function buildSite(options: SiteOptions): Promise<SiteReport> {
  try {
    return await buildOnce(options, options.full ? 'demandée (--full)' : null);
  } catch (error) {
    if (!(error instanceof PreviousSiteError)) throw error;
    return buildOnce(options, `il manquait au site précédent des fichiers que l’état nomme (${error.message})`);
  }
}

/** `full`: why the build must be full whatever the state says, or null. */
async function buildOnce(options: SiteOptions, full: string | null): Promise<SiteReport> {
  checkFolders(options);
  const now = options.now ?? new Date();
  const built = join(dirname(options.out), `.${basename(options.out)}-${randomUUID().slice(0, 8)}`);
  mkdirSync(built, { recursive: true });
  let state: BuildState | null = null;
  try {
    const timeless = { repository: options.repository, ...(options.demo ? { demo: true } : {}) };
    const context = { ...timeless, generatedAt: now.toISOString() };
    const { source, commit } = await openSource(options);
    // Only Git gives the content ids the state is keyed by; the state knows the options that shape the pages.
    const stateDir = commit !== null && options.state ? options.state : null;
    const fingerprint = stateDir ? fingerprintOf({ budget: options.budgetBytes, ...timeless }) : '';
    state = new BuildState(stateDir, fingerprint, options.out, built, full);
    const verdicts = new Verdicts(stateDir);
    const checker = await replyChecker(options.tsaRoots ?? []);
    const pass = await runPass(source, built, options.budgetBytes, timeless, state, {
      checker,
      memo: verdicts,
    }).finally(() => source.close());
    if (pass.index.bad.length > 0 && !options.allowBad) throw new BadArchiveError(pass.index.bad);
    const observatory = options.observatory !== undefined && existsSync(join(options.observatory, 'index.html'));
    const build: BuildInfo = {
      ...context,
      freshness: { now, limitHours: options.staleHours },
      budget: pass.budget,
      observatory,
    };
    const months = await writeMonthPages(built, pass.index, timeless, state);
    // Complete once the month pages are made: compressed by libuv's threads while Eleventy makes the others.
    const saved = commit !== null ? Promise.all([state.save(commit), verdicts.save()]) : Promise.resolve();
    // Awaited once the site is in place; if a step before fails, its failure is the one to report.
    saved.catch(() => undefined);
    const others = await renderTemplates(built, { site: pass.index, build });
    const listings = {
      pages: months.pages + others.pages,
      bytes: months.bytes + others.bytes,
      monthBytes: months.bytes,
    };
    const assetBytes = await writeAssets(built, state);
    if (observatory) cpSync(options.observatory!, join(built, paths.observatory), { recursive: true });
    if (commit !== null) state.mark(commit);
    await replaceFolder(built, options.out);
    await saved;
    return report(options.out, pass, listings, assetBytes, state);
  } catch (error) {
    state?.putBack();
    rmSync(built, { recursive: true, force: true });
    throw error;
  }
}
