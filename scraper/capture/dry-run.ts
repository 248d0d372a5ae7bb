/**
 * What a dry run keeps to debug a target file, beside its captures: a screenshot after every step of every
 * attempt, and for an attempt whose final page is not recognised, the Playwright trace (`trace.zip`, opened
 * with `npx playwright show-trace`). Only a dry run pays for them.
 */
import { join } from 'node:path';
import type { Page } from 'playwright';
import { writeFileAtomic } from '../archive/write.ts';
import type { AttemptOptions } from '../navigate/attempt.ts';
import { slugify } from '../target/slug.ts';
import type { Motif, Target } from '../target/schema.ts';

/** `<dir>/<prefecture>/<motif>/essai-<n>/`: one folder per attempt, retries included. */
export function attemptDebugDir(dir: string, target: Target, motif: Motif, tryIndex: number): string {
  return join(dir, target.id, motif.id, `essai-${tryIndex + 1}`);
}

export function dryRunWatchers(folder: string): Pick<AttemptOptions, 'onStep' | 'keepTrace'> {
  let count = 0;
  return {
    async onStep(step, page: Page) {
      count += 1;
      const name = `${String(count).padStart(2, '0')}-${slugify(step.name, 8)}.png`;
      await writeFileAtomic(
        join(folder, name),
        await page.screenshot({ fullPage: true, type: 'png', timeout: 30_000 }),
      );
    },
    keepTrace: (verdict) => (verdict.outcome === 'unrecognized' ? join(folder, 'trace.zip') : null),
  };
}
