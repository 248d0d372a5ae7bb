/**
 * The two images of a capture, made once at capture time so that the site never processes images.
 * The page image is re-encoded losslessly (same pixels, smaller file, no metadata) and deterministically:
 * identical pages give identical bytes, which Git stores once however many captures point to them.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';

export const THUMBNAIL = { width: 320, height: 240 };

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function pageImage(screenshot: Buffer): Promise<{ png: Buffer; width: number; height: number }> {
  // Without adaptive filtering: on these flat, text-heavy pages it made the files ~23 % larger (every page
  // the replica shows) and took twice as long.
  const { data, info } = await sharp(screenshot)
    .png({ compressionLevel: 9, adaptiveFiltering: false, palette: false })
    .toBuffer({ resolveWithObject: true });
  return { png: data, width: info.width, height: info.height };
}

/**
 * Largest page image kept, in bytes: GitHub refuses files over 100 MB and warns over 50 MB; a booking page
 * is a few hundred kB. A page of noise above it is cut in height (halved until it fits): its top, where the
 * message is, is kept.
 */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** The page image, cut in height while it is over `maxBytes`; `cutFrom` is the height it had, when it was cut. */
export async function cappedPageImage(
  screenshot: Buffer,
  maxBytes = MAX_IMAGE_BYTES,
): Promise<{ png: Buffer; width: number; height: number; cutFrom: number | null }> {
  let image = await pageImage(screenshot);
  const full = image.height;
  while (image.png.length > maxBytes && image.height > 1) {
    const height = Math.max(1, Math.floor(image.height / 2));
    image = await pageImage(await sharp(image.png).extract({ left: 0, top: 0, width: image.width, height }).toBuffer());
  }
  return { ...image, cutFrom: image.height < full ? full : null };
}

/** The top of the page (where the message is), 320 px wide, as a small WebP. */
export async function thumbnail(png: Buffer): Promise<Buffer> {
  return sharp(png)
    .resize({ ...THUMBNAIL, fit: 'cover', position: 'top' })
    .webp({ quality: 70, effort: 6 })
    .toBuffer();
}
