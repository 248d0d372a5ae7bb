/**
 * The month pages, one per motif and Paris month, written outside Eleventy like the capture pages: there is
 * one for every hundred-odd captures, they hold a card per capture, and Eleventy keeps every page it wrote in
 * memory until it is done (at ten years of a hundred motifs, hundreds of MB of text). Here each page goes to
 * the writer's thread as soon as it is rendered. The same layout as the other listing pages (render/layout.ts).
 *
 * A month page depends on its month alone (its captures as the index has them, its neighbour months, the
 * motif's labels, the repository), never on the build's time: when the previous build made it from the same
 * inputs (build state, state.ts), it is taken from the previous site instead of rendered again. After a run,
 * only the months that received a capture, or whose captures' pages and thumbnails the budget changed, are.
 */
import { join } from 'node:path';
import { outputFile } from '../model/urls.ts';
import { FORMAT } from '../render/format.ts';
import { page, type TimelessContext } from '../render/layout.ts';
import { monthFrame, monthPage } from '../render/month.ts';
import type { SiteIndex } from './collect.ts';
import { FileWriter } from './file-writer.ts';
import { digest, type BuildState } from './state.ts';

/**
 * The newest captures of a motif carry their matched text for its feed, not for its month pages: a run that
 * pushes a capture out of the feed changes nothing on its month's page.
 */
const withoutFeedText = (key: string, value: unknown) => (key === 'deciding' ? undefined : value);

/** Writes every month page of the index under `out`; returns how many, and their bytes. */
export async function writeMonthPages(
  out: string,
  index: SiteIndex,
  context: TimelessContext,
  state: BuildState,
): Promise<{ pages: number; bytes: number }> {
  const files = new FileWriter();
  let bytes = 0;
  try {
    for (const month of index.monthPages) {
      const frame = monthFrame(month, FORMAT);
      const path = outputFile(frame.here);
      const { captures: _all, ...motif } = month.motif;
      const inputs = [motif, month.month, month.previous, month.next, month.captures, context.repository];
      const key = digest(JSON.stringify(inputs, withoutFeedText));
      const known = state.monthPagePreviously(path);
      if (known?.key === key) {
        state.monthPage(path, known);
        bytes += known.bytes;
        await files.move(state.previousFile(path)!, join(out, path));
        continue;
      }
      const text = page({ ...frame, body: monthPage(month, context, FORMAT) }, context, FORMAT);
      const memo = { key, bytes: Buffer.byteLength(text) };
      state.monthPage(path, memo);
      bytes += memo.bytes;
      await files.write(join(out, path), text);
    }
    await files.close();
  } catch (error) {
    await files.abandon();
    throw error;
  }
  return { pages: index.monthPages.length, bytes };
}
