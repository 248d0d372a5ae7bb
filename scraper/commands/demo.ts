/**
 * `npm run demo`: the main job, offline. Starts the bundled replica of the booking sites, with a few forms
 * set to show the other outcomes (a slot, a captcha, a 502, a firewall, a page the bot does not know),
 * captures every motif of the préfectures it serves (SEED_TARGETS: Paris, Seine-Saint-Denis) into its own folder (default `demo/archive/`, git-ignored: never
 * `archive/`, where real captures wait to be published), builds the site from it (`demo/site/`, every page
 * saying it is a demonstration), and says what it made and where. It asks nothing of the Internet: no RFC 3161
 * authority, no public IP service. `--exhibits <dir>` also writes the stamped exhibit of one capture of each
 * outcome (the README's pictures are made this way).
 */
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { startReplica, type Behaviour } from '../replica/server.ts';
import { buildSite } from '../../site/build-site.ts';
import { DEFAULT_BUDGET_MB, summarize as summarizeSite } from '../../site/command.ts';
import { writeFileAtomic } from '../archive/write.ts';
import { captureJobs, type RunSummary } from '../capture/run.ts';
import { renderExhibit } from '../evidence/exhibit.ts';
import { plural } from '../evidence/french.ts';
import { OUTCOMES } from '../outcome/outcomes.ts';
import { ensureChromium } from '../command-line/chromium.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';
import { selectJobs, summarize } from './capture.ts';
import { SEED_TARGETS } from '../target/load.ts';

const USAGE = 'npm run demo -- [--out <dossier>] [--exhibits <dossier>]';
/** The demo's own folder, git-ignored (.gitignore). */
const DEMO_DIR = 'demo';

const options = {
  out: { type: 'string', default: DEMO_DIR },
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
  const { values } = parseOptions(args, options, { usage: USAGE, example: 'npm run demo -- --exhibits demo/pieces' });
  const archive = resolve(values.out, 'archive');
  if (archive === resolve('archive'))
    throw new UsageError(
      `--out ${values.out} : la démonstration écrirait dans ${archive}, le dossier des vraies captures. Choisissez un autre dossier (par défaut ${DEMO_DIR}).\n\nUsage : ${USAGE}`,
    );
  const jobs = await selectJobs([...SEED_TARGETS], undefined);
  await ensureChromium();
  // Nothing real to prove: the replica's pages are not worth an authority's timestamp, nor a visitor's address.
  process.env.STP_TSA_URLS = 'off';
  process.env.STP_IP_ECHO_URL = 'off';
  const replica = await startReplica({ behaviours: DEMO_BEHAVIOURS });
  let summary: RunSummary;
  try {
    console.log(`Réplique des sites de réservation démarrée sur ${replica.origin} (aucun accès aux vrais sites).`);
    console.log(
      'Démonstration : horodatage RFC 3161 et relevé de l’adresse IP publique désactivés (aucune demande sur Internet).',
    );
    console.log(
      'Sur la réplique, cinq démarches de Paris montrent les autres résultats possibles, et les nouveaux essais se font sans attendre.',
    );
    console.log(`Capture de ${plural(jobs.length, 'motif', 'motifs')} → ${archive}`);
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
  const out = resolve(values.out, 'site');
  const site = await buildSite({
    archive,
    out,
    demo: true,
    budgetBytes: DEFAULT_BUDGET_MB * 1_000_000,
    allowBad: false,
    repository: null,
    staleHours: 24,
  });
  console.log(summarizeSite(site, Date.now() - started));
  // Short inside the project, whole outside it.
  const folder = (path: string) => (relative('', path).startsWith('..') ? path : relative('', path));
  console.log(
    `Pour le parcourir : ouvrez ${folder(join(out, 'index.html'))} dans un navigateur, ou lancez npm run site:serve -- --demo --archive ${folder(archive)} --out ${folder(out)}, puis http://localhost:8080/`,
  );
  console.log(
    `Tout est dans ${folder(resolve(values.out))}/${values.out === DEMO_DIR ? ' (ignoré par git)' : ''} ; archive/ n’est pas touché, et npm run publish refuse ces captures de la réplique.`,
  );
  if (values.exhibits) {
    for (const file of await writeExhibits(summary, archive, resolve(values.exhibits)))
      console.log(`Pièce tamponnée : ${file}`);
  }
  return summary.results.every((r) => r.captured) ? 0 : 1;
}
