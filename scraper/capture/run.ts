/**
 * The capture run: every chosen motif once, with retries on site errors (and one on a failure of the robot's
 * own network) inside a time budget per motif.
 * Motifs of one site (host) go one after another — never two request chains at once on the same site —
 * while different sites run side by side. Each capture is written as soon as it is taken.
 */
import type { Browser, Page } from 'playwright';
import { attempt, VIEWPORT, type AttemptResult } from '../navigate/attempt.ts';
import { launchBrowser, siteUrl } from '../navigate/browser.ts';
import { bounded } from '../navigate/deadline.ts';
import { attemptDebugDir, dryRunWatchers } from './dry-run.ts';
import { buildCapture, type BuildInput } from './build-capture.ts';
import { provenance } from '../evidence/provenance.ts';
import type { EvidenceRecord, Provenance } from '../evidence/record.ts';
import { matchedTextOf } from '../evidence/quote.ts';
import { OUTCOME_LABELS, type Outcome } from '../outcome/outcomes.ts';
import { writeCapture, recoverStaging } from '../archive/write.ts';
import { writeManifest, type ManifestEntry } from '../archive/manifest.ts';
import { startUrl, type Motif, type Target } from '../target/schema.ts';
import { runTimestamping, timestampRun, type Timestamps } from '../timestamp/request.ts';

export interface CaptureOptions {
  archive: string;
  /** Origin of the local replica; the real sites when absent. */
  replica?: string;
  headed?: boolean;
  proxy?: string;
  /** Pause between two motifs of the same site, in ms (default: none). */
  pauseMs?: number;
  /** In an assisted run: lets a person solve a captcha in the visible browser. Motifs then go one at a time. */
  solveCaptcha?: (page: Page) => Promise<boolean>;
  /** Dry run: where to keep a screenshot per step and the trace of unrecognised pages (dry-run.ts). */
  debugDir?: string;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  /**
   * When the whole run must be over (epoch ms): the job's time limit minus the upload. Motifs get no more
   * than what is left, and those not begun by then are reported as not captured, so that the captures
   * already taken are uploaded before the runner's timeout would throw them away.
   */
  stopAt?: number;
  /**
   * A browser already started, shared by several runs in a row (the tests): used as is, never closed by the run,
   * and not relaunched when it gets stuck (the motifs left are then not captured).
   */
  browser?: Browser;
}

export interface Job {
  target: Target;
  motif: Motif;
}

export type JobResult =
  | {
      job: Job;
      captured: true;
      record: EvidenceRecord;
      files: { image: string; thumbnail: string; text?: string; record: string };
      hashes: ManifestEntry[];
    }
  | { job: Job; captured: false; reason: string };

export interface RunSummary {
  results: JobResult[];
  manifest: string | null;
  /** The manifest's RFC 3161 timestamps, and the authorities that gave none (the run is kept all the same). */
  timestamps: Timestamps;
}

const defaultSleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Groups jobs by the host they start on, keeping their order. */
export function bySite(jobs: Job[]): Job[][] {
  const groups = new Map<string, Job[]>();
  for (const job of jobs) {
    const host = new URL(startUrl(job.motif.entry)).host;
    groups.set(host, [...(groups.get(host) ?? []), job]);
  }
  return [...groups.values()];
}

/**
 * The run's one browser, relaunched when a context no longer closes: a stuck renderer must cost one motif,
 * not the rest of the run. Motifs of other sites that were using the old one are recorded as not captured.
 */
class BrowserKeeper {
  private relaunching: Promise<void> | null = null;
  constructor(
    public browser: Browser,
    /** Null for a browser the run was given: not the run's to close. */
    private readonly launch: (() => Promise<Browser>) | null,
    private readonly log: (line: string) => void,
  ) {}

  relaunch(stuck: Browser): Promise<void> {
    if (stuck !== this.browser) return this.relaunching ?? Promise.resolve();
    const launch = this.launch;
    if (launch === null) {
      this.log('  navigateur partagé bloqué : pas de redémarrage');
      return Promise.resolve();
    }
    this.relaunching ??= (async () => {
      this.log('  navigateur bloqué : redémarrage');
      await bounded(stuck.close(), 15_000, 'fermeture du navigateur').catch(() => undefined);
      this.browser = await launch();
      this.relaunching = null;
    })();
    return this.relaunching;
  }
}

/** Too little time left to begin a motif: at least one page and its screenshot. */
const MIN_JOB_MS = 30_000;

/** Beyond the motif's budget, what a job may still take (screenshot, images, writing) before it is given up. */
const JOB_GRACE_MS = 3 * 60_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1).replace('.', ',')} s`;

/**
 * Wait before the one more try a failure of the robot's own network gets: a passing glitch (a DNS answer lost)
 * is over by then, and a network that is down stays down for longer than the site's growing waits would give it.
 */
export const NETWORK_RETRY_MS = 5000;

/**
 * How long to wait before trying again after `outcome`, given the tries already made; null keeps this result.
 * A site error is tried again as the target says, with waits that double; the robot's network once, soon.
 */
function retryDelay(
  outcome: Outcome,
  earlier: readonly { outcome: Outcome }[],
  settings: Pick<Target['settings'], 'retries' | 'retryDelayMs'>,
): number | null {
  const tried = earlier.filter((r) => r.outcome === outcome).length;
  switch (outcome) {
    case 'site-error':
      return tried < settings.retries ? settings.retryDelayMs * 2 ** tried : null;
    case 'runner-network':
      return tried === 0 ? NETWORK_RETRY_MS : null;
    default:
      return null;
  }
}

async function attemptWithRetries(
  keeper: BrowserKeeper,
  job: Job,
  options: CaptureOptions,
): Promise<{ result: AttemptResult; retries: EvidenceRecord['retries'] }> {
  const { settings } = job.target;
  const sleep = options.sleep ?? defaultSleep;
  const deadline = Math.min(Date.now() + settings.motifBudgetMs, options.stopAt ?? Infinity);
  const retries: EvidenceRecord['retries'] = [];
  for (let tryIndex = 0; ; tryIndex++) {
    const browser = keeper.browser;
    const result = await attempt(browser, job.motif, {
      timeoutMs: settings.stepTimeoutMs,
      deadline,
      siteUrl: (url) => siteUrl(url, options.replica),
      log: (line) => options.log(`  ${job.target.id} / ${job.motif.id} — ${line}`),
      ...(options.solveCaptcha ? { solveCaptcha: options.solveCaptcha } : {}),
      ...(options.debugDir ? dryRunWatchers(attemptDebugDir(options.debugDir, job.target, job.motif, tryIndex)) : {}),
    });
    if (result.browserStuck) await keeper.relaunch(browser);
    if (result.kind !== 'captured') return { result, retries };
    const { verdict } = result;
    const wait = retryDelay(verdict.outcome, retries, settings);
    if (wait === null || Date.now() + wait + 1000 >= deadline) return { result, retries };
    // Its page text is not kept: nothing of it can be quoted, the description says what it was.
    const { outcome, description } = verdict;
    retries.push({ at: result.startedAt, outcome, matchedText: matchedTextOf(verdict), description });
    options.log(`  ${job.target.id} / ${job.motif.id} : ${description} — nouvel essai dans ${seconds(wait)}`);
    await sleep(wait);
  }
}

/**
 * Records and writes one captured, already classified page into the archive: the same for the bot's attempts and a
 * person's (witness mode). Returns the record, the files' paths and their hashes for the run's manifest.
 */
export async function storeCapture(
  archive: string,
  input: BuildInput,
): Promise<{ record: EvidenceRecord; files: Awaited<ReturnType<typeof writeCapture>>; hashes: ManifestEntry[] }> {
  const built = await buildCapture(input);
  const files = await writeCapture(
    archive,
    { prefecture: input.target.id, motif: input.motif.id, capturedAt: built.record.capturedAt },
    built.files,
  );
  // Each file was hashed once, when it was made (build-capture.ts).
  const hashes = (['image', 'thumbnail', 'text', 'record'] as const).flatMap((kind) => {
    const [sha256, path] = [built.hashes[kind], files[kind]];
    return sha256 && path ? [{ sha256, path }] : [];
  });
  return { record: built.record, files, hashes };
}

async function runJob(keeper: BrowserKeeper, job: Job, base: Provenance, options: CaptureOptions): Promise<JobResult> {
  const started = Date.now();
  const name = `${job.target.id} / ${job.motif.id}`;
  try {
    // Every page operation has its own deadline; this one holds even if some call was missed.
    const { result, retries } = await bounded(
      attemptWithRetries(keeper, job, options),
      job.target.settings.motifBudgetMs + JOB_GRACE_MS,
      'motif abandonné : navigateur',
    );
    if (result.kind !== 'captured') {
      options.log(`✗ ${name} : NON CAPTURÉ — ${result.reason}`);
      return { job, captured: false, reason: result.reason };
    }
    // Assisted only when the person's solving let the bot past the captcha.
    const assisted = result.steps.some((s) => s.name === 'captcha-by-person') && result.snapshot.captcha.length === 0;
    const stored = await storeCapture(options.archive, {
      ...job,
      attempt: result,
      retries,
      provenance: base,
      assisted,
    });
    const { outcome } = stored.record;
    options.log(
      `${outcome === 'no-slot' ? '✓' : '!'} ${name} : ${OUTCOME_LABELS[outcome]} (${outcome}) en ${seconds(Date.now() - started)} → ${stored.files.image}`,
    );
    return { job, captured: true, ...stored };
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    options.log(`✗ ${name} : NON CAPTURÉ — ${reason}`);
    return { job, captured: false, reason };
  }
}

export async function captureJobs(jobs: Job[], options: CaptureOptions): Promise<RunSummary> {
  const runStartedAt = new Date().toISOString();
  // A bad STP_TSA_URLS stops the run before anything is captured.
  const timestamping = runTimestamping(process.env);
  const recovered = await recoverStaging(options.archive);
  for (const record of recovered.finished) options.log(`capture interrompue terminée : ${record}`);
  const launch = () =>
    launchBrowser({
      ...(options.headed ? { headed: true } : {}),
      ...(options.proxy ? { proxy: options.proxy } : {}),
    });
  const keeper = options.browser
    ? new BrowserKeeper(options.browser, null, options.log)
    : new BrowserKeeper(await launch(), launch, options.log);
  try {
    const base = await provenance(keeper.browser, { viewport: VIEWPORT, proxy: Boolean(options.proxy) });
    const sleep = options.sleep ?? defaultSleep;
    const runGroup = async (group: Job[]) => {
      const results: JobResult[] = [];
      for (const [i, job] of group.entries()) {
        if (options.stopAt !== undefined && Date.now() >= options.stopAt - MIN_JOB_MS) {
          const reason = 'temps du passage épuisé : motif non tenté';
          options.log(`✗ ${job.target.id} / ${job.motif.id} : NON CAPTURÉ — ${reason}`);
          results.push({ job, captured: false, reason });
          continue;
        }
        if (i > 0 && options.pauseMs) await sleep(options.pauseMs);
        results.push(await runJob(keeper, job, base, options));
      }
      return results;
    };
    // A person solves one captcha at a time: an assisted run takes the sites one after another.
    const groups: JobResult[][] = [];
    if (options.solveCaptcha) for (const group of bySite(jobs)) groups.push(await runGroup(group));
    else groups.push(...(await Promise.all(bySite(jobs).map(runGroup))));
    const results = jobs.map((job) => groups.flat().find((r) => r.job === job)!);
    const entries = results.flatMap((r) => (r.captured ? r.hashes : []));
    const manifest = entries.length > 0 ? await writeManifest(options.archive, runStartedAt, entries) : null;
    const timestamps = await timestampRun(options.archive, manifest, timestamping, options.log);
    return { results, manifest, timestamps };
  } finally {
    if (!options.browser)
      await bounded(keeper.browser.close(), 15_000, 'fermeture du navigateur').catch(() => undefined);
  }
}
