/**
 * Where a capture lives in the archive. Pure: no file access.
 * `<archive>/<prefecture>/<motif>/<YYYY>/<MM>/<YYYY-MM-DDTHH-mm-ssZ>.{png,webp,txt,json}` — months keep
 * folders far under the ~3,000 entries that GitHub lists comfortably.
 */
export interface CaptureKey {
  prefecture: string;
  motif: string;
  /** ISO 8601 UTC instant of the capture; only the second is kept in names. */
  capturedAt: string;
}

export const EXTENSIONS = { image: '.png', thumbnail: '.webp', text: '.txt', record: '.json' } as const;

/** `2026-11-27T04-39-22Z` from `2026-11-27T04:39:22.512Z`. */
export function stampOf(capturedAt: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(capturedAt);
  if (!match) throw new Error(`date de capture invalide : ${capturedAt}`);
  return `${match[1]}T${match[2]}-${match[3]}-${match[4]}Z`;
}

/** The capture id: `<prefecture>/<motif>/<stamp>`. */
export function captureId(key: CaptureKey): string {
  return `${key.prefecture}/${key.motif}/${stampOf(key.capturedAt)}`;
}

/** Inverse of `captureId`: the key of `<prefecture>/<motif>/<stamp>`, or null when the text is not a capture id. */
export function parseCaptureId(id: string): CaptureKey | null {
  const match = /^([^/]+)\/([^/]+)\/(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z$/.exec(id);
  return match ? { prefecture: match[1]!, motif: match[2]!, capturedAt: `${match[3]}T${match[4]}:${match[5]}:${match[6]}Z` } : null;
}

/** Folder of a capture, relative to the archive root, with `/` separators. */
export function captureDir(key: CaptureKey): string {
  const [year, month] = key.capturedAt.slice(0, 7).split('-');
  return `${key.prefecture}/${key.motif}/${year}/${month}`;
}

/** Relative paths of the files of a capture (the page's text since records carry `text`). */
export function captureFiles(key: CaptureKey): { image: string; thumbnail: string; text: string; record: string } {
  const base = `${captureDir(key)}/${stampOf(key.capturedAt)}`;
  return {
    image: base + EXTENSIONS.image,
    thumbnail: base + EXTENSIONS.thumbnail,
    text: base + EXTENSIONS.text,
    record: base + EXTENSIONS.record,
  };
}

/** Folder of the per-run checksum manifests. */
export const MANIFEST_DIR = 'manifests';
/** Where the writer stages captures before moving them into place (never published). */
export const STAGING_DIR = '.staging';
