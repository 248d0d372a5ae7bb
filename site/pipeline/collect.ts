/**
 * The compact index the listing pages paginate over: a few fields per capture, grouped by préfecture,
 * motif and Paris month. Built in the one pass over the archive, newest capture first; full records are
 * never kept (a capture page is written as soon as its neighbours are known).
 */
import type { Published } from '../model/budget.ts';
import type {
  BadCapture,
  CaptureEntry,
  MonthPage,
  MotifIndex,
  PrefectureIndex,
  SiteIndexView,
} from '../model/site-index.ts';
import { monthKey } from '../model/stats.ts';
import { parisMs } from '../../scraper/evidence/time.ts';
import type { SiteOutcome } from '../../scraper/outcome/outcomes.ts';
import { deciding, needsPageText } from '../../scraper/evidence/quote.ts';
import type { CaptureFacts } from './summary.ts';

/** Captures per motif whose deciding text is kept for the Atom feed. */
export const FEED_SIZE = 50;

/** A class, not a plain object: Eleventy deep-copies plain global data into every template's data. */
export class SiteIndex implements SiteIndexView {
  readonly bad: BadCapture[] = [];
  motifs: MotifIndex[] = [];
  prefectures: PrefectureIndex[] = [];
  monthPages: MonthPage[] = [];
  captureCount = 0;
  private readonly byKey = new Map<string, MotifIndex>();
  private readonly months = new Map<MotifIndex, MonthPage[]>();

  /**
   * Whether `add` needs the capture's page text: for the feed, when the record predates quote and description
   * (what of it may be quoted depends on the page text). A few per motif at most.
   */
  wantsPageText(record: CaptureFacts): boolean {
    const captures = this.byKey.get(`${record.prefecture}/${record.motif}`)?.captures.length ?? 0;
    return captures < FEED_SIZE && needsPageText(record.said);
  }

  /** Records arrive newest first; the labels shown are the newest record's. `pageText` when `wantsPageText`. */
  add(record: CaptureFacts & { outcome: SiteOutcome }, published: Published, pageText: string | null = null): void {
    const key = `${record.prefecture}/${record.motif}`;
    let motif = this.byKey.get(key);
    if (!motif) {
      const { prefecture, prefectureName, motif: id, motifLabel, platform, startUrl: bookingUrl } = record;
      motif = {
        prefecture,
        prefectureName,
        motif: id,
        motifLabel,
        platform,
        ...(record.motifVerified !== undefined ? { verified: record.motifVerified } : {}),
        bookingUrl,
        captures: [],
      };
      this.byKey.set(key, motif);
    }
    const newer = motif.captures.at(-1);
    if (newer) newer.changed = newer.outcome !== record.outcome;
    const entry: CaptureEntry = {
      id: record.id,
      capturedAt: record.capturedAt,
      paris: parisMs(record.capturedAt),
      outcome: record.outcome,
      thumbnail: published.thumbnail ? record.thumbnailSha256 : null,
      page: published.page,
      changed: false,
    };
    if (motif.captures.length < FEED_SIZE) entry.deciding = deciding(record.said, pageText);
    const next = record.facts?.nextAvailability;
    if (next) entry.nextAvailability = next;
    motif.captures.push(entry);
    this.captureCount++;
  }

  /** Groups what the pass collected into the lists the templates paginate over. */
  finish(): this {
    this.motifs = [...this.byKey.values()].sort(
      (a, b) => a.prefecture.localeCompare(b.prefecture) || a.motif.localeCompare(b.motif),
    );
    const prefectures = new Map<string, PrefectureIndex>();
    for (const motif of this.motifs) {
      const entry = prefectures.get(motif.prefecture) ?? {
        prefecture: motif.prefecture,
        prefectureName: motif.prefectureName,
        motifs: [],
      };
      entry.motifs.push(motif);
      prefectures.set(motif.prefecture, entry);
    }
    this.prefectures = [...prefectures.values()];
    for (const motif of this.motifs) this.months.set(motif, monthsOf(motif));
    this.monthPages = [...this.months.values()].flat();
    return this;
  }

  /** The month pages of a motif, oldest first. */
  monthsOf(motif: MotifIndex): MonthPage[] {
    return this.months.get(motif) ?? [];
  }

  get newest(): CaptureEntry | undefined {
    return this.motifs.map((m) => m.captures[0]!).sort((a, b) => b.capturedAt.localeCompare(a.capturedAt))[0];
  }

  get oldest(): CaptureEntry | undefined {
    return this.motifs.map((m) => m.captures.at(-1)!).sort((a, b) => a.capturedAt.localeCompare(b.capturedAt))[0];
  }
}

function monthsOf(motif: MotifIndex): MonthPage[] {
  const months = new Map<string, CaptureEntry[]>();
  for (let i = motif.captures.length - 1; i >= 0; i--) {
    const entry = motif.captures[i]!;
    const key = monthKey(entry.paris);
    const list = months.get(key);
    if (list) list.push(entry);
    else months.set(key, [entry]);
  }
  const keys = [...months.keys()];
  return keys.map((month, i) => ({
    motif,
    month,
    captures: months.get(month)!,
    previous: keys[i - 1] ?? null,
    next: keys[i + 1] ?? null,
  }));
}
