/**
 * Writes a large archive straight into a bare Git repository with `git fast-import`, as the capture
 * workflow would have committed it run after run: every motif once per run, one commit per run, and the
 * page images a long-running archive sees — one per motif for its « aucun créneau » page and for its
 * masked captcha wall (RDV Préfecture's every unattended capture), one per site for its error pages, and
 * a new one for every page with slots and every unknown page. No file is written outside the repository.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { captureFiles } from '../archive/paths.ts';
import { sha256Hex } from '../evidence/images.ts';
import type { Outcome } from '../outcome/outcomes.ts';
import { random, syntheticRecord } from './archive-generator.ts';
import type { ObjectKind } from './git-pack.ts';

/** Bytes of a real page image and thumbnail of the replica (README « Performances »): incompressible PNG/WebP. */
export const PAGE_IMAGE_BYTES = 33_000;
export const THUMBNAIL_BYTES = 3_600;
export const RUN_HOURS = 6;
export const CAPTURES_PER_DAY = 24 / RUN_HOURS;

/**
 * The kind of one of this archive's objects from its type and size alone (`git cat-file --batch-all-objects`
 * gives no path): the generator's images and thumbnails have fixed sizes, every other blob is a record.
 */
export const scaleKindOf = (type: string, size: number): ObjectKind =>
  type === 'tree'
    ? 'trees'
    : type === 'commit'
      ? 'commits'
      : size === PAGE_IMAGE_BYTES
        ? 'images'
        : size === THUMBNAIL_BYTES
          ? 'thumbnails'
          : 'records';

/**
 * Outcomes of a legacy-booking motif, as the size bench draws them on the replica (size.ts), with what
 * makes each page new or not. An RDV Préfecture motif shows its captcha wall, 5 % site errors.
 */
export const LEGACY_MIX: [Outcome, number, 'motif' | 'site' | 'new'][] = [
  ['site-error', 0.07, 'site'],
  ['slot-available', 0.02, 'new'],
  ['unrecognized', 0.02, 'new'],
  ['blocked', 0.02, 'site'],
  ['captcha', 0.02, 'motif'],
];
const RDV_ERRORS = 0.05;

export interface ScaleMotif {
  prefecture: string;
  prefectureName: string;
  motif: string;
  motifLabel: string;
  platform: 'legacy-booking' | 'rdv-prefecture';
}

/** `count` motifs over préfectures of ten motifs each; one in five on RDV Préfecture. */
export function scaleMotifs(count: number): ScaleMotif[] {
  return Array.from({ length: count }, (_, i) => {
    const p = String(Math.floor(i / 10) + 1).padStart(2, '0');
    const m = String(i + 1).padStart(3, '0');
    return {
      prefecture: `prefecture-${p}`,
      prefectureName: `Préfecture n° ${p}`,
      motif: `demarche-${m}`,
      motifLabel: `Demande de titre de séjour, démarche n° ${m}`,
      platform: i % 5 === 4 ? 'rdv-prefecture' : 'legacy-booking',
    };
  });
}

export interface AppendOptions {
  /** Bare repository; the branch `archive` is created or extended. */
  gitDir: string;
  motifs: ScaleMotif[];
  captures: number;
  /** Index of the first run (runs are `RUN_HOURS` apart from 2026-01-05). */
  firstRun: number;
  /** Every capture finds the same page again (« aucun créneau », or the captcha wall). */
  repeatedOnly?: boolean;
  seed?: number;
  log?: (line: string) => void;
}

interface StoredImage {
  mark: number;
  thumbMark: number;
  sha256: string;
  thumbSha256: string;
}

const START = Date.parse('2026-01-05T06:00:00Z');

export interface Appended {
  /** Runs written, one commit each. */
  runs: number;
  /** Captures that showed a page never seen before (slots, unknown page): each a new image and thumbnail. */
  newPages: number;
}

/** Appends `captures` captures in runs of every motif. */
export async function appendCaptures(options: AppendOptions): Promise<Appended> {
  const { motifs } = options;
  const next = random(options.seed ?? options.firstRun + 1);
  const child = spawn('git', ['--git-dir', options.gitDir, 'fast-import', '--quiet', '--done'], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = once(child, 'close');
  const write = async (chunk: Buffer | string) => {
    if (!child.stdin.write(chunk)) await once(child.stdin, 'drain');
  };
  const data = async (payload: Buffer | string) => {
    await write(`data ${Buffer.byteLength(payload)}\n`);
    await write(payload);
    await write('\n');
  };

  let marks = 0;
  let newPages = 0;
  const images = new Map<string, StoredImage>();
  /** The bytes of a page are drawn from its key: the same page written again by a later call is the same blob. */
  const imageFor = async (key: string): Promise<StoredImage> => {
    const known = images.get(key);
    if (known) return known;
    const fill = random(createHash('sha256').update(key).digest().readUInt32LE(0));
    const page = Buffer.alloc(PAGE_IMAGE_BYTES);
    const thumb = Buffer.alloc(THUMBNAIL_BYTES);
    for (const buffer of [page, thumb])
      for (let i = 0; i < buffer.length; i += 4) buffer.writeUInt32LE((fill() * 2 ** 32) >>> 0, i);
    const stored = { mark: ++marks, thumbMark: ++marks, sha256: sha256Hex(page), thumbSha256: sha256Hex(thumb) };
    await write(`blob\nmark :${stored.mark}\n`);
    await data(page);
    await write(`blob\nmark :${stored.thumbMark}\n`);
    await data(thumb);
    if (key.startsWith('new:')) newPages++;
    else images.set(key, stored);
    return stored;
  };

  const pick = (motif: ScaleMotif, run: number): { outcome: Outcome; key: string } => {
    const draw = options.repeatedOnly ? 1 : next();
    if (motif.platform === 'rdv-prefecture')
      return draw < RDV_ERRORS
        ? { outcome: 'site-error', key: `site-error:${motif.prefecture}:${Math.floor(next() * 3)}` }
        : { outcome: 'captcha', key: `captcha:${motif.motif}` };
    let left = draw;
    for (const [outcome, share, kind] of LEGACY_MIX) {
      if ((left -= share) >= 0) continue;
      const key =
        kind === 'new'
          ? `new:${run}:${motif.motif}`
          : kind === 'site'
            ? `${outcome}:${motif.prefecture}:${Math.floor(next() * 3)}`
            : `${outcome}:${motif.motif}`;
      return { outcome, key };
    }
    return { outcome: 'no-slot', key: `no-slot:${motif.motif}` };
  };

  const runs = Math.ceil(options.captures / motifs.length);
  let left = options.captures;
  for (let r = 0; r < runs; r++) {
    const run = options.firstRun + r;
    const files: string[] = [];
    const records: string[] = [];
    for (const motif of motifs.slice(0, Math.min(motifs.length, left))) {
      const at = new Date(START + run * RUN_HOURS * 3_600_000 + Math.floor(next() * 3600) * 1000).toISOString();
      const { outcome, key } = pick(motif, run);
      const stored = await imageFor(key);
      const record = syntheticRecord(
        motif,
        at,
        outcome,
        { png: { length: PAGE_IMAGE_BYTES }, width: 1280, height: 800, ...stored },
        run,
      );
      const paths = captureFiles(record);
      files.push(`M 100644 :${stored.mark} ${paths.image}\n`, `M 100644 :${stored.thumbMark} ${paths.thumbnail}\n`);
      records.push(paths.record, JSON.stringify(record, null, 2) + '\n');
    }
    left -= records.length / 2;
    const when = Math.floor((START + run * RUN_HOURS * 3_600_000) / 1000) + 3600;
    await write(`commit refs/heads/archive\ncommitter Screen ta préfecture <bot@example.org> ${when} +0000\n`);
    await data(`Captures du run ${run}`);
    if (r === 0 && options.firstRun > 0) await write('from refs/heads/archive^0\n');
    for (const line of files) await write(line);
    for (let i = 0; i < records.length; i += 2) {
      await write(`M 100644 inline ${records[i]}\n`);
      await data(records[i + 1]!);
    }
    if (r % 1000 === 999) options.log?.(`  ${(r + 1) * motifs.length} captures écrites…`);
  }
  await write('done\n');
  child.stdin.end();
  const [code] = await exited;
  if (code !== 0) throw new Error(`git fast-import a échoué (code ${code}) : ${stderr.trim()}`);
  return { runs, newPages };
}
