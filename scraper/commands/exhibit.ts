/**
 * `npm run exhibit -- <record file or capture id> [--out <file>] [--archive <dir>]`: writes the stamped
 * exhibit of one capture (page image + banner) as a PNG, by default in the current folder.
 * Exit 0: written; 1: the image does not match its record (nothing written); 2: bad usage or bad input.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import sharp from 'sharp';
import { captureFiles, parseCaptureId, placementProblems, stampOf } from '../archive/paths.ts';
import { parseRecord } from '../archive/read-record.ts';
import { readArchiveFile } from '../archive/safe-path.ts';
import { writeFileAtomic } from '../archive/write.ts';
import type { MaskZone } from '../evidence/banner.ts';
import { ExhibitError, renderExhibit } from '../evidence/exhibit.ts';
import { plural } from '../evidence/french.ts';
import { OUTCOME_LABELS } from '../outcome/outcomes.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';

export const EXHIBIT_USAGE =
  'npm run exhibit -- <enregistrement .json ou identifiant de capture> [--out <fichier.png>] [--archive <dossier>] [--mask <x,y,largeur,hauteur>]…';

const options = {
  out: { type: 'string' },
  archive: { type: 'string', default: 'archive' },
  mask: { type: 'string', multiple: true },
} as const;

/** `x,y,w,h` in pixels of the page image (as an image viewer shows them). */
export function parseMask(text: string): MaskZone {
  const parts = text.split(',').map((p) => p.trim());
  const numbers = parts.map(Number);
  if (
    parts.length !== 4 ||
    !numbers.every((n) => Number.isInteger(n) && n >= 0) ||
    numbers[2] === 0 ||
    numbers[3] === 0
  )
    throw new UsageError(
      `--mask ${text} : attendu quatre nombres entiers de pixels, x,y,largeur,hauteur (ex. --mask 0,120,600,40).\n\nUsage : ${EXHIBIT_USAGE}`,
    );
  const [x, y, width, height] = numbers as [number, number, number, number];
  return { x, y, width, height };
}

/** Any file of the capture (.json, .png, .webp) names its record; an id is looked up in the archive. */
function recordPathOf(arg: string, archive: string): string {
  if (/\.(json|png|webp)$/.test(arg)) return resolve(arg.replace(/\.(png|webp)$/, '.json'));
  const key = parseCaptureId(arg);
  if (key) return join(archive, captureFiles(key).record);
  throw new UsageError(
    `« ${arg} » n'est ni un fichier de capture (.json) ni un identifiant comme paris/aes-vpf-charcot/2026-11-27T04-39-22Z.\n\nUsage : ${EXHIBIT_USAGE}`,
  );
}

async function readInput(path: string, what: string): Promise<Buffer> {
  return readFile(path).catch(() => {
    throw new UsageError(`${what} introuvable : ${path}. Vérifiez l'identifiant ou le chemin, et --archive.`);
  });
}

export async function runExhibit(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    options,
    { usage: EXHIBIT_USAGE, example: 'npm run exhibit -- paris/aes-vpf-charcot/2026-11-27T04-39-22Z --out piece.png' },
    true,
  );
  if (positionals.length !== 1) throw new UsageError(`donnez une capture, et une seule.\n\nUsage : ${EXHIBIT_USAGE}`);
  const masks = (values.mask ?? []).map(parseMask);
  const recordPath = recordPathOf(positionals[0]!, resolve(values.archive));
  const reading = parseRecord((await readInput(recordPath, 'enregistrement')).toString('utf8'));
  if (!reading.record) {
    throw new UsageError(
      `${recordPath} : enregistrement invalide, aucune pièce écrite :\n  ${reading.problems.join('\n  ')}\nLancez npm run verify pour contrôler l'archive.`,
    );
  }
  const { record } = reading;
  // The record names the image and the default output: only slugs and the capture's own file names are taken.
  // A record file copied out of the archive is accepted, so its place is not checked, only its fields.
  const problems = placementProblems(record, captureFiles(record).record);
  if (problems.length > 0)
    throw new UsageError(
      `${recordPath} : ${problems.join(' ; ')}. Aucune pièce écrite ; lancez npm run verify pour contrôler l'archive.`,
    );
  const image = await Promise.resolve()
    .then(() => readArchiveFile(dirname(recordPath), record.image))
    .catch((error: unknown) => {
      throw new UsageError(
        `image de la page illisible : ${join(dirname(recordPath), record.image)} (${error instanceof Error ? error.message : String(error)}). Vérifiez l'identifiant ou le chemin, et --archive.`,
      );
    });
  const exhibit = await renderExhibit(image, record, masks).catch((error: unknown) => {
    if (!(error instanceof ExhibitError)) throw error;
    throw new ExhibitError(
      `${recordPath} : ${error.message}. Aucune pièce écrite ; lancez npm run verify pour contrôler l'archive.`,
    );
  });
  // Prefecture and motif in the default name: captures of several motifs are often taken in the same second.
  const suffix = masks.length ? 'piece-masquee' : 'piece';
  const out = resolve(values.out ?? `${record.prefecture}-${record.motif}-${stampOf(record.capturedAt)}-${suffix}.png`);
  await writeFileAtomic(out, exhibit);
  const { width, height } = await sharp(exhibit).metadata();
  console.log(`Pièce écrite : ${out}`);
  console.log(
    `  ${record.id} — ${OUTCOME_LABELS[record.outcome]} — ${width} × ${height} px, ${Math.ceil(exhibit.length / 1024)} Ko`,
  );
  if (masks.length)
    console.log(
      `  ${plural(masks.length, 'zone masquée', 'zones masquées')} sur cette copie ; l'image originale n'est pas modifiée (SHA-256 ${record.sha256}).`,
    );
  return 0;
}
