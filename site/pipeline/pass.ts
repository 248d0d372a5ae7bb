/**
 * The one pass over the archive, a UTC month at a time, newest first: each record is read once (or its
 * summary taken from the build state, for a month folder that did not change), checked, its detail
 * published within the size budget (page image, then capture page, then thumbnail: a page is worth writing
 * only with its image, and a thumbnail is only shown on the card of a capture that has a page), added to the
 * compact index, and its line added to the open data and to its motif's dossier index, budget or not (a
 * month at a time: a month whose folders and published files did not change is copied from the previous
 * files). Bad records are collected with their problems (the caller decides whether they stop the build).
 */
import { DossierIndexFiles } from './dossier-index.ts';
import type { TimelessContext } from '../render/layout.ts';
import type { BudgetSummary, Published } from '../model/budget.ts';
import { SizeBudget } from './budget.ts';
import { CapturePages } from './capture-pages.ts';
import { SiteIndex } from './collect.ts';
import { ImagePublisher } from './images.ts';
import { OpenData, type CaptureRow } from './opendata.ts';
import { scanArchive, type Scanned } from './scan.ts';
import { digest, type BuildState } from './state.ts';
import { dossierPart, isBad, recordPath, type CaptureSummary } from './summary.ts';
import type { ArchiveSource } from './source.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { captureFiles, MANIFEST_DIR } from '../../scraper/archive/paths.ts';
import { parseRecord } from '../../scraper/archive/read-record.ts';
import type { EvidenceRecord } from '../../scraper/evidence/record.ts';
import {
  MODIFIED_RECORD,
  readManifests,
  recordChange,
  stampsOf,
  type ManifestReader,
  type VerdictMemo,
} from '../../scraper/timestamp/read.ts';
import type { ReplyChecker } from '../../scraper/timestamp/reply-check.ts';
import { paths } from '../model/urls.ts';
import { fromTheSite } from '../../scraper/outcome/outcomes.ts';

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

/** A capture's text through the source; null when it has none or it is missing (verify reports that). */
function textOf(source: ArchiveSource, summary: CaptureSummary): Promise<string | null> {
  const id = summary.ids.text;
  return id
    ? source.read(id, captureFiles(summary.capture).text).then(
        (data) => data.toString('utf8'),
        () => null,
      )
    : Promise.resolve(null);
}

/** The record of a summary: the one just read by the walk, or read again (its page is being rendered). */
async function recordOf(source: ArchiveSource, { summary, record }: Scanned): Promise<EvidenceRecord> {
  if (record) return record;
  const text = (await source.read((summary as CaptureSummary).ids.record, recordPath(summary))).toString('utf8');
  const reading = parseRecord(text);
  if (!reading.record) throw new Error(`${recordPath(summary)} : ${reading.problems.join(' ; ')}`);
  return reading.record;
}

export async function runPass(
  source: ArchiveSource,
  out: string,
  budgetBytes: number,
  context: TimelessContext,
  state: BuildState,
  /** Verify's check of an RFC 3161 reply (timestamp/reply-check.ts), and the verdicts already known. */
  replies: { checker: ReplyChecker; memo: VerdictMemo },
): Promise<PassResult> {
  const index = new SiteIndex();
  const budget = new SizeBudget(budgetBytes);
  const images = new ImagePublisher(source, out, budget, state);
  const pages = new CapturePages(out, context, budget, state);
  const data = new OpenData(out, context.repository, state);
  const dossier = new DossierIndexFiles(dossierPart, state);
  const manifests = await sourceManifests(source);
  // Every reply checked once per content (the state keeps the verdicts), every record against what its manifests list.
  const listed = await readManifests(manifests, replies);
  const copiedReplies = new Set<string>();
  try {
    for await (const month of scanArchive(source, state)) {
      const rows: CaptureRow[] = [];
      // Records changed since their manifest: the manifests may change while the month folder does not.
      const modified: string[] = [];
      for (const scanned of month.captures) {
        const { summary } = scanned;
        if (isBad(summary)) {
          index.bad.push({ path: recordPath(summary), problems: summary.problems });
          continue;
        }
        const { capture } = summary;
        // The robot's own network failures say nothing of the préfecture: kept in the archive, never published.
        if (!fromTheSite(capture)) continue;
        // Most captures show a page already decided: answered at once, not a promise each (1.46 million of them).
        let image = images.image(summary);
        if (typeof image !== 'boolean') image = await image;
        const inputs = async () => ({ record: await recordOf(source, scanned), text: await textOf(source, summary) });
        const change = recordChange(listed, recordPath(summary), summary.recordSha256);
        if (change) {
          // Its page says so; the capture counts nowhere else (lists, statistics, feed, open data, dossiers).
          await pages.addModified(summary, inputs, image, change);
          index.bad.push({ path: recordPath(summary), problems: [`${MODIFIED_RECORD} : ${change}`] });
          modified.push(recordPath(summary));
          continue;
        }
        const timestamps = stampsOf(listed, recordPath(summary));
        const page = await pages.add(summary, inputs, image, timestamps);
        // A published page links its run's signed replies: each is copied once (a few KB per run).
        for (const { reply } of page ? timestamps.filter((t) => t.genTime !== undefined) : []) {
          if (copiedReplies.has(reply)) continue;
          copiedReplies.add(reply);
          const to = paths.timestampReply(reply);
          if (state.take(to)) continue;
          await mkdir(dirname(join(out, to)), { recursive: true });
          await writeFile(join(out, to), await manifests.read(reply.slice(MANIFEST_DIR.length + 1)));
        }
        let thumbnail = images.thumbnail(summary);
        if (typeof thumbnail !== 'boolean') thumbnail = await thumbnail;
        const published: Published = { image, page, thumbnail };
        index.add(capture, published, index.wantsPageText(capture) ? await textOf(source, summary) : null);
        if (data.wantsText(capture)) await data.text(capture, await textOf(source, summary));
        dossier.add(
          capture,
          published,
          timestamps.map(({ reply: _r, ...fact }) => fact),
          month.folders.get(summary.dir) ?? null,
        );
        rows.push({ record: capture, published });
      }
      const folders = [...month.folders.values()];
      const published = rows.map(({ published: p }) => `${+p.image}${+p.page}${+p.thumbnail}`).join('');
      await data.month(folders.includes(null) ? null : digest(JSON.stringify([folders, published, modified])), rows);
      dossier.endMonth();
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
    dossier.abandon();
    throw error;
  }
}
