/**
 * The compact index of the archive that the pages are made from: a few fields per capture, grouped by
 * préfecture, motif and Paris month, newest capture first. Built by `site/pipeline/collect.ts` in the one
 * pass over the archive; read by the renderers.
 */
import type { Deciding } from '../../scraper/evidence/quote.ts';
import type { SiteOutcome } from '../../scraper/outcome/outcomes.ts';

export interface CaptureEntry {
  id: string;
  capturedAt: string;
  /** Paris wall-clock time in ms (its UTC fields are the Paris fields): months, weeks, hours without time zones. */
  paris: number;
  outcome: SiteOutcome;
  /** SHA-256 of the published thumbnail; null when the size budget left it out. */
  thumbnail: string | null;
  /** Whether its page (`<id>.html`) was written: the size budget leaves the oldest out. Never link one that was not. */
  page: boolean;
  /** Whether the outcome differs from the capture before it (the first capture is no change). */
  changed: boolean;
  /** What decided, and what of the page may be quoted: kept for the newest captures of each motif only, for its feed. */
  deciding?: Deciding;
  /** « Prochaine disponibilité le … » read on the page (`YYYY-MM-DD`), when the record has it. */
  nextAvailability?: string;
}

export interface MotifIndex {
  prefecture: string;
  prefectureName: string;
  motif: string;
  motifLabel: string;
  platform: string;
  /**
   * Whether the motif's address had been confirmed on the real site, as its newest record says; absent when that
   * record predates the flag. False is shown « non vérifié ».
   */
  verified?: boolean;
  /** Where a person books this motif: the start page of its newest attempt. */
  bookingUrl: string;
  /** Newest first. */
  captures: CaptureEntry[];
}

export interface PrefectureIndex {
  prefecture: string;
  prefectureName: string;
  motifs: MotifIndex[];
}

export interface MonthPage {
  motif: MotifIndex;
  /** `YYYY-MM`, Paris time. */
  month: string;
  /** Oldest first: a month reads from the 1st to the 31st. */
  captures: CaptureEntry[];
  previous: string | null;
  next: string | null;
}

export interface BadCapture {
  /** Path of the record file, relative to the archive. */
  path: string;
  problems: string[];
}

/** What the pages read of the whole index. */
export interface SiteIndexView {
  readonly bad: BadCapture[];
  motifs: MotifIndex[];
  prefectures: PrefectureIndex[];
  monthPages: MonthPage[];
  captureCount: number;
  /** The month pages of a motif, oldest first. */
  monthsOf(motif: MotifIndex): MonthPage[];
  readonly newest: CaptureEntry | undefined;
  readonly oldest: CaptureEntry | undefined;
}
