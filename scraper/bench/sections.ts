/**
 * The bench's sections: what each one runs (loaded only when chosen, so that `bench site` starts no
 * browser) and how big, in full or `--quick`. A section that fails, or whose module is missing, is kept
 * with its reason: the other figures still come out.
 */
import { loadavg } from 'node:os';
import { UsageError } from '../command-line/usage.ts';
import { oneLine } from '../navigate/attempt.ts';
import type { SizeFigures } from './size.ts';
import type { OverheadFigures } from './overhead.ts';
import type { SlowFigures } from './slow.ts';
import type { VerifyFigures } from './verify.ts';
import type { MeasuredSizes, Projection, Schedule } from './growth.ts';
import type { SiteBench } from './site.ts';
import type { benchDossier } from './dossier.ts';

export const SECTIONS = ['capture', 'slow', 'size', 'site', 'growth', 'verify', 'dossier'] as const;
export type SectionName = (typeof SECTIONS)[number];

export const BENCH_USAGE = `npm run bench -- [${SECTIONS.join('|')}|all]… [--quick] [--captures <n>] [--out <fichier>] | npm run bench -- scale [--captures <n>] [--out <fichier>]`;

export function chosenSections(positionals: string[]): SectionName[] {
  if (positionals.length === 0 || positionals.includes('all')) return [...SECTIONS];
  const unknown = positionals.filter((p) => !(SECTIONS as readonly string[]).includes(p));
  if (unknown.length > 0)
    throw new UsageError(
      `section inconnue : ${unknown.join(', ')}. Sections : ${SECTIONS.join(', ')}, all.\n\nUsage : ${BENCH_USAGE}`,
    );
  // In the bench's own order, whatever the order typed: growth reuses the size and site figures.
  return SECTIONS.filter((s) => positionals.includes(s));
}

export interface Scale {
  sizeCaptures: number;
  siteCaptures: number[];
  verifyCaptures: number;
}

// 200 real captures in the whole bench (~4 min here, 1.2 CPU-s each) keep it under 15 minutes; the size
// bench alone takes the 500 of issue 3 (`npm run bench:size` passes --captures 500, ~11 min).
export const FULL: Scale = { sizeCaptures: 200, siteCaptures: [1_000, 10_000, 100_000], verifyCaptures: 100_000 };
export const QUICK: Scale = { sizeCaptures: 100, siteCaptures: [1_000, 10_000], verifyCaptures: 10_000 };

/** `--captures <n>` sets one size for the size, site and verify sections (`npm run bench:site -- --captures 100000`). */
export function scaleOf(quick: boolean, captures: string | undefined): Scale {
  if (captures === undefined) return quick ? QUICK : FULL;
  const n = Number(captures);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(
      `--captures attend un nombre entier de captures, pas « ${captures} » (ex. --captures 100000).\n\nUsage : ${BENCH_USAGE}`,
    );
  return { sizeCaptures: n, siteCaptures: [n], verifyCaptures: n };
}

/** `load`: the 1-minute load average when the section ended; above the number of cores, other work competed. */
export type Measured<T> = { ms: number; load: number } & ({ ok: true; figures: T } | { ok: false; reason: string });

export type SiteRun = { captures: number } & ({ ok: true; figures: SiteBench } | { ok: false; reason: string });

export interface GrowthFigures {
  sizes: MeasuredSizes;
  schedule: Schedule;
  /** Where each measured size comes from. */
  sources: { repository: string; images: string; site: string };
  projections: Projection[];
}

export type DossierFigures = Awaited<ReturnType<typeof benchDossier>>;

export interface Results {
  capture?: Measured<OverheadFigures>;
  slow?: Measured<SlowFigures>;
  size?: Measured<SizeFigures>;
  site?: Measured<SiteRun[]>;
  growth?: Measured<GrowthFigures>;
  verify?: Measured<VerifyFigures>;
  dossier?: Measured<DossierFigures>;
}

export async function measured<T>(run: () => Promise<T>): Promise<Measured<T>> {
  const started = Date.now();
  const ended = () => ({ ms: Date.now() - started, load: Math.round(loadavg()[0]! * 10) / 10 });
  try {
    const figures = await run();
    return { ok: true, ...ended(), figures };
  } catch (error) {
    return { ok: false, ...ended(), reason: oneLine(error) };
  }
}

export async function siteRuns(scale: Scale, log: (line: string) => void): Promise<SiteRun[]> {
  const { benchSite } = await import('./site.ts');
  const runs: SiteRun[] = [];
  for (const captures of scale.siteCaptures) {
    log(`  site : ${captures} captures…`);
    const run = await measured(async () => (await benchSite(captures))[0]!);
    runs.push(run.ok ? { captures, ok: true, figures: run.figures } : { captures, ok: false, reason: run.reason });
  }
  return runs;
}

export async function sizeRun(scale: Scale, log: (line: string) => void): Promise<SizeFigures> {
  const { benchSize } = await import('./size.ts');
  return benchSize({ captures: scale.sizeCaptures, log: (line) => log(`  ${line}`) });
}

export async function dossierRun(): Promise<DossierFigures> {
  const { benchDossier } = await import('./dossier.ts');
  return benchDossier();
}

/**
 * Growth needs the size figures (measured here when the run did not include them) and two builds of one
 * generated archive: with the default budget (capture pages, and what a page adds outside the budget) and
 * with none (what every capture costs whatever the budget).
 */
export async function growthRun(results: Results, scale: Scale, log: (line: string) => void): Promise<GrowthFigures> {
  const { project } = await import('./growth.ts');
  const { settingsSchema } = await import('../target/schema.ts');
  const { PAGES_LIMIT_BYTES, parseSiteArgs } = await import('../../site/command.ts');
  const { benchSite } = await import('./site.ts');
  const { selectJobs } = await import('../commands/capture.ts');
  const { SEED_TARGETS } = await import('../target/load.ts');
  results.size ??= await measured(() => sizeRun(scale, log));
  if (!results.size.ok) throw new Error(`tailles non mesurées : ${results.size.reason}`);
  const captures = scale.siteCaptures[1] ?? scale.siteCaptures[0]!;
  log(`  croissance : site de ${captures} captures, avec le budget par défaut puis sans budget…`);
  const [full, bare] = (await benchSite(captures, [null, 0])) as [SiteBench, SiteBench];
  const pages = full.budget.published.page;
  if (pages.files === 0) throw new Error('aucune page de capture publiée avec le budget par défaut');
  const unbudgeted = (build: SiteBench) => build.bytes.total - build.bytes.budgeted;
  const size = results.size.figures;
  const { image, thumbnail } = size.files;
  // Mean size × distinct contents: the size bench gives no size of distinct files alone.
  const uniqueBytes = image.distinct * image.mean + thumbnail.distinct * thumbnail.mean;
  const sizes: MeasuredSizes = {
    repositoryBytesPerCapture: size.repository.growthPerCapture,
    uniqueImageBytesPerCapture: uniqueBytes / size.captures,
    capturePageBytes: pages.bytes / pages.files,
    alwaysBytesPerCapture: (bare.bytes.months + bare.bytes.data) / captures,
    listingBytesPerMotif: bare.bytes.listings / bare.motifs,
    pageExtraBytes: (unbudgeted(full) - unbudgeted(bare)) / pages.files,
    fixedBytes: full.bytes.assets,
  };
  const schedule: Schedule = {
    capturesPerDay: settingsSchema.parse({}).capturesPerDay,
    budgetBytes: parseSiteArgs([], {}).site.budgetBytes,
    pagesLimitBytes: PAGES_LIMIT_BYTES,
  };
  const seedMotifs = (await selectJobs([...SEED_TARGETS], undefined)).length;
  return {
    sizes,
    schedule,
    sources: {
      repository: `croissance du dépôt compacté sur ${size.captures} captures de la réplique`,
      images: `${image.distinct} images et ${thumbnail.distinct} vignettes distinctes sur ${size.captures} captures`,
      site: `site construit deux fois à partir de ${captures} captures générées : budget par défaut (${pages.files} pages de capture), puis budget nul`,
    },
    projections: [seedMotifs, 100].map((motifs) => project(sizes, schedule, motifs, [1, 5, 10])),
  };
}
