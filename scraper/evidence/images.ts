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

/** The top of the page (where the message is), 320 px wide, as a small WebP. */
export async function thumbnail(png: Buffer): Promise<Buffer> {
  return sharp(png)
    .resize({ ...THUMBNAIL, fit: 'cover', position: 'top' })
    .webp({ quality: 70, effort: 6 })
    .toBuffer();
}
