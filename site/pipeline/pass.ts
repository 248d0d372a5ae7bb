/**
 * The one pass over the archive: each record is read once, checked, added to the compact index, its
 * images published within the budget, its page written and its line added to the open data and to its motif's dossier index. Bad records
 * are collected with their problems (the caller decides whether they stop the build).
 */
import { DossierIndexFiles } from '../../scraper/dossier/site-index.ts';
import type { SiteContext } from '../render/layout.ts';
import { checkRecord } from './check.ts';
import { SiteIndex } from './collect.ts';
import { CapturePages } from './capture-pages.ts';
import { ImagePublisher } from './images.ts';
import { OpenData } from './opendata.ts';
import { scanArchive } from './scan.ts';
import type { BudgetSummary } from './budget.ts';

export interface PassResult {
  index: SiteIndex;
  images: BudgetSummary;
  capturePages: { pages: number; bytes: number };
  dataBytes: number;
}

export async function runPass(archive: string, out: string, budgetBytes: number, context: SiteContext): Promise<PassResult> {
  const index = new SiteIndex();
  const images = new ImagePublisher(archive, out, budgetBytes);
  const pages = new CapturePages(out, context);
  const data = new OpenData(out, context.repository);
  const dossier = new DossierIndexFiles();
  try {
    for (const file of scanArchive(archive)) {
      const check = checkRecord(file);
      if (!check.record) {
        index.bad.push({ path: file.path, problems: check.problems });
        continue;
      }
      const published = images.publish(check.record, file.dir);
      index.add(check.record, published.thumbnail ? check.record.thumbnailSha256 : null);
      await pages.add(check.record, published);
      data.add(check.record, published);
      dossier.add(check.record, published.image);
    }
    await pages.finish();
  } catch (error) {
    await pages.abandon();
    throw error;
  }
  index.finish();
  const dataBytes = data.finish(index.motifs) + (await dossier.write(out)).bytes;
  return { index, images: images.budget.summary, capturePages: { pages: pages.pages, bytes: pages.bytes }, dataBytes };
}
