/**
 * The JSON Schema of target files, generated from the zod schema (schema.ts), so that an editor (VS Code
 * with the YAML extension, github.dev) completes and checks a target file as it is typed: each file's
 * first line points to it. `tsx scraper/target/json-schema.ts` rewrites the committed file; a test keeps it current.
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../archive/write.ts';
import { TARGETS_DIR } from './load.ts';
import { targetSchema } from './schema.ts';

export const JSON_SCHEMA_FILE = join(TARGETS_DIR, 'target.schema.json');

/** The first line of a target file that points editors to the schema. */
export const SCHEMA_COMMENT = '# yaml-language-server: $schema=./target.schema.json';

export function targetJsonSchema(): string {
  // draft-07: the version the YAML language server reads best. `input`: fields with a default are optional.
  const schema = z.toJSONSchema(targetSchema, { io: 'input', target: 'draft-7' });
  return `${JSON.stringify({ ...schema, title: 'Fichier cible de Screen ta préfecture (scraper/targets/<id>.yaml)' }, null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  await writeFileAtomic(JSON_SCHEMA_FILE, targetJsonSchema());
  console.log(`Écrit : ${JSON_SCHEMA_FILE}`);
}
