/** Entry point of `npm run observatory` (see command.ts). */
import { runObservatory } from './command.ts';

process.exitCode = await runObservatory(process.argv.slice(2), process.env);
