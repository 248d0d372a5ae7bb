/**
 * Run time against slow sites: every seed motif once on the replica with a latency on every response and
 * a few forms answering 503 before they recover, with the engine as scheduled runs use it (short retry
 * delay set in the jobs' settings). Compared with the physical limit read from the replica's request log
 * (measure.ts). Writes only in a temp folder it removes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplica, type Behaviour } from '../../tests/replica/server.ts';
import { captureJobs, type Job } from '../capture.ts';
import { selectJobs } from '../commands/capture.ts';
import { physicalLimit, requiredRetryWaitMs, type PhysicalLimit } from './measure.ts';

export interface SlowOptions {
  /** Delay before every response, in ms (default 2000). */
  latencyMs?: number;
  /** The jobs' first wait before a retry, in ms (default 1000). */
  retryDelayMs?: number;
  log: (line: string) => void;
}

export interface SlowFigures {
  latencyMs: number;
  retryDelayMs: number;
  motifs: number;
  captured: number;
  retries: number;
  /** All requests the replica served, subresources included. */
  requests: number;
  wallMs: number;
  limit: PhysicalLimit;
  /** wall time ÷ physical limit */
  ratio: number;
}

/** Forms that fail once with a 503, then answer: one per site at least, as a bad morning on the real sites. */
export const FLAKY_FORMS: Record<string, Behaviour[]> = {
  'pprdv.interieur.gouv.fr/948': ['unavailable', 'no-slot'],
  'pprdv.interieur.gouv.fr/876': ['unavailable', 'no-slot'],
  'www.seine-saint-denis.gouv.fr/10317': ['unavailable', 'no-slot'],
};

const withRetryDelay = (jobs: Job[], retryDelayMs: number): Job[] =>
  jobs.map((job) => ({ ...job, target: { ...job.target, settings: { ...job.target.settings, retryDelayMs } } }));

export async function benchSlow(options: SlowOptions): Promise<SlowFigures> {
  const latencyMs = options.latencyMs ?? 2000;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const jobs = withRetryDelay(await selectJobs(undefined, undefined), retryDelayMs);
  const work = await mkdtemp(join(tmpdir(), 'stp-bench-slow-'));
  const replica = await startReplica({ latencyMs, behaviours: FLAKY_FORMS });
  try {
    const started = Date.now();
    const summary = await captureJobs(jobs, { archive: work, replica: replica.origin, log: (line) => options.log(`  ${line}`) });
    const wallMs = Date.now() - started;
    const waits = new Map<string, number>();
    let retries = 0;
    for (const result of summary.results) {
      if (!result.captured) continue;
      const { motif } = result.job;
      const host = new URL((motif.url ?? motif.index)!).hostname;
      retries += result.record.retries.length;
      waits.set(host, (waits.get(host) ?? 0) + requiredRetryWaitMs(result.record.retries.length, retryDelayMs));
    }
    const limit = physicalLimit(replica.requests, latencyMs, waits);
    return {
      latencyMs,
      retryDelayMs,
      motifs: jobs.length,
      captured: summary.results.filter((r) => r.captured).length,
      retries,
      requests: replica.requests.length,
      wallMs,
      limit,
      ratio: wallMs / limit.limitMs,
    };
  } finally {
    await replica.close();
    await rm(work, { recursive: true, force: true });
  }
}
