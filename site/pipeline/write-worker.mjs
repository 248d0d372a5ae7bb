// Writes batches of [path, text] sent by file-writer.ts, synchronously, in a worker thread.
// Plain JavaScript: a worker thread does not get tsx's TypeScript loader.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';

const made = new Set();
parentPort.on('message', (batch) => {
  try {
    for (const [path, text] of batch) {
      const dir = dirname(path);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(path, text);
    }
    parentPort.postMessage({ written: batch.length });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
