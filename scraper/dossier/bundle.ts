/**
 * Builds the browser bundle of the dossier (browser.ts and everything it imports: pdf-lib, dayjs, the
 * banner) into one minified script for the site. Called by the site build; the file is written atomically.
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { writeFileAtomic } from '../archive/write.ts';

export const DOSSIER_ENTRY = resolve(import.meta.dirname, 'browser.ts');

/** Writes the bundle to `outFile`. */
export async function buildDossierBundle(outFile: string): Promise<void> {
  const result = await build({
    entryPoints: [DOSSIER_ENTRY],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    write: false,
    legalComments: 'eof',
    logLevel: 'silent',
  });
  await writeFileAtomic(outFile, Buffer.from(result.outputFiles[0]!.contents));
}
