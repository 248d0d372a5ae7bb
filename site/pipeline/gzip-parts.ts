/**
 * A gzip file made of parts compressed apart, so that after a capture run the parts whose text did not change
 * (a month of the open data, a month of a motif's dossier index) are copied from the previous build's file
 * instead of made and compressed again: at ten years of a hundred motifs, that was a third of an incremental
 * build. Each part's deflate data ends with a full flush, so it refers to no byte before it and can sit after
 * any other. The file is still one gzip member (one header, the parts end to end, a final empty block, the
 * CRC-32 of the whole text combined from the parts' own): every reader of .gz reads it, the browser's
 * DecompressionStream included.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { constants, crc32, deflateRaw } from 'node:zlib';
import { GZIP_LEVEL } from '../model/opendata.ts';

/** A file the state names is missing from the previous site: the build starts again, in full (build-site.ts). */
export class PreviousSiteError extends Error {
  override name = 'PreviousSiteError';
}

/** A part: its raw deflate data, the CRC-32 and length of its text. */
export interface Part {
  data: Buffer;
  crc: number;
  size: number;
}

/** Where a part with a key lies in the file a build wrote, for the next build to copy it. */
export interface PartMemo {
  key: string;
  offset: number;
  bytes: number;
  crc: number;
  size: number;
}

/** The parts of the files the previous build wrote (the build state), and those of this build's, for the next. */
export interface PartMemory {
  /** The previous site's file at `path` (a site path) and its keyed parts; null when the build is full. */
  previousParts(path: string): { file: string; parts: Map<string, PartMemo> } | null;
  parts(path: string, memos: PartMemo[]): void;
}

/** gzip, deflate, no flags, no time (the same bytes from any build), no extra flags, Unix. */
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]);
/** A final fixed-Huffman block with no data: what ends the deflate stream after the last part's flush. */
const LAST_BLOCK = Buffer.from([3, 0]);
const deflate = promisify(deflateRaw);

export async function compressPart(text: string): Promise<Part> {
  const bytes = Buffer.from(text);
  const data = await deflate(bytes, { level: GZIP_LEVEL, finishFlush: constants.Z_FULL_FLUSH });
  return { data, crc: crc32(bytes), size: bytes.length };
}

const POLY = 0xedb88320;

/** a × b modulo the CRC-32 polynomial, bits reflected as zlib has them (zlib's multmodp). */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0…31. */
const X2N: number[] = [];
for (let k = 0, p = 1 << 30; k < 32; k++, p = multModP(p, p)) X2N.push(p);

/** x^(n·2^k) modulo the polynomial (zlib's x2nmodp); n may pass 2^32. */
function x2nModP(n: number, k: number): number {
  let p = 0x80000000;
  for (; n > 0; n = Math.floor(n / 2), k++) if (n % 2) p = multModP(X2N[k & 31]!, p);
  return p;
}

/** The CRC-32 of A then B, from those of A and B and the length of B (zlib's crc32_combine). */
export const crc32Combine = (crcA: number, crcB: number, lengthB: number) =>
  (multModP(x2nModP(lengthB, 3), crcA) ^ crcB) >>> 0;

/** Parts of the previous build's file at one site path, read when asked for. */
export class PreviousParts {
  private fd: number | null = null;
  private readonly previous: { file: string; parts: Map<string, PartMemo> } | null;

  constructor(memory: PartMemory, path: string) {
    this.previous = memory.previousParts(path);
  }

  /** The part the previous build wrote for `key` (null: a part made anew each time), else compressed from `text`. */
  part(key: string | null, text: () => string): Promise<Part> {
    const memo = key === null ? undefined : this.previous?.parts.get(key);
    if (!memo) return compressPart(text());
    const { file } = this.previous!;
    const data = Buffer.allocUnsafe(memo.bytes);
    try {
      this.fd ??= openSync(file, 'r');
      if (readSync(this.fd, data, 0, memo.bytes, memo.offset) !== memo.bytes) throw new Error('fichier plus court');
    } catch (error) {
      throw new PreviousSiteError(`${file} : ${(error as Error).message}`);
    }
    return Promise.resolve({ data, crc: memo.crc, size: memo.size });
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** Parts being compressed at once (libuv's threads), per file: the pass waits beyond. */
const IN_FLIGHT = 4;

/**
 * Writes one gzip file from parts given in file order; each part is written as soon as it is ready, in order.
 * `close` completes the file, gives its size and the memos of its keyed parts to the build state.
 */
export class GzipParts {
  private readonly fd: number;
  private offset = HEADER.length;
  private crc = 0;
  private size = 0;
  private readonly memos: PartMemo[] = [];
  private written: Promise<void> = Promise.resolve();
  /** Each part's write, oldest first, until `room` has seen it done. */
  private readonly steps: Promise<void>[] = [];
  /** Its descriptor is closed once: closed twice, it could be another file's by then. */
  private closed = false;

  constructor(
    file: string,
    private readonly memory: PartMemory,
    private readonly path: string,
  ) {
    this.fd = openSync(file, 'w');
    writeSync(this.fd, HEADER);
  }

  /** Appends a part; `key`: what its text was made from, to copy it next time (null: made anew each time). */
  add(key: string | null, part: Promise<Part>): void {
    // Its failure is reported by `close`, not as an unhandled rejection while earlier parts are written.
    part.catch(() => undefined);
    this.written = this.written.then(async () => {
      const { data, crc, size } = await part;
      writeSync(this.fd, data);
      if (key !== null) this.memos.push({ key, offset: this.offset, bytes: data.length, crc, size });
      this.offset += data.length;
      this.crc = crc32Combine(this.crc, crc, size);
      this.size += size;
    });
    this.written.catch(() => undefined);
    this.steps.push(this.written);
  }

  /** Resolves when few enough parts wait to be written. */
  async room(): Promise<void> {
    while (this.steps.length > IN_FLIGHT) await this.steps.shift()!.catch(() => undefined);
  }

  /** Completes the file; returns its size. */
  async close(): Promise<number> {
    try {
      await this.written;
      const trailer = Buffer.alloc(8);
      trailer.writeUInt32LE(this.crc, 0);
      trailer.writeUInt32LE(this.size % 2 ** 32, 4);
      writeSync(this.fd, Buffer.concat([LAST_BLOCK, trailer]));
    } finally {
      this.closeFile();
    }
    this.memory.parts(this.path, this.memos);
    return this.offset + LAST_BLOCK.length + 8;
  }

  /** The build failed: the file is left unfinished in the folder the build removes. */
  abandon(): void {
    this.written.finally(() => this.closeFile()).catch(() => undefined);
  }

  private closeFile(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
