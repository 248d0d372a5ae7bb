/**
 * The one pass over the archive: each record is read once, checked, its detail published within the size
 * budget (page image, then capture page, then thumbnail: a page is worth writing only with its image, and
 * a thumbnail is only shown on the card of a capture that has a page), added to the compact index, and
 * its line added to the open data and to its motif's dossier index, budget or not. Bad records are
 * collected with their problems (the caller decides whether they stop the build).
 */
import { DossierIndexFiles } from '../../scraper/dossier/site-index.ts';
import type { SiteContext } from '../render/layout.ts';
import type { BudgetSummary, Published } from '../model/budget.ts';
import { SizeBudget } from './budget.ts';
import { CapturePages } from './capture-pages.ts';
import { checkRecord } from './check.ts';
import { SiteIndex } from './collect.ts';
import { ImagePublisher } from './images.ts';
import { OpenData } from './opendata.ts';
import { scanArchive } from './scan.ts';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { timestampsByFile } from '../../scraper/timestamp/read.ts';
import { paths } from '../model/urls.ts';

export interface PassResult {
  index: SiteIndex;
  budget: BudgetSummary;
  capturePages: number;
  /** Open data and dossier indexes, compressed. */
  dataBytes: number;
}

/** A capture's text file; null when it is missing (verify reports that, the site shows the rest). */
function readTextOf(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

export async function runPass(
  archive: string,
  out: string,
  budgetBytes: number,
  context: SiteContext,
): Promise<PassResult> {
  const index = new SiteIndex();
  const budget = new SizeBudget(budgetBytes);
  const images = new ImagePublisher(archive, out, budget);
  const pages = new CapturePages(out, context, budget);
  const data = new OpenData(out, context.repository);
  const dossier = new DossierIndexFiles();
  const stamps = await timestampsByFile(archive, () => true);
  const copiedReplies = new Set<string>();
  try {
    for (const file of scanArchive(archive)) {
      const check = checkRecord(file);
      if (!check.record) {
        index.bad.push({ path: file.path, problems: check.problems });
        continue;
      }
      const record = check.record;
      const image = images.image(record, file.dir);
      const timestamps = stamps.get(file.path) ?? [];
      const text = record.text ? readTextOf(join(archive, file.dir, record.text)) : null;
      const page = await pages.add(record, image, { timestamps, text });
      // A published page links its run's signed replies: each is copied once (a few KB per run).
      for (const { reply } of page ? timestamps : []) {
        if (copiedReplies.has(reply)) continue;
        copiedReplies.add(reply);
        mkdirSync(dirname(join(out, paths.timestampReply(reply))), { recursive: true });
        copyFileSync(join(archive, reply), join(out, paths.timestampReply(reply)));
      }
      const published: Published = { image, page, thumbnail: images.thumbnail(record, file.dir) };
      index.add(record, published);
      await data.add(record, published);
      dossier.add(record, published);
    }
    // An image that is a symlink, or not the bytes its record vouches for, makes its capture a bad one.
    index.bad.push(...images.refused);
    await pages.finish();
    index.finish();
    const dataBytes = (await data.finish(index.motifs)) + (await dossier.write(out)).bytes;
    return { index, budget: budget.summary, capturePages: pages.pages, dataBytes };
  } catch (error) {
    await pages.abandon();
    data.abandon();
    throw error;
  }
}
