// Writes batches sent by file-writer.ts, synchronously, in a worker thread: [path, text] writes a file,
// [path, null, from] moves the previous site's file `from` there (a copy across file systems); a failed build puts
// it back (state.ts).
// Plain JavaScript: a worker thread does not get tsx's TypeScript loader.
import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';

const made = new Set();
parentPort.on('message', (batch) => {
  try {
    for (const [path, text, from] of batch) {
      const dir = dirname(path);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      if (text !== null) writeFileSync(path, text);
      else {
        try {
          renameSync(from, path);
        } catch (error) {
          if (error.code === 'ENOENT') {
            parentPort.postMessage({ error: `${from} : absent du site précédent`, missing: true });
            return;
          }
          if (error.code !== 'EXDEV') throw error;
          copyFileSync(from, path);
        }
      }
    }
    parentPort.postMessage({ written: batch.length });
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
