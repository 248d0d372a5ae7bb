/**
 * Capture overhead: every seed motif once on the replica with no added latency, with this project's engine
 * and with the naive baseline (naive.ts), in the same process one after the other, sites side by side and
 * the motifs of a site one after another in both. Writes only in a temp folder it removes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplica } from '../replica/server.ts';
import { bySite, captureJobs, type Job } from '../capture/run.ts';
import { selectJobs } from '../commands/capture.ts';
import { SEED_TARGETS } from '../target/load.ts';
import { oneLine } from '../navigate/attempt.ts';
import { siteUrl } from '../navigate/browser.ts';
import { finishedMotif, median, perMotifMs } from './measure.ts';
import { naiveAttempt } from './naive.ts';
import { seconds } from './report.ts';

export interface RunTimes {
  totalMs: number;
  medianMs: number;
  perMotifMs: Record<string, number>;
  captured: number;
}

export interface OverheadFigures {
  motifs: number;
  engine: RunTimes;
  naive: RunTimes;
  /** engine median ÷ naive median */
  ratio: number;
}

const jobName = (job: Job) => `${job.target.id} / ${job.motif.id}`;

function times(startMs: number, endMs: number, perMotif: Map<string, number>, captured: number): RunTimes {
  return {
    totalMs: endMs - startMs,
    medianMs: median([...perMotif.values()]),
    perMotifMs: Object.fromEntries(perMotif),
    captured,
  };
}

async function engineRun(jobs: Job[], origin: string, archive: string, log: (line: string) => void): Promise<RunTimes> {
  const ends = new Map<string, number>();
  const start = Date.now();
  const summary = await captureJobs(jobs, {
    archive,
    replica: origin,
    log: (line) => {
      const name = finishedMotif(line);
      if (name) ends.set(name, Date.now());
      log(`  moteur : ${line}`);
    },
  });
  const end = Date.now();
  const groups = bySite(jobs).map((group) => group.map(jobName));
  return times(start, end, perMotifMs(groups, start, ends), summary.results.filter((r) => r.captured).length);
}

async function naiveRun(jobs: Job[], origin: string, folder: string, log: (line: string) => void): Promise<RunTimes> {
  const perMotif = new Map<string, number>();
  let captured = 0;
  const start = Date.now();
  await Promise.all(
    bySite(jobs).map(async (group) => {
      for (const [i, job] of group.entries()) {
        const begun = Date.now();
        try {
          await naiveAttempt(
            job.motif,
            (url) => siteUrl(url, origin),
            join(folder, `${job.target.id}-${job.motif.id}-${i}.png`),
          );
          captured++;
        } catch (error) {
          log(`  naïf : ${jobName(job)} en échec — ${oneLine(error)}`);
        }
        perMotif.set(jobName(job), Date.now() - begun);
        log(`  naïf : ${jobName(job)} en ${seconds(Date.now() - begun)}`);
      }
    }),
  );
  return times(start, Date.now(), perMotif, captured);
}

export async function benchOverhead(log: (line: string) => void): Promise<OverheadFigures> {
  const jobs = await selectJobs([...SEED_TARGETS], undefined);
  const work = await mkdtemp(join(tmpdir(), 'stp-bench-overhead-'));
  try {
    // A fresh replica for each bot, so that neither meets sessions or counters left by the other.
    const run = async <T>(body: (origin: string) => Promise<T>) => {
      const replica = await startReplica();
      try {
        return await body(replica.origin);
      } finally {
        await replica.close();
      }
    };
    const engine = await run((origin) => engineRun(jobs, origin, join(work, 'archive'), log));
    const naive = await run((origin) => naiveRun(jobs, origin, work, log));
    return { motifs: jobs.length, engine, naive, ratio: engine.medianMs / naive.medianMs };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
