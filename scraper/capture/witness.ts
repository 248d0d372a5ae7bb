/**
 * Witness mode: a person browses in a visible window (their own FranceConnect, their own captcha answers),
 * and each time they ask, the tool captures the page they see exactly as the bot captures its final page
 * (same snapshot, screenshot, classification, record and archive writer), with `mode: "witness"`.
 * The tool never types or clicks anything in the page; it reads nothing the person typed, and keeps page
 * addresses without their query string, where a search form or a login may carry what was typed. The person's
 * public IP is not even asked for unless they want it recorded (`recordIp`): it says where they live or work.
 */
import type { Browser, BrowserContext, Page } from 'playwright';
import { writeManifest, type ManifestEntry } from '../archive/manifest.ts';
import { PERSONAL_DIR, stampOf } from '../archive/paths.ts';
import { recoverStaging } from '../archive/write.ts';
import { storeCapture, type Job } from './run.ts';
import { provenance } from '../evidence/provenance.ts';
import { serverIdentity } from '../evidence/server.ts';
import type { EvidenceRecord, Provenance, Step } from '../evidence/record.ts';
import { outcomeTextsOf, settingsSchema, type Motif, type Target } from '../target/schema.ts';
import { slugify } from '../target/slug.ts';
import { OUTCOME_LABELS } from '../outcome/outcomes.ts';
import { classify } from '../outcome/classify.ts';
import { CONTEXT_OPTIONS, oneLine, VIEWPORT } from '../navigate/attempt.ts';
import { launchBrowser } from '../navigate/browser.ts';
import { openSession, type Session } from '../navigate/session.ts';
import { screenshotPage, snapshot } from '../navigate/snapshot.ts';
import { runTimestamping, timestampRun, type RunTimestamping, type Timestamps } from '../timestamp/request.ts';

export const CONTROL_LABEL = 'Capturer cette page';
const CONTROL_ID = 'stp-temoin';

/**
 * The « Capturer cette page » control: fixed in a corner, in a closed shadow root attached after <body>, so
 * the page's content, layout and text (body.innerText, headings) are unchanged; hidden during the screenshot.
 * Plain JavaScript text: a compiled function would carry the TypeScript runner's helpers into the page.
 */
const CONTROL_SCRIPT = `(() => {
  const mount = () => {
    if (window !== window.top || document.getElementById(${JSON.stringify(CONTROL_ID)}) || !document.documentElement) return;
    const host = document.createElement('stp-temoin');
    host.id = ${JSON.stringify(CONTROL_ID)};
    host.style.cssText = 'all: initial; position: fixed; right: 12px; bottom: 12px; z-index: 2147483647;';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = ${JSON.stringify(CONTROL_LABEL)};
    button.style.cssText = 'font: bold 14px sans-serif; padding: 8px 12px; background: #000091; color: #fff; border: 0; border-radius: 4px; cursor: pointer;';
    button.addEventListener('click', () => window.stpCapturer());
    host.attachShadow({ mode: 'closed' }).append(button);
    document.documentElement.append(host);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();`;

function setControlShown(page: Page, shown: boolean): Promise<void> {
  return page
    .evaluate(({ id, shown }) => document.getElementById(id)?.style.setProperty('display', shown ? 'block' : 'none'), {
      id: CONTROL_ID,
      shown,
    })
    .catch(() => undefined);
}

/** The address without query string or fragment (they may hold what the person typed, or a login code). */
export function withoutQuery(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url;
  }
}

/** The platform of a page no target file describes, as its address tells it. */
export function platformOf(url: string): string {
  if (/(^|\.)rdv-prefecture\.interieur\.gouv\.fr(\.localhost)?$/.test(new URL(url).hostname)) return 'rdv-prefecture';
  return /\/booking\/create\//.test(url) ? 'legacy-booking' : 'autre';
}

/** Where a capture made without --target/--motif goes: `personnel/<slug of the page title>`. */
export function personalJob(title: string, url: string): Job {
  const label = title.trim() || new URL(url).hostname;
  const motif: Motif = { id: slugify(label), label, platform: 'rdv-prefecture', entry: { by: 'url', url } };
  const target: Target = {
    id: PERSONAL_DIR,
    name: 'Non précisée (capture personnelle)',
    settings: settingsSchema.parse({}),
    motifs: [motif],
  };
  return { target, motif };
}

export interface WitnessOptions {
  /** Address of the first page, as the browser opens it. */
  startUrl: string;
  /** A motif of a target file, or null: each capture is then named after its page (personnel/…). */
  job: Job | null;
  archive: string;
  proxy?: string;
  /** Ask the echo service for the public IP and keep it in the records (off by default). */
  recordIp?: boolean;
  log: (line: string) => void;
}

export interface WitnessCapture {
  record: EvidenceRecord;
  image: string;
}

/** One witness session: the window, its captures, and how it ends (`ended` resolves when the window is gone). */
export class WitnessSession {
  readonly captures: WitnessCapture[] = [];
  failures = 0;
  readonly ended: Promise<void>;
  private readonly hashes: ManifestEntry[] = [];
  private readonly sessions = new Map<Page, Session>();
  private readonly startedAt = new Date().toISOString();
  private current: Page | null = null;
  private queue: Promise<WitnessCapture | null> = Promise.resolve(null);
  private lastStamp = '';

  private constructor(
    private readonly browser: Browser,
    private readonly context: BrowserContext,
    private readonly base: Provenance,
    private readonly options: WitnessOptions,
    private readonly timestamping: RunTimestamping,
  ) {
    this.ended = new Promise((done) => {
      browser.on('disconnected', () => done());
      context.on('close', () => done());
      this.onAllClosed = done;
    });
  }

  private onAllClosed: () => void = () => undefined;

  static async open(options: WitnessOptions): Promise<WitnessSession> {
    // A bad STP_TSA_URLS stops the session before the window opens, as it stops a bot run.
    const timestamping = runTimestamping(process.env);
    await recoverStaging(options.archive);
    const browser = await launchBrowser({ headed: true, ...(options.proxy ? { proxy: options.proxy } : {}) });
    try {
      const base = await provenance(browser, {
        viewport: VIEWPORT,
        proxy: Boolean(options.proxy),
        askPublicIp: options.recordIp === true,
      });
      const context = await browser.newContext(CONTEXT_OPTIONS);
      const session = new WitnessSession(browser, context, base, options, timestamping);
      await context.exposeBinding('stpCapturer', ({ page }) => {
        void session.capture(page);
      });
      await context.addInitScript(CONTROL_SCRIPT);
      context.on('page', (page) => session.follow(page));
      const page = await context.newPage();
      await session.sessions
        .get(page)!
        .step('open', () => page.goto(options.startUrl, { waitUntil: 'domcontentloaded' }));
      return session;
    } catch (error) {
      await browser.close().catch(() => undefined);
      throw error;
    }
  }

  /** Follows a tab: the pages the person goes through become the capture's steps (addresses only). */
  private follow(page: Page): void {
    const session = openSession(page, (url) => url, { timeoutMs: 120_000, deadline: Number.POSITIVE_INFINITY });
    this.sessions.set(page, session);
    this.current = page;
    let since = Date.now();
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame() || session.steps.length === 0) return;
      const last = session.lastResponse();
      session.steps.push({
        name: 'page-by-person',
        url: withoutQuery(frame.url()),
        status: last.status,
        durationMs: Date.now() - since,
      });
      since = Date.now();
    });
    page.on('close', () => {
      if (this.current === page) this.current = this.context.pages().at(-1) ?? null;
      if (this.context.pages().length === 0) this.onAllClosed();
    });
  }

  /**
   * Captures the page (by default the last tab opened that is still open), one capture at a time, and says
   * how it went; null when nothing could be captured (counted in `failures`).
   */
  capture(page: Page | null = this.current): Promise<WitnessCapture | null> {
    const next = this.queue.then(() =>
      this.captureNow(page).then(
        (capture) => {
          const { record } = capture;
          this.options.log(
            `  ✓ capturée : ${OUTCOME_LABELS[record.outcome]} (${record.outcome}) — « ${record.evidence.title} » → ${capture.image}`,
          );
          return capture;
        },
        (error: unknown) => {
          this.failures++;
          this.options.log(`  ✗ NON capturée : ${oneLine(error)}`);
          return null;
        },
      ),
    );
    this.queue = next;
    return next;
  }

  private async captureNow(page: Page | null): Promise<WitnessCapture> {
    if (!page || page.isClosed()) throw new Error('aucune page ouverte à capturer');
    const session = this.sessions.get(page)!;
    // Names carry the second: a second capture within the same second waits for the next one.
    while (stampOf(new Date().toISOString()) === this.lastStamp) await new Promise((r) => setTimeout(r, 100));
    await setControlShown(page, false);
    let seen, server, shot, capturedAt;
    try {
      seen = await snapshot(page, session.lastResponse(), null, null);
      server = await serverIdentity(session.finalResponse());
      capturedAt = new Date().toISOString();
      const cdp = await page.context().newCDPSession(page);
      shot = await screenshotPage(page, cdp).finally(() => cdp.detach().catch(() => undefined));
    } finally {
      await setControlShown(page, true);
    }
    this.lastStamp = stampOf(capturedAt);
    seen.url = withoutQuery(seen.url);
    const job = this.options.job ?? personalJob(seen.title, seen.url);
    const steps: Step[] = session.steps.map((s) => ({ ...s, url: withoutQuery(s.url) }));
    const stored = await storeCapture(this.options.archive, {
      ...job,
      attempt: {
        kind: 'captured',
        startedAt: this.startedAt,
        capturedAt,
        snapshot: seen,
        verdict: classify(seen, this.options.job ? outcomeTextsOf(this.options.job.motif) : undefined),
        serverDate: session.lastResponse().serverDate,
        server,
        steps,
        png: shot.png,
        cutFromHeight: shot.cutFromHeight,
        startUrl: withoutQuery(this.options.startUrl),
      },
      retries: [],
      provenance: this.base,
      assisted: true,
      mode: 'witness',
      ...(this.options.job ? {} : { platform: platformOf(seen.url) }),
    });
    this.hashes.push(...stored.hashes);
    const capture = { record: stored.record, image: stored.files.image };
    this.captures.push(capture);
    return capture;
  }

  /**
   * Waits for a capture under way, closes the window, writes the session's manifest (null when nothing was
   * captured) and has it timestamped like a bot run's: an authority that fails is reported and skipped.
   */
  async close(): Promise<{ manifest: string | null; timestamps: Timestamps }> {
    await this.queue;
    await this.browser.close().catch(() => undefined);
    const { archive, log } = this.options;
    const manifest = this.hashes.length > 0 ? await writeManifest(archive, this.startedAt, this.hashes) : null;
    return { manifest, timestamps: await timestampRun(archive, manifest, this.timestamping, log) };
  }
}
