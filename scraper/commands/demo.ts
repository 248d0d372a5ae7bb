/**
 * `npm run demo`: the main job, offline. Starts the bundled replica of the booking sites, with a few forms
 * set to show the other outcomes (a slot, a captcha, a 502, a firewall, a page the bot does not know),
 * captures every motif of every target file into the archive (default `archive/`), builds the site from
 * the whole archive (default `_site/`), and says what it made and where. `--exhibits <dir>` also writes
 * the stamped exhibit of one capture of each outcome (the README's pictures are made this way).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startReplica, type Behaviour } from '../replica/server.ts';
import { buildSite } from '../../site/build-site.ts';
import { DEFAULT_BUDGET_MB, summarize as summarizeSite } from '../../site/command.ts';
import { writeFileAtomic } from '../archive/write.ts';
import { captureJobs, type RunSummary } from '../capture/run.ts';
import { renderExhibit } from '../evidence/exhibit.ts';
import { OUTCOMES } from '../outcome/outcomes.ts';
import { ensureChromium } from '../command-line/chromium.ts';
import { parseOptions } from '../command-line/usage.ts';
import { selectJobs, summarize } from './capture.ts';

const options = {
  archive: { type: 'string', default: 'archive' },
  site: { type: 'string', default: '_site' },
  exhibits: { type: 'string' },
} as const;

/** Replica keys (`<host>/<form>`) of five Paris forms, one per outcome other than « no slot », which every other form shows. */
export const DEMO_BEHAVIOURS: Record<string, Behaviour> = {
  'pprdv.interieur.gouv.fr/953': 'slots',
  'pprdv.interieur.gouv.fr/876': 'captcha',
  'pprdv.interieur.gouv.fr/9901': 'bad-gateway',
  'pprdv.interieur.gouv.fr/9902': 'forbidden',
  'pprdv.interieur.gouv.fr/976': 'unknown-page',
};

/** The stamped exhibit of the first capture of each outcome, as `<dir>/<outcome>.png`. */
async function writeExhibits(summary: RunSummary, archive: string, dir: string): Promise<string[]> {
  const written: string[] = [];
  for (const outcome of OUTCOMES) {
    const capture = summary.results.find((r) => r.captured && r.record.outcome === outcome);
    if (!capture?.captured) continue;
    const file = join(dir, `${outcome}.png`);
    await writeFileAtomic(
      file,
      await renderExhibit(await readFile(join(archive, capture.files.image)), capture.record),
    );
    written.push(file);
  }
  return written;
}

export async function runDemo(args: string[]): Promise<number> {
  const { values } = parseOptions(
    args,
    options,
    'npm run demo -- [--archive <dossier>] [--site <dossier>] [--exhibits <dossier>]',
  );
  const archive = resolve(values.archive);
  const jobs = await selectJobs(undefined, undefined);
  await ensureChromium();
  const replica = await startReplica({ behaviours: DEMO_BEHAVIOURS });
  let summary: RunSummary;
  try {
    console.log(`Réplique des sites de réservation démarrée sur ${replica.origin} (aucun accès aux vrais sites).`);
    console.log(
      'Sur la réplique, cinq démarches de Paris montrent les autres résultats possibles, et les nouveaux essais se font sans attendre.',
    );
    console.log(`Capture de ${jobs.length} motif(s) → ${archive}`);
    summary = await captureJobs(jobs, {
      archive,
      replica: replica.origin,
      log: (line) => console.log(line),
      sleep: async () => {},
    });
    console.log(summarize(summary, archive));
  } finally {
    await replica.close();
  }
  const started = Date.now();
  const site = await buildSite({
    archive,
    out: resolve(values.site),
    budgetBytes: DEFAULT_BUDGET_MB * 1_000_000,
    allowBad: false,
    repository: null,
    staleHours: 24,
  });
  console.log(summarizeSite(site, Date.now() - started));
  const flags = `${values.archive === 'archive' ? '' : ` --archive ${values.archive}`}${values.site === '_site' ? '' : ` --out ${values.site}`}`;
  console.log(`Pour le parcourir : npm run site:serve${flags ? ` --${flags}` : ''}, puis http://localhost:8080/`);
  if (values.exhibits) {
    for (const file of await writeExhibits(summary, archive, resolve(values.exhibits)))
      console.log(`Pièce tamponnée : ${file}`);
  }
  return summary.results.every((r) => r.captured) ? 0 : 1;
}
