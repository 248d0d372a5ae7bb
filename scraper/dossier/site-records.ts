/**
 * Reading the site's dossier index in the browser: the gzip file unpacked, entries back to dossier
 * records, checked, and the URLs of images and capture pages (the site's scheme, site/model/urls.ts).
 * No Node module: web APIs only (Node has them too, for the tests).
 */
import { paths } from '../../site/model/urls.ts';
import { OUTCOMES, type Outcome } from '../outcome/outcomes.ts';
import type { PageFacts, Publication } from '../outcome/facts.ts';
import type { DossierRecord, ProvenanceFacts, TimestampFact } from './entry.ts';
import { DossierInputError } from './select.ts';

/** One capture in the index: a dossier record without préfecture and motif (they are in its id). */
export type IndexEntry = Omit<DossierRecord, 'prefecture' | 'motif'> & {
  imagePublished?: false;
  pagePublished?: false;
};

/** A dossier record, and whether the site has its page image and its page (the size budget leaves the oldest out). */
export type IndexedRecord = DossierRecord & { imagePublished: boolean; pagePublished: boolean };

/**
 * The JSON of an index file from its bytes. GitHub Pages serves `.json.gz` as application/gzip without
 * Content-Encoding, so the browser hands over the gzip bytes, unpacked here; a server that does send
 * Content-Encoding: gzip hands over the JSON itself, read as it is.
 */
export async function readIndex(bytes: Uint8Array<ArrayBuffer>): Promise<unknown> {
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = gzipped
    ? await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text()
    : new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text);
  } catch {
    throw new DossierInputError(
      'L’index des captures du site est illisible (JSON invalide). Le site est peut-être en cours de mise à jour : réessayez plus tard.',
    );
  }
}

const text = (value: unknown): value is string => typeof value === 'string' && value !== '';

function facts(value: unknown): ProvenanceFacts | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const ok =
    text(v.browser) &&
    text(v.machine) &&
    text(v.software) &&
    typeof v.proxy === 'boolean' &&
    typeof v.freshProfile === 'boolean' &&
    (v.publicIp === null || text(v.publicIp)) &&
    // The server's identity, for records that carry it: the dossier's table prints it.
    [v.server, v.tls].every((t) => t === undefined || t === null || text(t)) &&
    (v.clockOffsetMs === undefined || v.clockOffsetMs === null || typeof v.clockOffsetMs === 'number');
  return ok ? (v as unknown as ProvenanceFacts) : undefined;
}

/**
 * The run's timestamps as the index lists them: a time only for a reply the site build verified (timestamp/read.ts),
 * otherwise why not; an entry that does not read vouches for nothing.
 */
function timestamps(value: unknown): TimestampFact[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((t: unknown): TimestampFact[] => {
    const { authority, genTime, unverified } = (t ?? {}) as Record<string, unknown>;
    if (!text(authority)) return [];
    if (text(genTime) && !Number.isNaN(Date.parse(genTime)) && unverified === undefined)
      return [{ authority, genTime }];
    return text(unverified) ? [{ authority, unverified }] : [];
  });
}

const isoDay = (value: unknown): value is string => text(value) && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The dates the page gave, as far as they read: the table and the notes print them. */
function pageFacts(value: unknown): PageFacts | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const publication = (p: unknown): Publication | undefined => {
    const { at, week } = (p ?? {}) as Record<string, unknown>;
    return text(at) ? { at, ...(isoDay(week) ? { week } : {}) } : undefined;
  };
  const next = publication(v.nextPublication);
  const last = publication(v.lastPublication);
  const read: PageFacts = {
    ...(isoDay(v.nextAvailability) ? { nextAvailability: v.nextAvailability } : {}),
    ...(next ? { nextPublication: next } : {}),
    ...(last ? { lastPublication: last } : {}),
  };
  return Object.keys(read).length > 0 ? read : undefined;
}

/** What the banner says beside the image (a masked captcha, a page cut to the caps, dialogs), as far as it reads. */
function imageNotes(value: unknown): DossierRecord['evidence'] {
  const { masked, truncated, dialogs } = (value ?? {}) as Record<string, unknown>;
  const height = (truncated as { height?: unknown } | undefined)?.height;
  const read = Array.isArray(dialogs)
    ? dialogs.filter(
        (d): d is { at: string; type: 'alert' | 'confirm' | 'prompt' | 'beforeunload'; message: string } =>
          d !== null &&
          typeof d === 'object' &&
          text(d.at) &&
          !Number.isNaN(Date.parse(d.at)) &&
          ['alert', 'confirm', 'prompt', 'beforeunload'].includes(d.type) &&
          text(d.message),
      )
    : [];
  const notes = {
    ...(read.length > 0 ? { dialogs: read } : {}),
    ...(Array.isArray(masked) && masked.length > 0 && masked.every(text) ? { masked: masked as string[] } : {}),
    ...(typeof height === 'number' && Number.isInteger(height) && height >= 0 ? { truncated: { height } } : {}),
  };
  return Object.keys(notes).length > 0 ? notes : undefined;
}

/** The captures of one motif from its index file (`{ captures: [...] }`), as dossier records. */
export function recordsFromIndex(json: unknown, prefecture: string, motif: string): IndexedRecord[] {
  const captures = json && typeof json === 'object' ? (json as { captures?: unknown }).captures : undefined;
  if (!Array.isArray(captures))
    throw new DossierInputError(
      'L’index des captures du site est illisible (pas de liste « captures »). Le site est peut-être en cours de mise à jour : réessayez plus tard.',
    );
  const prefix = `${prefecture}/${motif}/`;
  return captures.flatMap((entry: unknown): IndexedRecord[] => {
    const e = (entry ?? {}) as Record<string, unknown>;
    if (!text(e.id) || !e.id.startsWith(prefix)) return [];
    const outcome = e.outcome as Outcome;
    const complete =
      text(e.capturedAt) &&
      OUTCOMES.includes(outcome) &&
      text(e.sha256) &&
      /^[0-9a-f]{64}$/.test(e.sha256) &&
      text(e.url) &&
      text(e.prefectureName) &&
      text(e.motifLabel);
    if (!complete)
      throw new DossierInputError(
        `L’index des captures du site est incomplet pour ${e.id} : il faut capturedAt, outcome, sha256, url, prefectureName et motifLabel.`,
      );
    const provenance = facts(e.provenance);
    const stamps = timestamps(e.timestamps);
    const dates = pageFacts(e.facts);
    const notes = imageNotes(e.evidence);
    return [
      {
        id: e.id,
        prefecture,
        motif,
        prefectureName: e.prefectureName as string,
        motifLabel: e.motifLabel as string,
        url: e.url as string,
        capturedAt: e.capturedAt as string,
        outcome,
        assisted: e.assisted === true,
        ...(e.mode === 'witness' ? { mode: 'witness' as const } : {}),
        sha256: e.sha256 as string,
        imagePublished: e.imagePublished !== false,
        pagePublished: e.pagePublished !== false,
        ...(provenance ? { provenance } : {}),
        ...(dates ? { facts: dates } : {}),
        ...(stamps.length > 0 ? { timestamps: stamps } : {}),
        ...(notes ? { evidence: notes } : {}),
      },
    ];
  });
}

/** Site path of a motif's dossier index (gzip-compressed JSON). */
export const dossierIndexPath = (prefecture: string, motif: string) =>
  paths.dataFile(`dossier/${prefecture}/${motif}.json.gz`);

/** The address of a motif's capture pages with `<capture>` in place of the stamp, as printed above the table. */
export const capturePagePattern = (root: string, prefecture: string, motif: string) =>
  root + paths.capture(`${prefecture}/${motif}/<capture>`);

/** URL of a capture's page image on the site whose root is `root` (absolute, ending with `/`). */
export const imageUrl = (root: string, record: Pick<DossierRecord, 'sha256'>) =>
  new URL(paths.image(record.sha256), root).href;

/** URL of a capture's page on the site whose root is `root`. */
export const capturePageUrl = (root: string, record: Pick<DossierRecord, 'id'>) =>
  new URL(paths.capture(record.id), root).href;
