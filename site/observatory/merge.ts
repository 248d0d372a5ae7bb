/**
 * The observatory's data, pure: the summaries fetched from each site, merged into one list of préfectures
 * with their motifs, each tied to its source. Numbers are sums of what each site published; nothing is
 * estimated. Written as `donnees/observatoire.json` and drawn by page.ts.
 */
import { departementOf } from '../../scraper/target/departements.ts';
import type { MotifSummary, SiteSummary } from '../model/public-summary.ts';
import type { Fetched } from './fetch-summary.ts';

export interface SourceReport {
  url: string;
  ok: boolean;
  error?: string;
  /** When the source last captured anything (its newest capture), if it answered. */
  lastCaptureAt?: string | null;
}

export interface ObservedMotif extends Omit<MotifSummary, 'page'> {
  /** « aucun créneau » among the attempts that reached the page of slots, 0 to 1; null when none reached it. */
  noSlotShare: number | null;
  /** The motif's page on its source site. */
  url: string;
}

export interface ObservedPrefecture {
  id: string;
  name: string;
  /** INSEE code of the département the target id names, or null (then the préfecture is off the map). */
  departement: string | null;
  /** The site it comes from (two forks may follow the same préfecture: each is listed). */
  source: string;
  captures: number;
  reachedSlotPage: number;
  noSlot: number;
  motifs: ObservedMotif[];
}

export interface Observatory {
  generatedAt: string;
  sources: SourceReport[];
  prefectures: ObservedPrefecture[];
  totals: { captures: number; reachedSlotPage: number; noSlot: number };
  /**
   * La Cimade's measure (January 2021: more than one préfecture in two had no date for at least one procedure):
   * distinct préfectures, and those where at least one motif's latest attempt reached the page of slots and found none.
   */
  withoutSlot: { prefectures: number; withAMotifWithoutSlot: number };
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function observe(source: string, summary: SiteSummary): ObservedPrefecture[] {
  return summary.prefectures.map((p) => {
    const motifs = p.motifs.map(({ page, ...m }) => ({
      ...m,
      noSlotShare: share(m.noSlot, m.reachedSlotPage),
      url: new URL(page, source).href,
    }));
    const sum = (field: 'captures' | 'reachedSlotPage' | 'noSlot') => motifs.reduce((n, m) => n + m[field], 0);
    return {
      id: p.id,
      name: p.name,
      departement: departementOf(p.id)?.code ?? null,
      source,
      captures: sum('captures'),
      reachedSlotPage: sum('reachedSlotPage'),
      noSlot: sum('noSlot'),
      motifs,
    };
  });
}

export function mergeSummaries(fetched: readonly { url: string; result: Fetched }[], generatedAt: string): Observatory {
  const sources: SourceReport[] = [];
  const prefectures: ObservedPrefecture[] = [];
  for (const { url, result } of fetched) {
    if (!result.ok) {
      sources.push({ url, ok: false, error: result.error });
      continue;
    }
    sources.push({ url, ok: true, lastCaptureAt: result.summary.lastCaptureAt });
    prefectures.push(...observe(url, result.summary));
  }
  prefectures.sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.source.localeCompare(b.source));
  const totals = { captures: 0, reachedSlotPage: 0, noSlot: 0 };
  for (const p of prefectures) {
    totals.captures += p.captures;
    totals.reachedSlotPage += p.reachedSlotPage;
    totals.noSlot += p.noSlot;
  }
  const ids = new Set(prefectures.map((p) => p.id));
  const closed = new Set(
    prefectures.filter((p) => p.motifs.some((m) => m.latest?.outcome === 'no-slot')).map((p) => p.id),
  );
  return {
    generatedAt,
    sources,
    prefectures,
    totals,
    withoutSlot: { prefectures: ids.size, withAMotifWithoutSlot: closed.size },
  };
}
