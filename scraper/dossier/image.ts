/**
 * Page images into the PDF, unchanged. Capture PNGs (8-bit RGB, not interlaced: what sharp writes from a
 * Chromium screenshot) are zlib streams with PNG predictors, which PDF reads as they are: their compressed
 * data goes in without being decoded, so a 360-capture dossier builds in seconds and weighs what its
 * images weigh. Other PNGs (alpha, palette) go through pdf-lib's decoder. Same code in Node and the browser.
 */
import { degrees, drawImage, type PDFPage, type PDFRef } from 'pdf-lib';
import type { Kit } from './pdf.ts';

export interface EmbeddedImage {
  ref: PDFRef;
  width: number;
  height: number;
}

/** SHA-256 in hex with Web Crypto, present in browsers and in Node 20. */
export async function sha256Of(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

interface PngStream {
  width: number;
  height: number;
  colors: 1 | 3;
  data: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The compressed pixels of a PNG that PDF can read directly, or null when it needs decoding. */
export function passThroughPng(bytes: Uint8Array): PngStream | null {
  if (bytes.length < 33 || SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let header: { width: number; height: number; depth: number; colorType: number; interlace: number } | null = null;
  for (let at = 8; at + 12 <= bytes.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR')
      header = {
        width: view.getUint32(at + 8),
        height: view.getUint32(at + 12),
        depth: data[8]!,
        colorType: data[9]!,
        interlace: data[12]!,
      };
    else if (type === 'IDAT') parts.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (
    !header ||
    header.depth !== 8 ||
    header.interlace !== 0 ||
    (header.colorType !== 0 && header.colorType !== 2) ||
    parts.length === 0
  )
    return null;
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((offset, p) => (data.set(p, offset), offset + p.length), 0);
  return { width: header.width, height: header.height, colors: header.colorType === 2 ? 3 : 1, data };
}

/** Embeds a PNG; throws when the bytes are not a readable PNG. */
export async function embedPng(kit: Kit, bytes: Uint8Array): Promise<EmbeddedImage> {
  const png = passThroughPng(bytes);
  if (!png) {
    const image = await kit.doc.embedPng(bytes);
    return { ref: image.ref, width: image.width, height: image.height };
  }
  const { context } = kit.doc;
  const stream = context.stream(png.data, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: png.width,
    Height: png.height,
    ColorSpace: png.colors === 3 ? 'DeviceRGB' : 'DeviceGray',
    BitsPerComponent: 8,
    Filter: 'FlateDecode',
    DecodeParms: { Predictor: 15, Colors: png.colors, BitsPerComponent: 8, Columns: png.width },
  });
  return { ref: context.register(stream), width: png.width, height: png.height };
}

export function drawEmbedded(
  page: PDFPage,
  image: EmbeddedImage,
  box: { x: number; y: number; width: number; height: number },
): void {
  const name = page.node.newXObject('Image', image.ref);
  page.pushOperators(...drawImage(name, { ...box, rotate: degrees(0), xSkew: degrees(0), ySkew: degrees(0) }));
}
