/**
 * Writes many small files (or moves them from the previous site) from a worker thread: on two cores, the
 * disk work of 100,000 capture pages runs beside the reading and rendering instead of after it. Files go in
 * batches; when the worker falls behind, `write` waits, so that memory stays bounded. A failed write fails
 * the build; a file of the previous site that is not there fails it with `PreviousSiteError`.
 */
import { Worker } from 'node:worker_threads';
import { PreviousSiteError } from './gzip-parts.ts';

const BATCH = 128;
/** Batches sent and not yet written before `write` waits: ~1,000 pages, a few MB. */
const AHEAD = 8;

export class FileWriter {
  private readonly worker = new Worker(new URL('./write-worker.mjs', import.meta.url));
  private batch: [string, string | null, string?][] = [];
  private inFlight = 0;
  private wake: (() => void) | null = null;
  private failure: Error | null = null;

  constructor() {
    this.worker.on('message', (message: { written?: number; error?: string; missing?: boolean }) => {
      if (message.error !== undefined)
        this.failure ??= message.missing
          ? new PreviousSiteError(message.error)
          : new Error(`écriture du site impossible : ${message.error}`);
      this.inFlight--;
      this.wake?.();
    });
    this.worker.on('error', (error) => {
      this.failure ??= error;
      this.inFlight = 0;
      this.wake?.();
    });
  }

  async write(path: string, text: string): Promise<void> {
    await this.queue([path, text]);
  }

  /** Moves the file `from` (of the previous site) to `path`: 80,000 moves take seconds of a thread. */
  async move(from: string, path: string): Promise<void> {
    await this.queue([path, null, from]);
  }

  private async queue(item: [string, string | null, string?]): Promise<void> {
    this.batch.push(item);
    if (this.batch.length < BATCH) return;
    this.send();
    while (this.inFlight > AHEAD && !this.failure) await new Promise<void>((done) => (this.wake = done));
    if (this.failure) throw this.failure;
  }

  /** Waits until every file is written. */
  async close(): Promise<void> {
    if (this.batch.length > 0) this.send();
    while (this.inFlight > 0 && !this.failure) await new Promise<void>((done) => (this.wake = done));
    await this.worker.terminate();
    if (this.failure) throw this.failure;
  }

  /** Stops the worker without waiting for what is queued (the build failed; its folder is deleted). */
  async abandon(): Promise<void> {
    await this.worker.terminate();
  }

  private send(): void {
    this.worker.postMessage(this.batch);
    this.batch = [];
    this.inFlight++;
  }
}
