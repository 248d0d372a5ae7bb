/**
 * Run time against slow sites: every seed motif once on the replica with a latency on every response and
 * a few forms answering 503 before they recover, with the engine as scheduled runs use it (short retry
 * delay set in the jobs' settings). Compared with the physical limit read from the replica's request log
 * (measure.ts). Writes only in a temp folder it removes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplica, type Behaviour } from '../replica/server.ts';
import { captureJobs, type Job } from '../capture/run.ts';
import { selectJobs } from '../commands/capture.ts';
import { SEED_TARGETS } from '../target/load.ts';
import { realHost } from '../replica/http.ts';
import { imageRounds, physicalLimit, requiredRetryWaitMs, type CapturedPage, type PhysicalLimit } from './measure.ts';

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
  const jobs = withRetryDelay(await selectJobs([...SEED_TARGETS], undefined), retryDelayMs);
  const work = await mkdtemp(join(tmpdir(), 'stp-bench-slow-'));
  const replica = await startReplica({ latencyMs, behaviours: FLAKY_FORMS });
  try {
    const started = Date.now();
    const summary = await captureJobs(jobs, {
      archive: work,
      replica: replica.origin,
      log: (line) => options.log(`  ${line}`),
    });
    const wallMs = Date.now() - started;
    const waits = new Map<string, number>();
    const captured: CapturedPage[] = [];
    let retries = 0;
    for (const result of summary.results) {
      if (!result.captured) continue;
      const { record } = result;
      const url = new URL(record.url);
      const host = realHost(url.host);
      retries += record.retries.length;
      waits.set(host, (waits.get(host) ?? 0) + requiredRetryWaitMs(record.retries.length, retryDelayMs));
      captured.push({ host, path: url.pathname + url.search, at: Date.parse(record.capturedAt) });
    }
    const rounds = imageRounds(replica.requests, captured);
    const hosts = new Map(
      [...waits].map(([host, retryWaitMs]) => [host, { retryWaitMs, imageRounds: rounds.get(host) ?? 0 }]),
    );
    const limit = physicalLimit(replica.requests, latencyMs, hosts);
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
