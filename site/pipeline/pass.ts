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
import type { ArchiveSource } from './source.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MANIFEST_DIR } from '../../scraper/archive/paths.ts';
import { timestampsByFile, type ManifestReader } from '../../scraper/timestamp/read.ts';
import { paths } from '../model/urls.ts';

export interface PassResult {
  index: SiteIndex;
  budget: BudgetSummary;
  capturePages: number;
  /** Open data and dossier indexes, compressed. */
  dataBytes: number;
}

/** The archive's manifests folder, read through the source (a folder, or the archive branch in Git). */
async function sourceManifests(source: ArchiveSource): Promise<ManifestReader> {
  const { files } = await source.list(MANIFEST_DIR).catch(() => ({ files: new Map<string, string>() }));
  return {
    names: async () => [...files.keys()],
    read: (name) => source.read(files.get(name) ?? name, `${MANIFEST_DIR}/${name}`),
  };
}

/** A capture's text file through the source; null when it is missing (verify reports that, the site shows the rest). */
async function textOf(
  source: ArchiveSource,
  file: { dir: string; siblings: ReadonlyMap<string, string> },
  name?: string,
) {
  const id = name ? file.siblings.get(name) : undefined;
  return id
    ? source.read(id, `${file.dir}/${name}`).then(
        (data) => data.toString('utf8'),
        () => null,
      )
    : null;
}

export async function runPass(
  source: ArchiveSource,
  out: string,
  budgetBytes: number,
  context: SiteContext,
): Promise<PassResult> {
  const index = new SiteIndex();
  const budget = new SizeBudget(budgetBytes);
  const images = new ImagePublisher(source, out, budget);
  const pages = new CapturePages(out, context, budget);
  const data = new OpenData(out, context.repository);
  const dossier = new DossierIndexFiles();
  const manifests = await sourceManifests(source);
  const stamps = await timestampsByFile(manifests, () => true);
  const copiedReplies = new Set<string>();
  try {
    for await (const file of scanArchive(source)) {
      const check = checkRecord(file);
      if (!check.record) {
        index.bad.push({ path: file.path, problems: check.problems });
        continue;
      }
      const record = check.record;
      const image = await images.image(record, file);
      const timestamps = stamps.get(file.path) ?? [];
      const text = await textOf(source, file, record.text);
      const page = await pages.add(record, image, { timestamps, text });
      // A published page links its run's signed replies: each is copied once (a few KB per run).
      for (const { reply } of page ? timestamps : []) {
        if (copiedReplies.has(reply)) continue;
        copiedReplies.add(reply);
        const to = join(out, paths.timestampReply(reply));
        await mkdir(dirname(to), { recursive: true });
        await writeFile(to, await manifests.read(reply.slice(MANIFEST_DIR.length + 1)));
      }
      const published: Published = { image, page, thumbnail: await images.thumbnail(record, file) };
      index.add(record, published);
      await data.add(record, published, text);
      dossier.add(record, published, timestamps);
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
