/** Entry point of `npm run site` and `npm run site:serve` (see command.ts). */
import { runSite } from './command.ts';

process.exitCode = await runSite(process.argv.slice(2), process.env);
