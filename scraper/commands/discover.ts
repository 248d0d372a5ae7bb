/**
 * `npm run discover -- <url> [--replica <origin>] [--timeout-ms <ms>]`
 * From a legacy booking form, an RDV Préfecture démarche or a préfecture page that links to them: walks
 * each form without booking (what each guichet leads to now) and prints a ready target file on stdout;
 * progress goes to stderr, so `npm run -s discover -- <url> > scraper/targets/<id>.yaml` saves just the file.
 * Exit 0: a target file was printed; 1: no booking form found or the site failed; 2: bad usage.
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

const USAGE =
  'npm run discover -- <adresse du formulaire, de la démarche ou de la page qui les liste> [--replica <origine>] [--timeout-ms <ms>]';

const options = {
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
      example:
        'npm run -s discover -- https://www.seine-saint-denis.gouv.fr/Prendre-un-rendez-vous > scraper/targets/seine-saint-denis.yaml',
    },
    true,
  );
  if (positionals.length > 1) throw new UsageError(`une seule adresse à la fois.\n\nUsage : ${USAGE}`);
  const url = parseUrl(positionals[0]);
  const timeoutMs = Number(values['timeout-ms']);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    throw new UsageError(`--timeout-ms attend un nombre entier de millisecondes, pas « ${values['timeout-ms']} »`);
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
  process.stdout.write(targetYaml(discovery, parisTime(new Date().toISOString()).format('DD/MM/YYYY [à] HH:mm')));
  log(
    `Fichier cible proposé : ${plural(motifs, 'motif', 'motifs')}. Relisez les lignes « À vérifier » avant de l'enregistrer dans scraper/targets/.`,
  );
  return 0;
}
