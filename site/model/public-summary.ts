/**
 * The public summary of a site (`donnees/resume.json`): what a remote reader — the national observatory —
 * fetches of each fork's site. One definition, versioned by `schema`; the site writes it
 * (`site/render/public-summary.ts`) and the observatory reads it (`site/observatory/`) through the same zod
 * schema, so a field changed here changes both.
 */
import { z } from 'zod';

export const SUMMARY_SCHEMA = 'screen-ta-prefecture/resume/1';

/** Lengths a hostile site cannot exceed: names and labels are shown on the observatory page. */
const text = (max: number) => z.string().min(1).max(max);
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(80);
const instant = z.iso.datetime();
const count = z.number().int().min(0).max(100_000_000);

export const motifSummarySchema = z.strictObject({
  id: slug,
  label: text(300),
  /** Every capture of the motif, whatever its outcome. */
  captures: count,
  /** Captures that reached the page of slots: « aucun créneau » or a slot offered. */
  reachedSlotPage: count,
  /** Among them, « aucun créneau ». */
  noSlot: count,
  /** An outcome id (`no-slot`…): a slug rather than today's list, so that a fork on newer code is still read. */
  latest: z.strictObject({ outcome: slug, capturedAt: instant }).nullable(),
  /** The newest capture that saw a slot offered. */
  lastSlotSeenAt: instant.nullable(),
  /** The motif's page, relative to the site's address. */
  page: z
    .string()
    .regex(/^[a-z0-9/-]+\/$/)
    .max(200),
});

export const prefectureSummarySchema = z.strictObject({
  id: slug,
  name: text(200),
  motifs: z.array(motifSummarySchema).max(500),
});

export const siteSummarySchema = z.strictObject({
  schema: z.literal(SUMMARY_SCHEMA),
  generatedAt: instant,
  /** The newest capture of the site, any préfecture: when its robot last ran. */
  lastCaptureAt: instant.nullable(),
  prefectures: z.array(prefectureSummarySchema).max(200),
});

export type MotifSummary = z.infer<typeof motifSummarySchema>;
export type SiteSummary = z.infer<typeof siteSummarySchema>;
