// Replica — the legacy progress bar: `etape_N.png` images, the current one named `etape_Nr.png` (docs/sites/legacy.md
// « Barre de progression » [V]). The images are drawn here (a numbered disc, 28×28 PNG), so the replica needs no image
// files.

import { crc32, deflateSync } from 'node:zlib';

/** Where the images are served. The real path is unknown [U]; bots only match `img[src*='/etape_3r.png']`. */
export const PROGRESS_IMAGE_DIR = '/extension/booking/design/standard/images';

/**
 * The steps a visitor can land on (docs/sites/legacy.md « Étapes » table); 0 is the conditions page and has no image
 * [U].
 */
const STEPS = [1, 2, 3, 4, 5, 6, 7, 8, 9];

export function progressBar(current: number): string {
  const items = STEPS.map((step) => {
    // inactive name [U] (docs/sites/legacy.md « Barre de progression »)
    const name = step === current ? `etape_${step}r.png` : `etape_${step}.png`;
    return `<li><img src="${PROGRESS_IMAGE_DIR}/${name}" width="28" height="28" alt="Étape ${step}${step === current ? ' (en cours)' : ''}"></li>`;
  });
  return `<ol class="etapes">${items.join('')}</ol>`;
}

// The six images of the saved Val-d'Oise page, with their alt/title as found (« Cordonnées », sic) (docs/sites/legacy.md « Étape 2 : aucun créneau »).
const REAL_STEPS: [number, string][] = [
  [1, 'Prise de rendez-vous'],
  [3, 'Descriptif'],
  [4, 'Choix d’une plage'],
  [6, 'Contrôle de sécurité'],
  [8, 'Cordonnées personnelles'],
  [9, 'Valider et terminer'],
];

/** The real bar's items: the image of the current step carries the `G` suffix there (steps 0 to 2 are « Prise de rendez-vous »). */
export function realProgressBar(current: number): string {
  const active = [...REAL_STEPS].reverse().find(([step]) => step <= Math.max(1, current))?.[0];
  return REAL_STEPS.map(([step, label]) => {
    const name = step === active ? `etape_${step}G.png` : `etape_${step}.png`;
    return `<li><img src="${PROGRESS_IMAGE_DIR}/${name}" width="28" height="28" alt="${label}" title="${label}"></li>`;
  }).join('');
}

const SIZE = 28;
const SCALE = 2;
// a 5×7 pixel font for the step numbers
const DIGITS: Record<string, string[]> = {
  '1': ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  '2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  '3': ['11111', '00010', '00100', '00010', '00001', '10001', '01110'],
  '4': ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  '5': ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  '6': ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  '7': ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  '8': ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  '9': ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
};
const WHITE = [255, 255, 255];
const ACTIVE = [0, 0, 145]; // République blue
const INACTIVE = [190, 190, 190];

/** `etape_3r.png` → a PNG of a blue disc with a white 3; `etape_3.png` → a grey one; anything else → undefined. */
export function progressImage(fileName: string): Buffer | undefined {
  const match = /^etape_([1-9])(r|G)?\.png$/.exec(fileName);
  const glyph = match?.[1] === undefined ? undefined : DIGITS[match[1]];
  if (match === null || glyph === undefined) return undefined;
  const disc = match[2] === undefined ? INACTIVE : ACTIVE;
  const left = (SIZE - 5 * SCALE) / 2;
  const top = (SIZE - 7 * SCALE) / 2;
  const rows: Buffer[] = [];
  for (let y = 0; y < SIZE; y++) {
    const row = [0]; // filter type "none"
    for (let x = 0; x < SIZE; x++) {
      const inDisc = (x - SIZE / 2 + 0.5) ** 2 + (y - SIZE / 2 + 0.5) ** 2 <= (SIZE / 2) ** 2;
      const inGlyph = glyph[Math.floor((y - top) / SCALE)]?.[Math.floor((x - left) / SCALE)] === '1';
      row.push(...(inDisc && !inGlyph ? disc : WHITE));
    }
    rows.push(Buffer.from(row));
  }
  return png(SIZE, SIZE, Buffer.concat(rows));
}

function png(width: number, height: number, scanlines: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}
