/**
 * `npm run discover -- <url> [--id <id>] [--out <folder or file.yaml>] [--replica <origin>] [--timeout-ms <ms>]`
 * From a legacy booking form, an RDV Préfecture démarche or a préfecture page that links to them: walks
 * each form without booking (what each guichet leads to now) and writes a ready target file, always named
 * `<id>.yaml`, into `--out` (never over an existing file), or prints it on stdout without `--out`; progress goes
 * to stderr. Exit 0: a target file was written; 1: no booking form found or the site failed; 2: bad usage.
 */
import { launchBrowser } from '../navigate/browser.ts';
import { parisTime } from '../evidence/time.ts';
import { plural } from '../evidence/french.ts';
import { exploreDemarche, exploreForm, readIndex, siteNameOf, type ExploreOptions } from '../discover/explore.ts';
import { exploreCustom } from '../discover/custom.ts';
import { exploreMotives } from '../discover/motives.ts';
import { sourceKind, type Discovery, type Found } from '../discover/found.ts';
import { targetYaml } from '../discover/yaml.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';
import { nameTarget, prefectureIdOf, type Naming } from '../discover/naming.ts';
import { writeNewFileAtomic } from '../archive/write.ts';
import { stat } from 'node:fs/promises';

const USAGE =
  'npm run discover -- <adresse du formulaire, de la démarche ou de la page qui les liste> [--out <dossier ou fichier <id>.yaml>] [--id <id>] [--replica <origine>] [--timeout-ms <ms>]';

const options = {
  id: { type: 'string' },
  out: { type: 'string' },
  replica: { type: 'string' },
  'timeout-ms': { type: 'string', default: '60000' },
} as const;

function parseUrl(text: string | undefined): string {
  if (text === undefined) throw new UsageError(`il manque l'adresse à explorer.\n\nUsage : ${USAGE}`);
  try {
    const url = new URL(text);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
  } catch {
    // said below
  }
  throw new UsageError(
    `« ${text} » n'est pas une adresse complète : copiez-la depuis le navigateur (elle commence par https://).\n\nUsage : ${USAGE}`,
  );
}

const exists = (file: string) =>
  `${file} existe déjà : discover ne remplace jamais un fichier cible. Pour comparer, écrivez la proposition ailleurs (ex. --out /tmp/), ou supprimez d'abord ce fichier.`;

/** The id and the file, agreed before the site is explored, so that a wrong --out costs no visit. */
async function nameOutput(url: string, id: string | undefined, out: string | undefined): Promise<Naming> {
  const outIsFolder = out !== undefined && ((await stat(out).catch(() => null))?.isDirectory() ?? false);
  const naming = nameTarget({ proposedId: prefectureIdOf(url), id, out, outIsFolder });
  if ('problem' in naming) throw new UsageError(`${naming.problem}\n\nUsage : ${USAGE}`);
  if (naming.file !== null && (await stat(naming.file).catch(() => null)) !== null)
    throw new UsageError(exists(naming.file));
  return naming;
}

async function explore(url: string, explorer: ExploreOptions): Promise<Discovery> {
  const browser = await launchBrowser();
  try {
    const kind = sourceKind(url);
    if (kind === 'legacy-form') {
      const form = await exploreForm(browser, url, explorer);
      return { source: url, siteName: siteNameOf(form.pageTitle), found: [form] };
    }
    if (kind === 'rdv-demarche')
      return { source: url, siteName: null, found: [await exploreDemarche(browser, url, explorer)] };
    const index = await readIndex(browser, url, explorer);
    if (index.links.length === 0) {
      const motives = await exploreMotives(browser, url, explorer);
      if (motives.length > 0) return { source: url, siteName: siteNameOf(index.pageTitle), found: motives };
      explorer.log(
        'Aucun lien vers le module de réservation ni vers RDV Préfecture : recherche de formulaires propres au site…',
      );
      return { source: url, siteName: siteNameOf(index.pageTitle), found: await exploreCustom(browser, url, explorer) };
    }
    const found: Found[] = [];
    // One after another: never two request chains at once on the same site.
    for (const link of index.links) {
      found.push(
        sourceKind(link.url) === 'rdv-demarche'
          ? await exploreDemarche(browser, link.url, explorer, link.text)
          : await exploreForm(browser, link.url, explorer, link.text),
      );
    }
    return { source: url, siteName: siteNameOf(index.pageTitle), found };
  } finally {
    await browser.close().catch(() => undefined);
  }
}

export async function runDiscover(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    options,
    {
      usage: USAGE,
      example: 'npm run discover -- https://www.val-doise.gouv.fr/booking/create/11404 --out scraper/targets/',
    },
    true,
  );
  if (positionals.length > 1) throw new UsageError(`une seule adresse à la fois.\n\nUsage : ${USAGE}`);
  const url = parseUrl(positionals[0]);
  const timeoutMs = Number(values['timeout-ms']);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    throw new UsageError(`--timeout-ms attend un nombre entier de millisecondes, pas « ${values['timeout-ms']} »`);
  const naming = await nameOutput(url, values.id, values.out);
  const replica = values.replica ?? process.env.STP_REPLICA;
  const log = (line: string) => console.error(line);
  log(`Exploration de ${url}${replica ? ` sur la réplique ${replica}` : ''} (aucune réservation n'est faite)…`);
  const discovery = await explore(url, { timeoutMs, log, ...(replica ? { replica } : {}) });
  if (discovery.found.length === 0) {
    log(
      `Aucun formulaire de prise de rendez-vous trouvé depuis ${url}. Donnez l'adresse d'un formulaire, ou écrivez un motif « platform: steps » (voir docs/suivre-une-prefecture.md).`,
    );
    return 1;
  }
  const motifs = discovery.found.reduce(
    (n, f) => n + (f.platform === 'legacy-booking' && f.guichets.length > 0 ? f.guichets.length : 1),
    0,
  );
  const now = parisTime(new Date().toISOString());
  const text = targetYaml(
    discovery,
    { date: now.format('DD/MM/YYYY [à] HH:mm'), day: now.format('YYYY-MM-DD') },
    naming.id,
  );
  if (naming.file === null) {
    process.stdout.write(text);
    log(
      `Fichier cible proposé : ${plural(motifs, 'motif', 'motifs')}. Enregistrez-le sous scraper/targets/${naming.id}.yaml (ou relancez avec --out scraper/targets/).`,
    );
  } else {
    await writeNewFileAtomic(naming.file, text).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(exists(naming.file!));
      throw error;
    });
    log(`Fichier cible écrit : ${naming.file} (${plural(motifs, 'motif', 'motifs')}).`);
  }
  log("Relisez les lignes « À vérifier » et « à confirmer » ; le fichier est refusé tant qu'il reste « À COMPLÉTER ».");
  return 0;
}
