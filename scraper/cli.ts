/**
 * The entry point: `tsx scraper/cli.ts <command> [options]`, one module per command.
 * Exit codes: 0 done, 1 done with failures (said on the last lines), 2 bad usage or bad input.
 */
import { runCapture } from './commands/capture.ts';
import { runDemo } from './commands/demo.ts';
import { UsageError } from './commands/usage.ts';
import { TargetFileError } from './target/load.ts';

const commands: Record<string, { summary: string; run: (args: string[]) => Promise<number> }> = {
  capture: { summary: 'capture chaque motif des préfectures choisies dans l’archive', run: runCapture },
  demo: { summary: 'démonstration hors ligne : lance la réplique et capture tous les motifs', run: runDemo },
};

function help(): string {
  return ['Usage : tsx scraper/cli.ts <commande> [options]', '', ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(name ? `commande inconnue : ${name}\n\n${help()}` : help());
    return 2;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError || error instanceof TargetFileError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
