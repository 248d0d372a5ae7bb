/**
 * Shared by the commands: `--help` (or `-h`) prints the command's usage and an example, exit 0; bad usage is
 * exit 2 with a message that says what to type instead.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
  readonly exitCode = 2;
}

/** Not a failure: the person asked how to use the command. Its message is the help, printed on stdout. */
export class HelpRequest extends Error {
  override name = 'HelpRequest';
  readonly exitCode = 0;
}

/** What `--help` shows: the usage line, and one command as a person would type it. */
export interface CommandHelp {
  usage: string;
  example: string;
  /** One sentence on what the command does, when no command list says it (site, replica, bench). */
  about?: string;
}

export function helpText({ usage, example, about }: CommandHelp): string {
  return [...(about ? [about, ''] : []), `Usage : ${usage}`, '', 'Exemple :', `  ${example}`].join('\n');
}

/** `--help` or `-h` anywhere before a `--` that ends the options. */
export function asksHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** node:util's English error, said in French with the option or argument it names. */
function french(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const named = /'([^' ]+)/.exec(message)?.[1] ?? '';
  switch ((error as { code?: unknown } | null)?.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `option inconnue : ${named}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `argument inattendu : « ${named} » (cette commande ne prend que des options)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return message.includes('does not take')
        ? `${named} ne prend pas de valeur`
        : `${named} attend une valeur (ex. ${named} <valeur>)`;
    default:
      return message;
  }
}

/**
 * node:util parseArgs with its English errors turned into a UsageError that shows the command's usage;
 * `--help` answers before anything else is read, whatever the other options say.
 */
export function parseOptions<T extends ParseArgsConfig['options']>(
  args: string[],
  options: T,
  help: CommandHelp,
  allowPositionals = false,
) {
  if (asksHelp(args)) throw new HelpRequest(helpText(help));
  try {
    return parseArgs({ args, options: options!, allowPositionals, strict: true }) as ReturnType<
      typeof parseArgs<{ args: string[]; options: T; allowPositionals: boolean; strict: true }>
    >;
  } catch (error) {
    throw new UsageError(`${french(error)}\n\nUsage : ${help.usage}`);
  }
}
