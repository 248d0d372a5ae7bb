/**
 * What keeping captures in Git costs. Captures N pages on the offline replica with the real engine, in
 * runs like the scheduled ones (each run: every motif once, in three capture jobs, one commit), with a
 * realistic mix of outcomes drawn through the replica's behaviours, into a fresh local Git repository; packs it as
 * `git gc --aggressive` does and reports the growth per capture and per repeated no-slot capture
 * (the last runs are all no-slot, measured between two packs). Writes only in a temp folder it removes.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplica, type Behaviour } from '../replica/server.ts';
import { legacySites } from '../replica/sites.ts';
import { startAuthority } from '../replica/tsa.ts';
import { random } from './archive-generator.ts';
import { captureJobs, type Job } from '../capture/run.ts';
import { renderExhibit } from '../evidence/exhibit.ts';
import { recordSchema, type EvidenceRecord } from '../evidence/record.ts';
import { OUTCOMES, type Outcome } from '../outcome/outcomes.ts';
import { loadTarget, parseTarget, SEED_TARGETS } from '../target/load.ts';
import { startUrl, type Motif } from '../target/schema.ts';
import { git } from '../git/git.ts';
import { bytesSince, packedBytes, type ObjectKind } from './git-pack.ts';

export interface SizeOptions {
  /** Captures in all (default 500). */
  captures?: number;
  /** Runs at the end where every motif shows « no slot », to measure repeated no-slot captures (default 4). */
  noSlotRuns?: number;
  /** Seed of the outcome draw (default 1). */
  seed?: number;
  log?: (line: string) => void;
}

export interface SizeFigures {
  captures: number;
  commits: number;
  outcomes: Partial<Record<Outcome, number>>;
  durationMs: number;
  /** Packed repository (`.pack` + `.idx` after `git gc --aggressive`), in bytes. */
  repository: {
    initialBytes: number;
    finalBytes: number;
    growthPerCapture: number;
    /** Growth of the packed repository over the last, all no-slot runs, per capture. */
    growthPerRepeatedNoSlot: number;
    repeatedNoSlotCaptures: number;
    /** The same runs seen from inside the final pack: bytes of their new objects per capture, by kind (repacking moves a few bytes either way). */
    repeatedNoSlotByKind: Partial<Record<ObjectKind, number>>;
  };
  /** Mean sizes in bytes; `distinct` counts different contents (what Git stores). */
  files: {
    image: { mean: number; distinct: number };
    thumbnail: { mean: number; distinct: number };
    record: { mean: number };
    exhibit: { mean: number; byOutcome: Partial<Record<Outcome, number>> };
  };
  target: { maxGrowthPerRepeatedNoSlot: number; met: boolean };
}

export const TARGET_GROWTH_PER_REPEATED_NO_SLOT = 2048;

// Shares of the outcomes a blocked procedure shows (the rest is « no slot »), as replica behaviours.
const MIX: [Behaviour, number][] = [
  ['bad-gateway', 0.03],
  ['overloaded', 0.02],
  ['unavailable', 0.02],
  ['slots', 0.02],
  ['unknown-page', 0.02],
  ['forbidden', 0.02],
  ['captcha', 0.02],
];

// A third préfecture of the replica, so that three sites run side by side as in a real run.
const HAUTS_DE_SEINE = `id: hauts-de-seine
name: Préfecture des Hauts-de-Seine
motifs:
${['4 B', '1B', '3 B']
  .map(
    (g) =>
      `  - { id: remise-guichet-${g.replace(' ', '').toLowerCase()}, label: "Remise d'un titre de séjour (guichet ${g})", platform: legacy-booking, url: "https://www.hauts-de-seine.gouv.fr/booking/create/12083", planning: "Remise d'un titre de séjour - GUICHET ${g} - Nanterre" }`,
  )
  .join('\n')}
`;

const CI_ENV = {
  STP_IP_ECHO_URL: 'off',
  GITHUB_ACTIONS: 'true',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'association/screen-ta-prefecture',
  GITHUB_SHA: '3f1c2a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39',
  RUNNER_NAME: 'GitHub Actions 12',
};

/** The replica behaviour key of a motif: `<host>/<form>` or `<host>/<form>/<planning>`. */
export function behaviourKey(motif: Motif): string {
  const { entry } = motif;
  const url = new URL(startUrl(entry));
  const site = legacySites.find((s) => s.host === url.hostname);
  if (!site) throw new Error(`la réplique ne sert pas ${url.hostname}`);
  const formOf = (path: string) => /\/booking\/create\/(\d+)/.exec(path)?.[1];
  const link =
    entry.by === 'link' ? site.indexPage?.links.filter((l) => l.text === entry.link)[entry.linkIndex - 1] : undefined;
  const form = formOf(url.pathname) ?? (link ? formOf(link.href) : undefined);
  if (!form) throw new Error(`${motif.id} : formulaire introuvable sur la réplique`);
  const planning =
    motif.platform === 'legacy-booking' && motif.planning
      ? site.forms.find((f) => f.id === form)?.guichets.find((g) => g.label === motif.planning)?.planning
      : undefined;
  return planning ? `${url.hostname}/${form}/${planning}` : `${url.hostname}/${form}`;
}

/** Every capture file of the repository, by extension. */
async function captureFilesIn(repo: string): Promise<Record<'png' | 'webp' | 'json', string[]>> {
  const all = (await readdir(repo, { recursive: true })).filter(
    (f) => !f.startsWith('.git') && /\d{2}Z\.(png|webp|json)$/.test(f),
  );
  const of = (ext: string) => all.filter((f) => f.endsWith(`.${ext}`)).map((f) => join(repo, f));
  return { png: of('png'), webp: of('webp'), json: of('json') };
}

async function sizes(paths: string[]) {
  const contents = await Promise.all(paths.map((p) => readFile(p)));
  const mean = Math.round(contents.reduce((n, c) => n + c.length, 0) / Math.max(1, contents.length));
  return { mean, distinct: new Set(contents.map((c) => c.toString('base64'))).size };
}

/** One exhibit per outcome present, rendered from the committed files. */
async function exhibitSizes(records: { record: EvidenceRecord; path: string }[]) {
  const byOutcome: Partial<Record<Outcome, number>> = {};
  for (const outcome of OUTCOMES) {
    const found = records.find((r) => r.record.outcome === outcome);
    if (!found) continue;
    const image = await readFile(join(found.path, '..', found.record.image));
    byOutcome[outcome] = (await renderExhibit(image, found.record)).length;
  }
  const values = Object.values(byOutcome);
  return { mean: Math.round(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)), byOutcome };
}

interface Round {
  allNoSlot: boolean;
  /** The behaviour each job of the round meets; the last round may hold fewer jobs, so that the total is exact. */
  behaviours: Map<Job, Behaviour>;
}

/** Which outcome each capture of each run will meet, drawn once from the seed (runs then go in any order). */
export function planRounds(jobs: Job[], total: number, noSlotRuns: number, seed: number): Round[] {
  const draw = random(seed);
  const count = Math.ceil(total / jobs.length);
  return Array.from({ length: count }, (_, round) => {
    const allNoSlot = round >= count - noSlotRuns;
    const behaviours = new Map<Job, Behaviour>();
    jobs.slice(0, total - round * jobs.length).forEach((job) => {
      let pick = draw();
      behaviours.set(job, allNoSlot ? 'no-slot' : (MIX.find(([, share]) => (pick -= share) < 0)?.[0] ?? 'no-slot'));
    });
    return { allNoSlot, behaviours };
  });
}

export async function benchSize(options: SizeOptions = {}): Promise<SizeFigures> {
  const started = Date.now();
  const total = options.captures ?? 500;
  const log = options.log ?? (() => {});
  const seed = (await Promise.all(SEED_TARGETS.map(loadTarget))).map((t) => t.target);
  const targets = [...seed, parseTarget(HAUTS_DE_SEINE, 'hauts-de-seine.yaml')];
  const jobs: Job[] = targets.flatMap((target) => target.motifs.map((motif) => ({ target, motif })));
  // Three capture jobs per run, as the workflow's matrix would have, the motifs dealt out in turn: each job
  // holds several sites, so no site's chain is longer than three captures, and there are few browser
  // launches (~1.5 CPU-s each). Fewer jobs wait on long chains; more spend the CPU on launches.
  const groups: Job[][] = [[], [], []];
  jobs.forEach((job, i) => groups[i % groups.length]!.push(job));
  const rounds = planRounds(
    jobs,
    total,
    Math.min(options.noSlotRuns ?? 4, Math.ceil(total / jobs.length) - 1),
    options.seed ?? 1,
  );

  const work = await mkdtemp(join(tmpdir(), 'stp-bench-size-'));
  const repo = join(work, 'repo');
  const replica = await startReplica();
  // Every run timestamped by two authorities, as on GitHub: their replies are part of the growth.
  const authorities = await Promise.all([startAuthority('Banc A'), startAuthority('Banc B')]);
  const quiet = async () => {};
  // Records as a GitHub Actions run writes them (run id and URL differ per run), offline: no public IP to ask for.
  const savedEnv = { ...process.env };
  Object.assign(process.env, CI_ENV, { STP_TSA_URLS: authorities.map((a) => a.url).join(',') });
  let captured = 0;
  let commits = 0;
  // One capture job: a group's motifs once, into a folder of its own.
  const captureGroup = async (group: Job[], round: Round, index: number) => {
    const batch = group.filter((job) => round.behaviours.has(job));
    const archive = join(work, `run-${index}-${groups.indexOf(group)}`);
    if (batch.length === 0) return null;
    for (const job of batch) replica.setBehaviour(behaviourKey(job.motif), round.behaviours.get(job)!);
    process.env.GITHUB_RUN_ID = String(19_000_000_000 + index);
    const summary = await captureJobs(batch, { archive, replica: replica.origin, log: () => {}, sleep: quiet });
    captured += summary.results.filter((r) => r.captured).length;
    return archive;
  };
  // As a workflow run does: its capture jobs side by side, then one commit of all their folders. Each group
  // goes on with the next run without waiting for the others, so that both cores stay busy.
  const phase = async (chosen: Round[]) => {
    const byGroup = groups.map((group) => {
      let previous: Promise<unknown> = Promise.resolve();
      return chosen.map(
        (round) =>
          (previous = previous.then(() => captureGroup(group, round, rounds.indexOf(round)))) as Promise<string | null>,
      );
    });
    for (let r = 0; r < chosen.length; r++) {
      const folders = (await Promise.all(byGroup.map((runs) => runs[r]!))).filter((f): f is string => f !== null);
      for (const folder of folders) await cp(folder, repo, { recursive: true, errorOnExist: true, force: false });
      await git(['add', '-A'], { cwd: repo });
      await git(['commit', '--quiet', '-m', `run ${rounds.indexOf(chosen[r]!)}`], { cwd: repo });
      commits++;
      if (commits % 5 === 0)
        log(`  ${commits} runs, ${captured} captures, ${Math.round((Date.now() - started) / 1000)} s`);
    }
  };
  try {
    await git(['init', '--quiet', '--initial-branch=archive', repo], { cwd: work });
    await git(['config', 'user.name', 'bench'], { cwd: repo });
    await git(['config', 'user.email', 'bench@example.invalid'], { cwd: repo });
    await writeFile(join(repo, 'README.md'), '# archive\n');
    await git(['add', '-A'], { cwd: repo });
    await git(['commit', '--quiet', '-m', 'archive'], { cwd: repo });
    const initialBytes = await packedBytes(repo);
    log(
      `${total} captures en ${rounds.length} runs de ${jobs.length} motifs (${groups.length} jobs de capture en parallèle)`,
    );
    await phase(rounds.filter((r) => !r.allNoSlot));
    const beforeNoSlot = await packedBytes(repo);
    const capturedBeforeNoSlot = captured;
    const lastMixedRun = (await git(['rev-parse', 'HEAD'], { cwd: repo })).trim();
    log(`runs « aucun créneau » répétés (${rounds.filter((r) => r.allNoSlot).length})…`);
    await phase(rounds.filter((r) => r.allNoSlot));
    const finalBytes = await packedBytes(repo);
    const files = await captureFilesIn(repo);
    const records = await Promise.all(
      files.json.map(async (path) => ({ path, record: recordSchema.parse(JSON.parse(await readFile(path, 'utf8'))) })),
    );
    const outcomes: SizeFigures['outcomes'] = {};
    for (const { record } of records) outcomes[record.outcome] = (outcomes[record.outcome] ?? 0) + 1;
    const noSlotCaptures = captured - capturedBeforeNoSlot;
    const growthPerRepeatedNoSlot = Math.round((finalBytes - beforeNoSlot) / noSlotCaptures);
    const byKind = Object.entries(await bytesSince(repo, lastMixedRun))
      .filter(([, n]) => n > 0)
      .map(([kind, n]) => [kind, Math.round(n / noSlotCaptures)]);
    return {
      captures: records.length,
      commits,
      outcomes,
      durationMs: Date.now() - started,
      repository: {
        initialBytes,
        finalBytes,
        growthPerCapture: Math.round((finalBytes - initialBytes) / records.length),
        growthPerRepeatedNoSlot,
        repeatedNoSlotCaptures: noSlotCaptures,
        repeatedNoSlotByKind: Object.fromEntries(byKind),
      },
      files: {
        image: await sizes(files.png),
        thumbnail: await sizes(files.webp),
        record: { mean: (await sizes(files.json)).mean },
        exhibit: await exhibitSizes(records),
      },
      target: {
        maxGrowthPerRepeatedNoSlot: TARGET_GROWTH_PER_REPEATED_NO_SLOT,
        met: noSlotCaptures > 0 && growthPerRepeatedNoSlot < TARGET_GROWTH_PER_REPEATED_NO_SLOT,
      },
    };
  } finally {
    for (const name of Object.keys(process.env)) if (!(name in savedEnv)) delete process.env[name];
    Object.assign(process.env, savedEnv);
    await replica.close();
    await Promise.all(authorities.map((a) => a.close()));
    await rm(work, { recursive: true, force: true });
  }
}
