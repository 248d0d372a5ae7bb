/**
 * What the build keeps of a record file: a summary with every field the site needs of the capture but its
 * page (the index, the open data, the dossier index, the size budget), and the ids of its files in the
 * source. Only a capture page needs the whole record, read again when the page is (re)written. Summaries
 * are what the build state (state.ts) keeps of a month folder between builds: a full build makes them from
 * the records, an incremental one takes those of unchanged months from the state, and both go through the
 * same pass, so that they give the same site.
 */
import { toDossierRecord, type DossierRecord } from '../../scraper/dossier/entry.ts';
import type { DecidingEvidence } from '../../scraper/evidence/quote.ts';
import type { EvidenceRecord } from '../../scraper/evidence/record.ts';
import type { RecordFile } from './check.ts';

/** The record's fields that the site uses besides the dossier's. */
export interface CaptureFacts extends DossierRecord {
  platform: string;
  /** The record's `motifVerified`, when it has one: the site says « non vérifié » beside a motif whose newest says false. */
  motifVerified?: boolean;
  startUrl: string;
  thumbnailSha256: string;
  textSha256?: string;
  /** What decided, as the record says it: the feed shows it through `deciding` (evidence/quote.ts). */
  said: DecidingEvidence;
  httpStatus: number | null;
  durationMs: number;
  runUrl: string | null;
}

interface Placed {
  /** Record file name (its UTC stamp) and folder: the order of the pass. */
  name: string;
  dir: string;
}

export interface CaptureSummary extends Placed {
  capture: CaptureFacts;
  /** SHA-256 of the record file's bytes, checked against the manifests that list it at every build (pass.ts). */
  recordSha256: string;
  /** Ids in the source of the record and of the files beside it (text: null when it has none). */
  ids: { record: string; image: string; thumbnail: string; text: string | null };
}

/** A record that cannot be published, and why (check.ts). */
export interface BadSummary extends Placed {
  problems: string[];
}

export type Summary = CaptureSummary | BadSummary;

export const isBad = (summary: Summary): summary is BadSummary => 'problems' in summary;

export function summarize(
  record: EvidenceRecord,
  file: Pick<RecordFile, 'dir' | 'siblings'>,
  name: string,
  recordSha256: string,
): Summary {
  const { provenance, evidence } = record;
  return {
    name,
    dir: file.dir,
    recordSha256,
    ids: {
      record: file.siblings.get(name)!,
      image: file.siblings.get(record.image)!,
      thumbnail: file.siblings.get(record.thumbnail)!,
      text: (record.text && file.siblings.get(record.text)) || null,
    },
    capture: {
      ...toDossierRecord(record),
      platform: record.platform,
      ...(record.motifVerified !== undefined ? { motifVerified: record.motifVerified } : {}),
      startUrl: record.startUrl,
      thumbnailSha256: record.thumbnailSha256,
      ...(record.textSha256 ? { textSha256: record.textSha256 } : {}),
      said: {
        matchedText: evidence.matchedText,
        ...(evidence.description ? { description: evidence.description } : {}),
        ...(evidence.quote ? { quote: evidence.quote } : {}),
        ...(evidence.rule ? { rule: evidence.rule } : {}),
      },
      httpStatus: evidence.httpStatus,
      durationMs: record.durationMs,
      runUrl: provenance.runner.kind === 'github-actions' ? provenance.runner.runUrl : null,
    },
  };
}

/** The dossier's part of the facts (what `toDossierRecord` gave). */
export function dossierPart(capture: CaptureFacts): DossierRecord {
  const {
    platform: _p,
    motifVerified: _v,
    startUrl: _s,
    thumbnailSha256: _t,
    textSha256: _x,
    said: _m,
    httpStatus: _h,
    durationMs: _d,
    runUrl: _r,
    ...dossier
  } = capture;
  return dossier;
}

/** Path of the record file, relative to the archive. */
export const recordPath = (summary: Placed) => `${summary.dir}/${summary.name}`;
