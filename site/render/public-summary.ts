/** The site's public summary (`donnees/resume.json`, schema in model/public-summary.ts), from the compact index. */
import type { MotifIndex, SiteIndexView } from '../model/site-index.ts';
import { SUMMARY_SCHEMA, type MotifSummary, type SiteSummary } from '../model/public-summary.ts';
import { paths } from '../model/urls.ts';

function motifSummary(motif: MotifIndex): MotifSummary {
  let noSlot = 0;
  let slots = 0;
  let lastSlotSeenAt: string | null = null;
  for (const c of motif.captures) {
    if (c.outcome === 'no-slot') noSlot++;
    else if (c.outcome === 'slot-available') {
      slots++;
      // Newest first: the first slot met is the last one seen.
      lastSlotSeenAt ??= c.capturedAt;
    }
  }
  const latest = motif.captures[0];
  return {
    id: motif.motif,
    label: motif.motifLabel,
    captures: motif.captures.length,
    reachedSlotPage: noSlot + slots,
    noSlot,
    latest: latest ? { outcome: latest.outcome, capturedAt: latest.capturedAt } : null,
    lastSlotSeenAt,
    page: paths.motif(motif.prefecture, motif.motif),
  };
}

export function publicSummary(index: SiteIndexView, generatedAt: string): SiteSummary {
  return {
    schema: SUMMARY_SCHEMA,
    generatedAt,
    lastCaptureAt: index.newest?.capturedAt ?? null,
    prefectures: index.prefectures.map((p) => ({
      id: p.prefecture,
      name: p.prefectureName,
      motifs: p.motifs.map(motifSummary),
    })),
  };
}
