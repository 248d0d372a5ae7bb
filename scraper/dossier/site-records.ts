/**
 * Reading the site's dossier index in the browser: the gzip file unpacked, entries back to dossier
 * records, checked, and the URLs of images and capture pages (the site's scheme, site/model/urls.ts).
 * No Node module: web APIs only (Node has them too, for the tests).
 */
import { z } from 'zod';
import { paths } from '../../site/model/urls.ts';
import { dossierRecordSchema, type DossierRecord } from './entry.ts';
import { DossierInputError } from './select.ts';

/**
 * One capture in the index: a dossier record without préfecture and motif (they are in its id), and whether the
 * site left out its page image or its page (the size budget leaves the oldest out). The one definition: the site
 * writes entries of this type, the browser form reads them through this schema.
 */
const indexEntrySchema = dossierRecordSchema.omit({ prefecture: true, motif: true }).extend({
  imagePublished: z.literal(false).optional(),
  pagePublished: z.literal(false).optional(),
});
export type IndexEntry = z.infer<typeof indexEntrySchema>;

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

/** The captures of one motif from its index file (`{ captures: [...] }`), as dossier records. */
export function recordsFromIndex(json: unknown, prefecture: string, motif: string): IndexedRecord[] {
  const captures = json && typeof json === 'object' ? (json as { captures?: unknown }).captures : undefined;
  if (!Array.isArray(captures))
    throw new DossierInputError(
      'L’index des captures du site est illisible (pas de liste « captures »). Le site est peut-être en cours de mise à jour : réessayez plus tard.',
    );
  const prefix = `${prefecture}/${motif}/`;
  return captures.flatMap((entry: unknown): IndexedRecord[] => {
    const id = (entry as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !id.startsWith(prefix)) return [];
    const read = indexEntrySchema.safeParse(entry);
    if (!read.success) {
      const issue = read.error.issues[0]!;
      throw new DossierInputError(
        `L’index des captures du site est incomplet pour ${id} : ${issue.path.join('.') || 'entrée'} (${issue.message}).`,
      );
    }
    const { imagePublished, pagePublished, ...record } = read.data;
    return [
      {
        ...record,
        prefecture,
        motif,
        imagePublished: imagePublished !== false,
        pagePublished: pagePublished !== false,
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
