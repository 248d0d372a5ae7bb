/** Shared by the commands: bad usage is exit 2 with a message that says what to type instead. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
  readonly exitCode = 2;
}

/** node:util parseArgs with its English errors turned into a UsageError that shows the command's usage. */
export function parseOptions<T extends ParseArgsConfig['options']>(
  args: string[],
  options: T,
  usage: string,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options: options!, allowPositionals, strict: true }) as ReturnType<
      typeof parseArgs<{ args: string[]; options: T; allowPositionals: boolean; strict: true }>
    >;
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\nUsage : ${usage}`);
  }
}
