/**
 * The one mapping from errors to exit codes, for every command (scraper/cli.ts, the site build, the benches):
 * 0 done, 1 done with failures or stopped by the unexpected, 2 bad usage or bad input. An error that knows what it
 * means carries its code (`exitCode`, 1 or 2) and a message written for the person; anything else is unexpected:
 * its message in plain words, its stack only with STP_DEBUG. `--help` stops a command too, with 0 and its help.
 */

/**
 * What an error says about how the command ended: `exitCode = 2` for bad input, `1` for a known failure, `0` for
 * the help asked for (usage.ts).
 */
export interface ExitCoded {
  readonly exitCode: 0 | 1 | 2;
  readonly message: string;
}

function isExitCoded(error: unknown): error is ExitCoded {
  const code = (error as { exitCode?: unknown } | null)?.exitCode;
  return error instanceof Error && (code === 0 || code === 1 || code === 2);
}

/**
 * Says why the command stopped, on `say` (stderr by default), and returns its exit code. `unexpected` opens the line
 * for an error nobody planned (« Erreur », « Site non construit »…). The help asked for goes to `tell` (stdout).
 */
export function exitCodeOf(
  error: unknown,
  {
    unexpected = 'Erreur',
    say = (line: unknown) => console.error(line),
    tell = (line: string) => console.log(line),
  } = {},
): 0 | 1 | 2 {
  if (isExitCoded(error)) {
    (error.exitCode === 0 ? tell : say)(error.message);
    return error.exitCode;
  }
  say(process.env.STP_DEBUG ? error : `${unexpected} : ${error instanceof Error ? error.message : String(error)}`);
  return 1;
}
