/**
 * Reading the site's dossier index in the browser: entries back to dossier records, checked, and the URLs
 * of images and capture pages (the site's scheme, site/render/urls.ts). Pure; no Node module.
 */
import { paths } from '../../site/render/urls.ts';
import { OUTCOMES, type Outcome } from '../outcome/outcomes.ts';
import type { DossierRecord, ProvenanceFacts } from './entry.ts';
import { DossierInputError } from './select.ts';

/** One capture in the index: a dossier record without préfecture and motif (they are in its id). */
export type IndexEntry = Omit<DossierRecord, 'prefecture' | 'motif'> & { imagePublished?: false };

export type IndexedRecord = DossierRecord & { imagePublished: boolean };

const text = (value: unknown): value is string => typeof value === 'string' && value !== '';

function facts(value: unknown): ProvenanceFacts | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  const ok = text(v.browser) && text(v.machine) && text(v.software) && typeof v.proxy === 'boolean' && typeof v.freshProfile === 'boolean' && (v.publicIp === null || text(v.publicIp));
  return ok ? (v as unknown as ProvenanceFacts) : undefined;
}

/** The captures of one motif from its index file (`{ captures: [...] }`), as dossier records. */
export function recordsFromIndex(json: unknown, prefecture: string, motif: string): IndexedRecord[] {
  const captures = json && typeof json === 'object' ? (json as { captures?: unknown }).captures : undefined;
  if (!Array.isArray(captures)) throw new DossierInputError('L’index des captures du site est illisible (pas de liste « captures »). Le site est peut-être en cours de mise à jour : réessayez plus tard.');
  const prefix = `${prefecture}/${motif}/`;
  return captures.flatMap((entry: unknown): IndexedRecord[] => {
    const e = (entry ?? {}) as Record<string, unknown>;
    if (!text(e.id) || !e.id.startsWith(prefix)) return [];
    const outcome = e.outcome as Outcome;
    const complete = text(e.capturedAt) && OUTCOMES.includes(outcome) && text(e.sha256) && /^[0-9a-f]{64}$/.test(e.sha256) && text(e.url) && text(e.prefectureName) && text(e.motifLabel);
    if (!complete) throw new DossierInputError(`L’index des captures du site est incomplet pour ${e.id} : il faut capturedAt, outcome, sha256, url, prefectureName et motifLabel.`);
    const provenance = facts(e.provenance);
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
        sha256: e.sha256 as string,
        imagePublished: e.imagePublished !== false,
        ...(provenance ? { provenance } : {}),
      },
    ];
  });
}

/** Site path of a motif's dossier index. */
export const dossierIndexPath = (prefecture: string, motif: string) => paths.dataFile(`dossier/${prefecture}/${motif}.json`);

/** The address of a motif's capture pages with `<capture>` in place of the stamp, as printed above the table. */
export const capturePagePattern = (root: string, prefecture: string, motif: string) => root + paths.capture(`${prefecture}/${motif}/<capture>`);

/** URL of a capture's page image on the site whose root is `root` (absolute, ending with `/`). */
export const imageUrl = (root: string, record: Pick<DossierRecord, 'sha256'>) => new URL(paths.image(record.sha256), root).href;

/** URL of a capture's page on the site whose root is `root`. */
export const capturePageUrl = (root: string, record: Pick<DossierRecord, 'id'>) => new URL(paths.capture(record.id), root).href;
