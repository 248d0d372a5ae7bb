/**
 * `npm run bench -- scale [--captures <n>]`: the site job at ten years' scale, as the workflow runs it.
 * Writes an archive of N captures into a local bare repository (scale-archive.ts), packs it as `git gc`
 * does and says what each kind of object costs, then runs `npm run site -- --git <dépôt> --ref archive`
 * in a child process from an empty cache and state (fetch + full build), appends one run of 14 captures
 * that find the same pages again, and runs it again with the cache, state and site of the first (fetch +
 * incremental build); under a million captures, a third build (`--full`) must give the same files. Meanwhile
 * it samples the memory of the build's processes (the site command, its Git fetch and cat-file; not the
 * local server side of the fetch) and the disk of its cache, state and site folders. The growth per repeated
 * capture is measured apart, on a small archive packed before and after. Prints each figure beside its
 * target; everything is in a temp folder it removes.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../archive/write.ts';
import { git } from '../git/git.ts';
import { UsageError } from '../command-line/usage.ts';
import { describeMachine, machine } from './machine.ts';
import { BENCH_USAGE } from './sections.ts';
import { INDEX_ENTRY_BYTES, packedByKind, type ObjectKind } from './git-pack.ts';
import { bytes, checkRows, count, judge, notMeasured, seconds, table, type Check } from './report.ts';
import { compareFolders, sameWords, type FolderComparison } from './same-files.ts';
import {
  appendCaptures,
  CAPTURES_PER_DAY,
  LEGACY_MIX,
  PAGE_IMAGE_BYTES,
  RUN_HOURS,
  scaleKindOf,
  scaleMotifs,
  THUMBNAIL_BYTES,
} from './scale-archive.ts';
import {
  perCapture,
  repack,
  repeatedGrowth,
  REPEAT_BASE_DAYS,
  REPEATED_RUNS,
  runPack,
  type ByKind,
  type RepeatedGrowth,
} from './scale-repository.ts';
import { buildFolders, siteBuild, type BuildRun } from './scale-site-job.ts';

export const SCALE_SIZES = [100_000, 1_460_000];
const MOTIFS = 100;
const INCREMENT = 14;
const GB = 1e9;
/** The site is built a third time, in full, and compared with the incremental one only below this size (time). */
const COMPARE_BELOW = 1_000_000;
export interface ScaleFigures {
  captures: number;
  motifs: number;
  generateMs: number;
  packMs: number;
  packedBytes: number;
  /** The packed repository by kind of object, in bytes per capture. */
  packedByKind: ByKind;
  /** Captures that showed a page never seen before (slots, unknown pages): a new image and thumbnail each. */
  newPages: number;
  full: BuildRun;
  incremental: BuildRun;
  /** The same site built again in full (`--full`), and how it compares with the incremental one; null from a million captures. */
  fullAgain: (BuildRun & { comparison: FolderComparison }) | null;
  repeated: RepeatedGrowth;
  /** What the push of the run of repeated captures carried (its thin pack, before any repack), per capture. */
  pushedPerCapture: number;
  /** The same, by kind of object, per capture. */
  pushedByKind: ByKind;
  checks: Check[];
}

export async function benchScale(captures: number, log: (line: string) => void): Promise<ScaleFigures> {
  const scratch = await mkdtemp(join(tmpdir(), 'stp-scale-'));
  try {
    const motifs = scaleMotifs(MOTIFS);
    log(
      `Croissance par capture répétée : ${REPEAT_BASE_DAYS} jours de runs compactés, puis ${REPEATED_RUNS} runs répétés compactés…`,
    );
    const repeated = await repeatedGrowth(scratch, motifs);
    log(`  ${bytes(repeated.perCapture)} par capture répétée (${seconds(repeated.ms)}).`);
    const bare = join(scratch, 'depot.git');
    const runner = buildFolders(join(scratch, 'runner'));
    await git(['init', '--bare', '--quiet', bare], { cwd: scratch });
    await mkdir(runner.watched);
    log(`Archive de ${count(captures)} captures (${MOTIFS} démarches) écrite dans un dépôt nu…`);
    let t = performance.now();
    const { runs, newPages } = await appendCaptures({ gitDir: bare, motifs, captures, firstRun: 0, log });
    const generateMs = Math.round(performance.now() - t);
    t = performance.now();
    const packedBytes = await repack(bare);
    const packMs = Math.round(performance.now() - t);
    const byKind = perCapture(await packedByKind(bare, scaleKindOf), captures);
    log(`  ${runs} runs, ${bytes(packedBytes)} compactés (${seconds(generateMs)} + ${seconds(packMs)}).`);
    log('Site depuis Git, cache vide : récupération + construction complète…');
    // The builds run when the next run has committed (its commit is RUN_HOURS after the last one).
    const tip = await git(['--git-dir', bare, 'log', '-1', '--format=%ct', 'archive'], { cwd: bare });
    const now = Number(tip.trim()) + RUN_HOURS * 3600;
    const full = await siteBuild(bare, runner, now);
    log(
      `  ${seconds(full.ms)}, mémoire ${bytes(full.peakMemory)} (anonyme ${bytes(full.peakAnonymous)}), disque ${bytes(full.peakDisk)}.`,
    );
    const before = (await git(['--git-dir', bare, 'rev-parse', 'archive'], { cwd: bare })).trim();
    await appendCaptures({
      gitDir: bare,
      motifs: motifs.slice(0, INCREMENT),
      captures: INCREMENT,
      firstRun: runs,
      repeatedOnly: true,
    });
    const pushed = await runPack(bare, before);
    log(`Un run de ${INCREMENT} captures de plus : récupération + construction incrémentale…`);
    const incremental = await siteBuild(bare, runner, now);
    log(`  ${seconds(incremental.ms)}.`);
    let fullAgain: ScaleFigures['fullAgain'] = null;
    if (captures < COMPARE_BELOW) {
      log('Le même site construit en entier (--full), comparé fichier à fichier…');
      const again = { ...buildFolders(join(scratch, 'complet')), cache: runner.cache };
      await mkdir(again.watched);
      const build = await siteBuild(bare, again, now, true);
      const comparison = await compareFolders(runner.site, again.site);
      fullAgain = { ...build, comparison };
      log(`  ${seconds(build.ms)} ; site incrémental identique au site complet : ${sameWords(comparison)}.`);
    }
    const figures = {
      captures,
      motifs: MOTIFS,
      generateMs,
      packMs,
      packedBytes,
      packedByKind: byKind,
      newPages,
      full,
      incremental,
      fullAgain,
      repeated,
      pushedPerCapture: pushed.bytes / INCREMENT,
      pushedByKind: perCapture(pushed.byKind, INCREMENT),
    };
    return { ...figures, checks: scaleChecks(figures) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

const KIND_WORDS: Record<ObjectKind, string> = {
  records: 'fiches',
  images: 'images',
  thumbnails: 'vignettes',
  texts: 'textes',
  manifests: 'manifestes',
  timestamps: 'horodatages',
  trees: 'arbres',
  commits: 'commits',
  other: 'autres',
};

/** Ten years of captures at `motifs` motifs. */
const tenYears = (motifs: number) => motifs * CAPTURES_PER_DAY * 365.25 * 10;

/** What the images and thumbnails of never-seen pages alone add to the packed repository, per capture. */
export const newPagesFloor = (f: Pick<ScaleFigures, 'newPages' | 'captures'>) =>
  (f.newPages * (PAGE_IMAGE_BYTES + THUMBNAIL_BYTES + 2 * INDEX_ENTRY_BYTES)) / f.captures;

const percent = (share: number) => `${(share * 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`;

const kindWords = (byKind: ByKind) =>
  Object.entries(byKind)
    .map(([kind, n]) => `${KIND_WORDS[kind as ObjectKind]} ${bytes(n)}`)
    .join(', ');

const differentFiles = (n: number) =>
  n === 0 ? 'aucun fichier différent' : n === 1 ? '1 fichier différent' : `${count(n)} fichiers différents`;

export function scaleChecks(f: Omit<ScaleFigures, 'checks'>): Check[] {
  const big = f.captures >= 1_000_000;
  const at = `${count(f.captures)} captures`;
  const time = (ms: number) => seconds(ms);
  const perCapture = f.packedBytes / f.captures;
  const checks = [
    judge({
      label: `Récupération + construction complète depuis Git, ${at}`,
      measured: f.full.ms,
      limit: big ? 600_000 : 60_000,
      rule: 'at-most',
      format: time,
    }),
    judge({
      label: `Disque au plus haut (cache, état et site), ${at}`,
      measured: f.full.peakDisk,
      limit: big ? 5 * GB : GB,
      rule: 'at-most',
      format: bytes,
    }),
    judge({
      label: `Construction après un run de ${INCREMENT} captures, ${at}`,
      measured: f.incremental.ms,
      limit: big ? 30_000 : 10_000,
      rule: 'at-most',
      format: time,
    }),
    f.fullAgain === null
      ? notMeasured(
          'Site incrémental identique au site complet',
          `= ${differentFiles(0)}`,
          `comparé sous ${count(COMPARE_BELOW)} captures seulement (une troisième construction)`,
        )
      : judge({
          label: 'Site incrémental identique au site complet',
          measured: f.fullAgain.comparison.differing,
          limit: 0,
          rule: 'equal',
          format: differentFiles,
        }),
    judge({
      label: `Dépôt compacté : croissance par capture, mélange réaliste avec murs de captcha`,
      measured: perCapture,
      limit: 1000,
      rule: 'at-most',
      format: bytes,
      note: `les images des pages jamais vues (créneaux, pages inconnues : ${percent(f.newPages / f.captures)} des captures, ${bytes(PAGE_IMAGE_BYTES + THUMBNAIL_BYTES)} chacune, PNG sans delta possible) coûtent à elles seules ${bytes(newPagesFloor(f))} par capture`,
    }),
    judge({
      label: `Dépôt compacté : croissance par capture répétée (même page)`,
      measured: f.repeated.perCapture,
      limit: 600,
      rule: 'at-most',
      format: bytes,
    }),
    judge({
      label: `Dépôt après 10 ans à 100 démarches (${count(tenYears(100))} captures)`,
      measured: perCapture * tenYears(100),
      limit: 2 * GB,
      rule: 'at-most',
      format: bytes,
    }),
  ];
  if (big)
    checks.splice(
      2,
      0,
      judge({
        label: `Mémoire au plus haut, ${at} (anonyme : hors pages du paquet Git projetées, que le système reprend)`,
        measured: f.full.peakAnonymous,
        limit: 2 * GB,
        rule: 'at-most',
        format: bytes,
      }),
    );
  return checks;
}

/** What the archive is made of, said with the figures. */
export const SCALE_ASSUMPTIONS = [
  `${MOTIFS} démarches (une sur cinq sur RDV Préfecture : mur de captcha masqué à chaque capture, 5 % d'erreurs), un run par ${RUN_HOURS} h, un commit par run`,
  `démarches du module de réservation : ${LEGACY_MIX.map(([o, s]) => `${o} ${Math.round(s * 100)} %`).join(', ')}, le reste « aucun créneau »`,
  `pages nouvelles à chaque fois : créneaux et pages inconnues ; une image par site et par type d'erreur (3 variantes), une par démarche pour « aucun créneau » et le captcha`,
  `images ${bytes(PAGE_IMAGE_BYTES)} et vignettes ${bytes(THUMBNAIL_BYTES)} incompressibles, fiches JSON du générateur`,
];

/** The lines printed for one size: figures, projections, then the verdicts. */
export function scaleLines(f: ScaleFigures): string[] {
  const perCapture = f.packedBytes / f.captures;
  const run = (r: BuildRun) =>
    `${seconds(r.ms)}, mémoire ${bytes(r.peakMemory)} (anonyme ${bytes(r.peakAnonymous)}), disque ${bytes(r.peakDisk)}, ${count(r.captures)} captures`;
  const { repeated } = f;
  return [
    `Échelle : ${count(f.captures)} captures, ${f.motifs} démarches`,
    ...table([
      ['Mesure', 'Valeur'],
      ['Archive écrite (fast-import) puis compactée', `${seconds(f.generateMs)} + ${seconds(f.packMs)}`],
      ['Dépôt compacté', `${bytes(f.packedBytes)}, ${bytes(perCapture)} par capture`],
      ['  dont, par capture', kindWords(f.packedByKind)],
      [
        '  plancher : images des pages jamais vues',
        `${count(f.newPages)} pages (${percent(f.newPages / f.captures)}), ${bytes(newPagesFloor(f))} par capture`,
      ],
      ['Récupération + construction, cache et état vides', run(f.full)],
      [`Après un run de ${INCREMENT} captures, incrémentale`, run(f.incremental)],
      ...(f.fullAgain === null
        ? []
        : [
            ['Le même site construit en entier (--full)', run(f.fullAgain)],
            [
              'Site incrémental identique au site complet',
              `${sameWords(f.fullAgain.comparison)}, ${count(f.fullAgain.comparison.files)} fichiers comparés`,
            ],
          ]),
      [
        'Croissance par capture répétée, dépôt compacté',
        `${bytes(repeated.perCapture)} : ${kindWords(repeated.byKind)} (${count(repeated.captures)} captures répétées après ${count(repeated.baseCaptures)}, ${seconds(repeated.ms)})`,
      ],
      [
        'Ce qu’un push transmet par capture répétée, avant le compactage',
        `${bytes(f.pushedPerCapture)} : ${kindWords(f.pushedByKind)} (paquet mince d’un run, non jugé)`,
      ],
      ...[11, 100].map((m) => [
        `Projection 10 ans à ${m} démarches`,
        `${count(tenYears(m))} captures, dépôt ${bytes(perCapture * tenYears(m))}`,
      ]),
    ]).map((l) => `  ${l}`),
    '',
    ...checkRows(f.checks),
    ...f.checks.filter((c) => c.note).map((c) => `  ${c.label} : ${c.note}`),
  ];
}

/** `npm run bench -- scale`: both sizes of the issue, or the one of `--captures`; figures to stdout and `out`. */
export async function runScale(captures: string | undefined, out: string): Promise<number> {
  const sizes = captures === undefined ? SCALE_SIZES : [Number(captures)];
  if (!sizes.every((n) => Number.isInteger(n) && n >= MOTIFS))
    throw new UsageError(
      `--captures attend un nombre entier d'au moins ${MOTIFS} captures, pas « ${captures} ».\n\nUsage : ${BENCH_USAGE}`,
    );
  const started = Date.now();
  const log = (line: string) => console.error(`[${seconds(Date.now() - started).padStart(8)}] ${line}`);
  log(`Machine : ${describeMachine(await machine())}`);
  const results: ScaleFigures[] = [];
  for (const n of sizes) {
    results.push(await benchScale(n, log));
    // Written after each size: the figures of the first are kept if the second does not finish.
    await writeFileAtomic(
      out,
      JSON.stringify({ startedAt: new Date(started).toISOString(), assumptions: SCALE_ASSUMPTIONS, results }, null, 2) +
        '\n',
    );
  }
  console.log(
    [
      `Banc d'échelle — ${new Date(started).toISOString()}, ${seconds(Date.now() - started)} en tout`,
      ...SCALE_ASSUMPTIONS.map((a) => `  ${a}`),
      '',
      ...results.flatMap((f) => [...scaleLines(f), '']),
      `Résultats complets : ${out}`,
    ].join('\n'),
  );
  return 0;
}
