/**
 * The archive layout, in one place: where a capture lives (build), what a path of the archive is (parse), and
 * whether a record sits where its own fields say (placement). Every reader and writer of the archive uses it.
 * Pure: no file access.
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
  return match
    ? { prefecture: match[1]!, motif: match[2]!, capturedAt: `${match[3]}T${match[4]}:${match[5]}:${match[6]}Z` }
    : null;
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

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
const CAPTURE_PATH = new RegExp(
  `^(${SLUG})/(${SLUG})/\\d{4}/\\d{2}/(\\d{4}-\\d{2}-\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})Z\\.(png|webp|txt|json)$`,
);
const MANIFEST_PATH = new RegExp(`^${MANIFEST_DIR}/[A-Za-z0-9-]+\\.sha256$`);
const KIND_OF = { png: 'image', webp: 'thumbnail', txt: 'text', json: 'record' } as const;

export interface CapturePath {
  key: CaptureKey;
  kind: keyof typeof EXTENSIONS;
  /** The path without its extension: the three files of a capture share it. */
  stem: string;
}

/**
 * What a path relative to the archive (with `/`) is, when it has the shape of a capture file; null otherwise. The
 * year and month folders are not compared with the stamp here: that is `placementProblems`' job, which names it.
 */
export function parseCapturePath(path: string): CapturePath | null {
  const match = CAPTURE_PATH.exec(path);
  if (!match) return null;
  const [, prefecture, motif, day, hours, minutes, seconds, extension] = match;
  return {
    key: { prefecture: prefecture!, motif: motif!, capturedAt: `${day}T${hours}:${minutes}:${seconds}Z` },
    kind: KIND_OF[extension as keyof typeof KIND_OF],
    stem: path.slice(0, path.lastIndexOf('.')),
  };
}

/**
 * A run's checksum manifest: the start of the run and the start of the manifest's own SHA-256, so that jobs of one
 * workflow run never pick the same name.
 */
export function manifestPath(runStartedAt: string, textSha256: string): string {
  return `${MANIFEST_DIR}/${stampOf(runStartedAt)}-${textSha256.slice(0, 8)}.sha256`;
}

/** A path of the shape `manifestPath` makes. */
export function isManifestPath(path: string): boolean {
  return MANIFEST_PATH.test(path);
}

/** A time-stamping authority's reply for a manifest: `manifests/<name>.sha256.<authority>.tsr` (scraper/timestamp/). */
const REPLY_PATH = new RegExp(`^(${MANIFEST_DIR}/[A-Za-z0-9-]+\\.sha256)\\.([A-Za-z0-9._-]+)\\.tsr$`);

/** The manifest and the authority's label of a reply's path; null for any other path. */
export function parseReplyPath(path: string): { manifest: string; authority: string } | null {
  const match = REPLY_PATH.exec(path);
  return match ? { manifest: match[1]!, authority: match[2]! } : null;
}

/** The year and month folders of the layout, for walkers that go down it folder by folder. */
export const isYearFolder = (name: string) => /^\d{4}$/.test(name);
export const isMonthFolder = (name: string) => /^\d{2}$/.test(name);

/** The fields of a record that fix where it lives and what its files are called. */
export interface PlacedRecord extends CaptureKey {
  id: string;
  image: string;
  thumbnail: string;
}

const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * Why a record read at `recordPath` does not sit where its own fields say, field first and in French; empty when it
 * does. Its id becomes a page address and its place a folder, so a record may not choose either.
 */
export function placementProblems(record: PlacedRecord, recordPath: string): string[] {
  const problems: string[] = [];
  for (const field of ['prefecture', 'motif'] as const) {
    if (!new RegExp(`^${SLUG}$`).test(record[field]))
      problems.push(`${field} : « ${record[field]} » n'est pas un identifiant (minuscules, chiffres et tirets)`);
  }
  const expected = captureFiles(record);
  if (record.id !== captureId(record))
    problems.push(
      `id : « ${record.id} » au lieu de « ${captureId(record)} » (préfecture/motif/horodatage de la capture)`,
    );
  if (expected.record !== recordPath)
    problems.push(
      `capturedAt : cette capture devrait être rangée sous ${expected.record} (ses champs prefecture, motif et capturedAt l'y placent), pas ici`,
    );
  for (const field of ['image', 'thumbnail'] as const) {
    const name = fileName(expected[field]);
    if (record[field] !== name) problems.push(`${field} : « ${record[field]} » au lieu de « ${name} »`);
  }
  return problems;
}
/** Where the writer stages captures before moving them into place (never published). */
export const STAGING_DIR = '.staging';
/** Where a witness session without a target puts its captures (`personnel/<slug of the page title>/…`). */
export const PERSONAL_DIR = 'personnel';
