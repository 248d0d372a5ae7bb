import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { crc32, gunzipSync } from 'node:zlib';
import {
  compressPart,
  crc32Combine,
  GzipParts,
  PreviousParts,
  PreviousSiteError,
  type PartMemo,
} from '../site/pipeline/gzip-parts.ts';
import { tempDir } from './helpers.ts';

/** A build state reduced to its parts: what one build wrote, the next reads. */
function memory(dir: string, previous: Map<string, PartMemo[]> = new Map()) {
  const written = new Map<string, PartMemo[]>();
  return {
    written,
    previousParts: (path: string) => {
      const memos = previous.get(path);
      return memos ? { file: join(dir, path), parts: new Map(memos.map((m) => [m.key, m])) } : null;
    },
    parts: (path: string, memos: PartMemo[]) => void written.set(path, memos),
  };
}

const month = (n: number) =>
  Array.from({ length: 2000 }, (_, i) => `2026-${String(n).padStart(2, '0')},capture ${i},no-slot\n`).join('');

describe('gzip files made of parts', () => {
  it('combines CRC-32s as zlib does, over lengths past 4 GiB too', () => {
    const a = Buffer.from('aucun créneau disponible');
    const b = Buffer.from('réessayez plus tard'.repeat(1000));
    assert.equal(crc32Combine(crc32(a), crc32(b), b.length), crc32(Buffer.concat([a, b])));
    assert.equal(crc32Combine(crc32(a), 0, 0), crc32(a));
    // A part of 4 GiB and 1 KiB of zeros: its length does not fit in 32 bits (1.4 s of CRC).
    const zeros = Buffer.alloc(1 << 24);
    const tail = Buffer.alloc(1024);
    let part = 0;
    let whole = crc32(a);
    for (let i = 0; i < 256; i++) [part, whole] = [crc32(zeros, part), crc32(zeros, whole)];
    [part, whole] = [crc32(tail, part), crc32(tail, whole)];
    assert.equal(crc32Combine(crc32(a), part, 2 ** 32 + 1024), whole);
  });

  it('writes one gzip stream that gunzip and the system gzip read whole', async () => {
    const dir = await tempDir('stp-gzip-parts-');
    const mem = memory(dir);
    const file = new GzipParts(join(dir, 'a.csv.gz'), mem, 'a.csv.gz');
    file.add(null, compressPart('mois,capture,résultat\n'));
    for (const n of [3, 2, 1]) file.add(`mois-${n}`, compressPart(month(n)));
    const bytes = await file.close();
    const data = await readFile(join(dir, 'a.csv.gz'));
    assert.equal(bytes, data.length);
    const text = 'mois,capture,résultat\n' + month(3) + month(2) + month(1);
    assert.equal(gunzipSync(data).toString(), text);
    // gzip -t exits with an error on a bad stream, trailing data or a wrong CRC or length.
    await promisify(execFile)('gzip', ['-t', join(dir, 'a.csv.gz')]);
    assert.deepEqual(
      mem.written.get('a.csv.gz')!.map((m) => m.key),
      ['mois-3', 'mois-2', 'mois-1'],
      'the header, made anew each time, has no memo',
    );
  });

  it('copies the unchanged parts from the previous file, giving the bytes of a file made anew', async () => {
    const dir = await tempDir('stp-gzip-parts-');
    const first = memory(dir);
    const old = new GzipParts(join(dir, 'f.gz'), first, 'f.gz');
    for (const n of [2, 1]) old.add(`mois-${n}`, compressPart(month(n)));
    await old.close();

    const next = memory(join(dir, 'ancien'), first.written);
    await mkdir(join(dir, 'ancien'));
    await rename(join(dir, 'f.gz'), join(dir, 'ancien', 'f.gz'));
    const previous = new PreviousParts(next, 'f.gz');
    const made: number[] = [];
    const file = new GzipParts(join(dir, 'f.gz'), next, 'f.gz');
    for (const n of [3, 2, 1])
      file.add(
        `mois-${n}`,
        previous.part(`mois-${n}`, () => {
          made.push(n);
          return month(n);
        }),
      );
    await file.close();
    previous.close();
    assert.deepEqual(made, [3], 'only the new month is made and compressed');

    const anew = memory(dir);
    const full = new GzipParts(join(dir, 'g.gz'), anew, 'g.gz');
    for (const n of [3, 2, 1]) full.add(`mois-${n}`, compressPart(month(n)));
    await full.close();
    assert.deepEqual(await readFile(join(dir, 'f.gz')), await readFile(join(dir, 'g.gz')));
    assert.deepEqual(next.written.get('f.gz'), anew.written.get('g.gz'));
  });

  it('closes its file once: abandoned after closing, it leaves the file opened next alone', async () => {
    const dir = await tempDir('stp-gzip-parts-');
    const file = new GzipParts(join(dir, 'a.gz'), memory(dir), 'a.gz');
    file.add('k', compressPart('texte'));
    await file.close();
    // The system gives the lowest free descriptor: the one just closed.
    const other = openSync(join(dir, 'b.txt'), 'w');
    file.abandon();
    await new Promise((done) => setTimeout(done, 10));
    writeSync(other, 'encore ouvert');
    closeSync(other);
  });

  it('asks for a full build when the previous file is not what the state says', async () => {
    const dir = await tempDir('stp-gzip-parts-');
    const mem = memory(dir, new Map([['f.gz', [{ key: 'k', offset: 10, bytes: 500, crc: 0, size: 9 }]]]));
    assert.throws(() => new PreviousParts(mem, 'f.gz').part('k', () => 'x'), PreviousSiteError);
  });
});
