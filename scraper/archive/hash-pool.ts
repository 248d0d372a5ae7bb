/**
 * SHA-256 of many files on worker threads, for verify. An archive holds hundreds of thousands of small
 * files: reading and hashing them is bound by system calls and CPU, so it runs on every core, with more
 * reads in flight than cores for a disk cache that is cold.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

export type FileHash = { sha256: string } | { error: string };

// Plain CommonJS, evaluated as is: the worker needs no TypeScript loader.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { createHash } = require('node:crypto');
parentPort.on('message', ({ id, paths }) => {
  const results = paths.map((path) => {
    try {
      return { sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
    } catch (error) {
      return { error: error.code === 'ENOENT' ? 'fichier absent' : 'illisible (' + (error.code || error.message) + ')' };
    }
  });
  parentPort.postMessage({ id, results });
});
`;

export class HashPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (r: FileHash[]) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  /** `root`: the folder that paths are relative to. Two workers per core by default. */
  constructor(
    private readonly root: string,
    readonly size = 2 * availableParallelism(),
  ) {
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.on('message', ({ id, results }: { id: number; results: FileHash[] }) => {
        this.waiting.get(id)?.resolve(results);
        this.waiting.delete(id);
      });
      worker.on('error', (error) => {
        for (const { reject } of this.waiting.values()) reject(error);
        this.waiting.clear();
      });
      return worker;
    });
  }

  /** Hashes of `paths` (relative to the root), in the same order. */
  hash(paths: string[]): Promise<FileHash[]> {
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, paths: paths.map((path) => join(this.root, path)) });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
