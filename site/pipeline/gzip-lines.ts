/**
 * A text file written line by line through gzip while the pass runs: the lines go to the compressor in
 * batches, compressed on libuv's thread pool beside the pass. When the compressor falls behind, `room()`
 * waits, so that memory stays bounded however many lines there are. One gzip stream, not concatenated
 * members: every tool that reads .gz reads it.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { TransformOptions } from 'node:stream';
import { createGzip, type Gzip, type ZlibOptions } from 'node:zlib';
import { GZIP_LEVEL } from '../model/opendata.ts';

const BATCH = 512;
/** Text queued before `room()` waits: a few batches, so that the pass and the compressor run side by side. */
const OPTIONS: ZlibOptions & TransformOptions = { level: GZIP_LEVEL, writableHighWaterMark: 4 << 20 };

export class GzipLines {
  private readonly gzip: Gzip = createGzip(OPTIONS);
  private readonly file: WriteStream;
  private readonly written: Promise<void>;
  private buffer: string[] = [];

  constructor(path: string, head: string) {
    this.file = createWriteStream(path);
    this.written = pipeline(this.gzip, this.file);
    // Awaited by `close`; until then a failure (a full disk) is kept for it rather than left unhandled.
    this.written.catch(() => undefined);
    this.push(head);
  }

  push(text: string): void {
    this.buffer.push(text);
    if (this.buffer.length >= BATCH) this.flush();
  }

  /** Resolves when the compressor can take more. */
  async room(): Promise<void> {
    if (this.gzip.writableNeedDrain) await once(this.gzip, 'drain');
  }

  /** Writes the tail, waits until the file is complete; returns its size (compressed). */
  async close(tail: string): Promise<number> {
    this.push(tail);
    this.flush();
    this.gzip.end();
    await this.written;
    return this.file.bytesWritten;
  }

  abandon(): void {
    this.gzip.destroy();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    this.gzip.write(this.buffer.join(''));
    this.buffer = [];
  }
}
