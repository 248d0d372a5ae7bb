/**
 * The bench's results in words, pure: the figures of each section as rows, and every target of issues 3, 5
 * and 8 judged against them (« OK », « INSUFFISANT », or « non mesuré » with the reason).
 */
import type { SiteBench } from './site.ts';
import { bytes, count, judge, notMeasured, ratio, seconds, targetText, type Check, type Limit } from './report.ts';
import type { SiteAfter } from './growth.ts';
import { FULL, type GrowthFigures, type Measured, type Results, type SiteRun } from './sections.ts';
import { plural } from '../evidence/french.ts';

/** The predecessor's full-desktop PNG, ≈ 664 MB for 700 captures: the only figure the bench does not measure. */
export const PREDECESSOR_PNG_BYTES = 950_000;

const TITLES: Record<keyof Results, string> = {
  capture: '1. Surcoût de capture (réplique sans latence)',
  slow: '2. Sites lents (latence par réponse, quelques 503)',
  size: '3. Octets par capture',
  growth: '4. Croissance de l’archive (4 captures par motif et par jour)',
  site: '5. Construction du site',
  verify: '6. Vérification',
  dossier: '7. Dossier PDF (3 mois, 4 captures par jour)',
};

type Rows = [string, string][];

const siteBytes = ({ bytes: b, budget }: SiteBench) =>
  `${bytes(b.total)} (détail ${bytes(b.budgeted)} : ${count(budget.published.page.files)} pages de capture${budget.leftOut.page.files > 0 ? `, ${count(budget.leftOut.page.files)} laissées de côté` : ''} ; mois ${bytes(b.months)}, autres pages ${bytes(b.listings)}, données ${bytes(b.data)})`;

/** Whether the site is under the Pages limit with the budget, and else the budget that would keep it there. */
function underLimit(s: SiteAfter, limit: number): string {
  if (s.budgeted < limit) return `sous ${bytes(limit)}`;
  return s.budgetForLimit > 0
    ? `AU-DELÀ de ${bytes(limit)} : budget de ${bytes(s.budgetForLimit)} au plus`
    : `AU-DELÀ de ${bytes(limit)} même sans détail`;
}

type Figures<K extends keyof Results> = Extract<NonNullable<Results[K]>, { ok: true }>['figures'];

const ROWS: { [K in keyof Results]-?: (f: Figures<K>) => Rows } = {
  capture: (f) => [
    [
      `moteur : médiane par motif (${f.engine.captured}/${f.motifs} capturés)`,
      `${seconds(f.engine.medianMs)} (run complet ${seconds(f.engine.totalMs)})`,
    ],
    [
      `robot naïf : médiane par motif (${f.naive.captured}/${f.motifs} capturés)`,
      `${seconds(f.naive.medianMs)} (run complet ${seconds(f.naive.totalMs)})`,
    ],
    ['rapport moteur ÷ naïf', ratio(f.ratio)],
  ],
  slow: (f) => [
    [
      'réglages',
      `latence ${seconds(f.latencyMs)} par réponse, 1er délai avant nouvel essai ${seconds(f.retryDelayMs)}`,
    ],
    [
      'motifs capturés',
      `${f.captured}/${f.motifs} (${plural(f.retries, 'nouvel essai', 'nouveaux essais')} après 503)`,
    ],
    ['durée du run', seconds(f.wallMs)],
    ...f.limit.perHost.map(({ host, pages, imageRounds, retryWaitMs, limitMs }): [string, string] => [
      `limite ${host}`,
      `(${pages} pages + ${imageRounds} envois d’images des pages capturées) × ${seconds(f.latencyMs)} + ${seconds(retryWaitMs)} d’attente = ${seconds(limitMs)}`,
    ]),
    [
      'limite physique (site le plus long)',
      `${seconds(f.limit.limitMs)} (${count(f.requests)} requêtes servies en tout)`,
    ],
    ['rapport durée ÷ limite', ratio(f.ratio)],
  ],
  size: (f) => [
    [
      'captures de la réplique, commits',
      `${count(f.captures)} captures, ${count(f.commits)} commits, ${seconds(f.durationMs)}`,
    ],
    [
      'image de la page (PNG sans perte)',
      `${bytes(f.files.image.mean)} en moyenne, ${f.files.image.distinct} contenus distincts`,
    ],
    [
      'vignette (WebP)',
      `${bytes(f.files.thumbnail.mean)} en moyenne, ${f.files.thumbnail.distinct} contenus distincts`,
    ],
    ['enregistrement (JSON)', bytes(f.files.record.mean)],
    ['pièce tamponnée (rendue à la demande)', bytes(f.files.exhibit.mean)],
    ['dépôt compacté : croissance par capture', bytes(f.repository.growthPerCapture)],
    [
      '… par capture « aucun créneau » répétée',
      `${bytes(f.repository.growthPerRepeatedNoSlot)} (sur ${f.repository.repeatedNoSlotCaptures} captures)`,
    ],
    [
      'prédécesseur : PNG plein écran',
      `${bytes(PREDECESSOR_PNG_BYTES)} (référence, non mesurée) → ${ratio(PREDECESSOR_PNG_BYTES / f.repository.growthPerRepeatedNoSlot)} moins`,
    ],
  ],
  site: (runs) =>
    runs.map((run): [string, string] => [
      `${count(run.captures)} captures`,
      run.ok
        ? `${seconds(run.figures.ms)}, pic ${count(run.figures.peakRssMb)} Mo, ${count(run.figures.pages)} pages, ${siteBytes(run.figures)}`
        : `non mesuré : ${run.reason}`,
    ]),
  growth: ({ sizes, schedule, projections }) => [
    [
      'mesures utilisées (par capture)',
      `dépôt ${bytes(sizes.repositoryBytesPerCapture)} ; détail : page ${bytes(sizes.capturePageBytes)} + images uniques ${bytes(sizes.uniqueImageBytesPerCapture)} ; publié quel que soit le budget ${bytes(sizes.alwaysBytesPerCapture)}, + ${bytes(sizes.pageExtraBytes)} avec une page ; pages de liste ${bytes(sizes.listingBytesPerMotif)} par motif`,
    ],
    [
      'budget du détail (--budget-mb par défaut), limite Pages',
      `${bytes(schedule.budgetBytes)}, ${bytes(schedule.pagesLimitBytes)} (styles et scripts ${bytes(sizes.fixedBytes)})`,
    ],
    ...projections.flatMap((p): Rows => [
      [
        `${p.motifs} motifs : dépôt Git par an`,
        `${bytes(p.repositoryBytesPerYear)} (${count(p.capturesPerYear)} captures)`,
      ],
      ...p.site.map((s): [string, string] => [
        `${p.motifs} motifs : site Pages après ${s.years} an${s.years > 1 ? 's' : ''}`,
        `${bytes(s.budgeted)} avec le budget (${count(s.pages)} captures sur ${count(s.captures)} avec leur page), ${bytes(s.unbudgeted)} sans — ${underLimit(s, schedule.pagesLimitBytes)}`,
      ]),
      [
        `${p.motifs} motifs : limite Pages atteinte`,
        Number.isFinite(p.yearsToPagesLimit)
          ? `après ${p.yearsToPagesLimit.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} ${p.yearsToPagesLimit >= 2 ? 'ans' : 'an'}, budget appliqué`
          : 'jamais',
      ],
    ]),
  ],
  verify: (f) => [
    [`${count(f.captures)} captures générées`, `${seconds(f.ms)} (code de sortie ${f.exitCode}) — « ${f.summary} »`],
  ],
  dossier: (f) => [[`${count(f.captures)} captures`, `${seconds(f.ms)}, ${bytes(f.bytes)}`]],
};

function rowsOf(results: Results, name: keyof Results): Rows {
  const section = results[name];
  if (!section) return [];
  return section.ok ? (ROWS[name] as (f: unknown) => Rows)(section.figures) : [['non mesuré', section.reason]];
}

export function sectionRows(results: Results): { title: string; rows: Rows }[] {
  return (Object.keys(TITLES) as (keyof Results)[])
    .filter((name) => results[name])
    .map((name) => ({
      title: `${TITLES[name]} — ${seconds(results[name]!.ms)}, charge ${results[name]!.load.toLocaleString('fr-FR')} à la fin`,
      rows: rowsOf(results, name),
    }));
}

interface Target<T> {
  label: string;
  limit: number;
  rule: Limit['rule'];
  format: (value: number) => string;
  /** The measured value, or why there is none. */
  measure: (figures: T) => number | string;
}

function verdict<T>(section: Measured<T> | undefined, target: Target<T>): Check {
  const measuredValue = !section ? 'section non lancée' : section.ok ? target.measure(section.figures) : section.reason;
  const { label, limit, rule, format } = target;
  return typeof measuredValue === 'number'
    ? judge({ label, measured: measuredValue, limit, rule, format })
    : notMeasured(label, targetText({ limit, rule, format }), measuredValue);
}

/** The limits other modules define: `TARGET_GROWTH_PER_REPEATED_NO_SLOT` (size.ts), `PAGES_LIMIT_BYTES` (site). */
export interface SharedLimits {
  growthPerRepeatedNoSlot: number;
  pagesBytes: number;
}

export function checks(results: Results, limits: SharedLimits): Check[] {
  const { capture, slow, size, growth, site } = results;
  const tenYears = (f: GrowthFigures) =>
    f.projections.find((p) => p.motifs === 100)?.site.find((s) => s.years === 10)?.budgeted ??
    'projection à 10 ans absente';
  const biggest = Math.max(...FULL.siteCaptures);
  const siteRun = (value: (build: SiteBench) => number) => (runs: SiteRun[]) => {
    const run = runs.find((r) => r.captures === biggest);
    return !run
      ? `taille non construite (${runs.map((r) => count(r.captures)).join(', ')} captures seulement)`
      : run.ok
        ? value(run.figures)
        : run.reason;
  };
  const megabytes = (mb: number) => `${count(mb)} Mo`;
  return [
    verdict(capture, {
      label: 'Surcoût de capture (médiane moteur ÷ naïf)',
      limit: 1 / 3,
      rule: 'at-most',
      format: ratio,
      measure: (f) => f.ratio,
    }),
    verdict(slow, {
      label: 'Sites lents (durée ÷ limite physique)',
      limit: 1.2,
      rule: 'at-most',
      format: ratio,
      measure: (f) => f.ratio,
    }),
    verdict(size, {
      label: 'Dépôt : croissance par « aucun créneau » répété',
      limit: limits.growthPerRepeatedNoSlot,
      rule: 'below',
      format: bytes,
      measure: (f) => f.repository.growthPerRepeatedNoSlot,
    }),
    verdict(size, {
      label: 'Gain sur le PNG du prédécesseur (950 Ko)',
      limit: 400,
      rule: 'above',
      format: ratio,
      measure: (f) => PREDECESSOR_PNG_BYTES / f.repository.growthPerRepeatedNoSlot,
    }),
    verdict(growth, {
      label: 'Site Pages après 10 ans, 100 motifs (budget par défaut)',
      limit: limits.pagesBytes,
      rule: 'below',
      format: bytes,
      measure: tenYears,
    }),
    verdict(site, {
      label: `Site de ${count(biggest)} captures : durée`,
      limit: 60_000,
      rule: 'below',
      format: seconds,
      measure: siteRun((b) => b.ms),
    }),
    verdict(site, {
      label: `Site de ${count(biggest)} captures : mémoire de pointe`,
      limit: 2000,
      rule: 'below',
      format: megabytes,
      measure: siteRun((b) => b.peakRssMb),
    }),
  ];
}
