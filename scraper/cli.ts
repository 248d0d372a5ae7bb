/** The entry point: `tsx scraper/cli.ts <command> [options]`, as `npm run <command> --` runs it (commands/all.ts). */
import { runCommand } from './commands/all.ts';

process.exitCode = await runCommand(process.argv.slice(2));
