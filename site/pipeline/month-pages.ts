/**
 * The month pages, one per motif and Paris month, written outside Eleventy like the capture pages: there is
 * one for every hundred-odd captures, they hold a card per capture, and Eleventy keeps every page it wrote in
 * memory until it is done (at ten years of a hundred motifs, hundreds of MB of text). Here each page goes to
 * the writer's thread as soon as it is rendered. The same layout as the other listing pages (render/layout.ts).
 */
import { join } from 'node:path';
import { outputFile, paths } from '../model/urls.ts';
import type { BuildInfo } from '../render/build-info.ts';
import { FORMAT } from '../render/format.ts';
import { page } from '../render/layout.ts';
import { monthFrame, monthPage } from '../render/month.ts';
import type { SiteIndex } from './collect.ts';
import { FileWriter } from './file-writer.ts';

/** Writes every month page of the index under `out`; returns how many, and their bytes. */
export async function writeMonthPages(
  out: string,
  index: SiteIndex,
  build: BuildInfo,
): Promise<{ pages: number; bytes: number }> {
  const files = new FileWriter();
  let bytes = 0;
  try {
    for (const month of index.monthPages) {
      const frame = monthFrame(month, FORMAT);
      const text = page({ ...frame, body: monthPage(month, build, FORMAT) }, build, FORMAT);
      bytes += Buffer.byteLength(text);
      await files.write(join(out, outputFile(frame.here)), text);
    }
    await files.close();
  } catch (error) {
    await files.abandon();
    throw error;
  }
  return { pages: index.monthPages.length, bytes };
}
