/**
 * « Mes propres pièces »: files a person adds to the dossier in their browser (phone screenshots, e-mails saved as
 * PDF). Each is hashed where it is (Web Crypto) and never sent anywhere; the PDF lists its name, size, SHA-256 and the
 * date it claims — from its EXIF, else the file's date — always as « déclarée »: neither says when the page was seen.
 * Pure (the site's form reads the text; the browser bundle reads the files, own-pieces-page.ts draws the annex).
 */
import { parisTime } from '../evidence/time.ts';

export interface OwnPiece {
  name: string;
  bytes: number;
  sha256: string;
  /** `YYYY-MM-DD HH:mm:ss` as the file says it, with where it comes from. */
  declared: { at: string; from: 'exif' | 'file' } | null;
}

/** What the form and the PDF say a phone screenshot proves, and what it does not. */
export const OWN_PIECES_LIMITS =
  'Une capture d’écran de téléphone montre ce que l’écran affichait ; elle ne prouve ni quand (la date vient du téléphone, ' +
  'qui se règle, ou du fichier, qu’une copie change : elle est déclarée, pas constatée), ni sur quel site, ni par qui. ' +
  'Son empreinte SHA-256 montre seulement que le fichier n’a pas changé depuis ce dossier. Pour une date et une adresse ' +
  'fiables, capturez en mode témoin (npm run witness).';

/** EXIF `DateTimeOriginal`, else `DateTime`, of a JPEG, as `YYYY-MM-DD HH:mm:ss` (the device's clock, no zone). */
function exifDate(data: Uint8Array): string | null {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.length < 4 || view.getUint16(0) !== 0xffd8) return null;
  for (let at = 2; at + 4 <= data.length;) {
    const marker = view.getUint16(at);
    const size = view.getUint16(at + 2);
    if ((marker & 0xff00) !== 0xff00 || marker === 0xffda) return null;
    if (marker === 0xffe1 && String.fromCharCode(...data.subarray(at + 4, at + 10)) === 'Exif\0\0')
      return tiffDate(new DataView(data.buffer, data.byteOffset + at + 10, Math.max(0, size - 8)));
    at += 2 + size;
  }
  return null;
}

function tiffDate(tiff: DataView): string | null {
  if (tiff.byteLength < 8) return null;
  const little = tiff.getUint16(0) === 0x4949;
  const u16 = (o: number) => tiff.getUint16(o, little);
  const u32 = (o: number) => tiff.getUint32(o, little);
  const entries = (ifd: number) => {
    const found = new Map<number, number>();
    if (ifd + 2 > tiff.byteLength) return found;
    for (let i = 0, n = u16(ifd); i < n && ifd + 2 + 12 * (i + 1) <= tiff.byteLength; i++) {
      const entry = ifd + 2 + 12 * i;
      found.set(u16(entry), u32(entry + 8));
    }
    return found;
  };
  const text = (offset: number | undefined) => {
    if (offset === undefined || offset + 19 > tiff.byteLength) return null;
    const raw = String.fromCharCode(...new Uint8Array(tiff.buffer, tiff.byteOffset + offset, 19));
    const match = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(raw);
    return match ? `${match[1]}-${match[2]}-${match[3]} ${match[4]}` : null;
  };
  const ifd0 = entries(u32(4));
  const exif = ifd0.has(0x8769) ? entries(ifd0.get(0x8769)!) : new Map<number, number>();
  return text(exif.get(0x9003)) ?? text(ifd0.get(0x0132));
}

/** The date a file claims: its EXIF, else its own date (`lastModified`, ms), shown in Paris time. */
export function declaredDate(data: Uint8Array, lastModified: number): OwnPiece['declared'] {
  const exif = exifDate(data);
  if (exif) return { at: exif, from: 'exif' };
  return lastModified > 0
    ? { at: parisTime(new Date(lastModified).toISOString()).format('YYYY-MM-DD HH:mm:ss'), from: 'file' }
    : null;
}
