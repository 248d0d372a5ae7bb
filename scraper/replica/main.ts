// `npm run replica`: starts the offline booking sites for a demo or a manual run of the bot.
// Usage: npm run replica -- [--port 8080] [--latency <ms>] [--behaviour <key>=<behaviour>[,<behaviour>…]]…
// Prints where to point a browser; stops cleanly on Ctrl-C (SIGINT) or SIGTERM.

import { exitCodeOf } from '../command-line/exit.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';
import { BEHAVIOURS, isBehaviour, type Behaviour } from './behaviours.ts';
import { CUSTOM_HOST, CUSTOM_INDEX_PATH, CUSTOM_PREFECTURE } from './custom/site.ts';
import { EAPPOINTMENT_HOST, EAPPOINTMENT_PREFECTURE, EAPPOINTMENT_START } from './eappointment/site.ts';
import { catalogueSites } from './catalogue.ts';
import { startReplica } from './server.ts';
import { loadAllTargets, SEED_TARGETS } from '../target/load.ts';
import { demarches, legacySites, RDV_HOST } from './sites.ts';

const USAGE = 'npm run replica -- [--port 8080] [--latency <ms>] [--behaviour <clé>=<comportement>[,<comportement>…]]…';

function parseBehaviours(specs: string[]): Record<string, Behaviour[]> {
  const behaviours: Record<string, Behaviour[]> = {};
  for (const spec of specs) {
    const [key = '', list = ''] = spec.split('=');
    const sequence = list.split(',');
    const unknown = sequence.find((name) => !isBehaviour(name));
    if (key === '' || unknown !== undefined) {
      throw new UsageError(
        `--behaviour ${spec} : attendu <clé>=<comportement>[,<comportement>…], par exemple pprdv.interieur.gouv.fr/948=unavailable,no-slot. Comportements : ${BEHAVIOURS.join(', ')}`,
      );
    }
    behaviours[key] = sequence.filter(isBehaviour);
  }
  return behaviours;
}

function nonNegativeInteger(name: string, value: string | undefined): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw new UsageError(`--${name} ${value} : attendu un entier positif ou nul\n\nUsage : ${USAGE}`);
  return number;
}

async function main(): Promise<void> {
  const { values } = parseOptions(
    process.argv.slice(2),
    {
      port: { type: 'string', default: '8080' },
      latency: { type: 'string', default: '0' },
      behaviour: { type: 'string', multiple: true, default: [] },
    },
    {
      usage: USAGE,
      example: 'npm run replica -- --port 8080 --behaviour pprdv.interieur.gouv.fr/953=slots',
      about:
        'npm run replica : démarre la réplique locale des sites de réservation (hors ligne), pour une démonstration ou un essai du robot.',
    },
  );
  // Every file of the catalogue too, drawn from itself: a dry run of any of them can go through offline.
  const targets = (await loadAllTargets()).map((t) => t.target);
  const catalogue = catalogueSites(targets.filter((t) => !SEED_TARGETS.includes(t.id)));
  const replica = await startReplica({
    port: nonNegativeInteger('port', values.port),
    latencyMs: nonNegativeInteger('latency', values.latency),
    behaviours: parseBehaviours(values.behaviour ?? []),
    extraSites: catalogue,
  });

  console.log(`Réplique des sites de rendez-vous des préfectures démarrée sur ${replica.origin}`);
  for (const site of legacySites) {
    const page = site.indexPage ?? { path: `/booking/create/${site.forms[0]?.id ?? ''}` };
    console.log(`  ${site.prefecture} : ${replica.urlFor(`https://${site.host}${page.path}`)}`);
  }
  for (const demarche of demarches) {
    console.log(
      `  RDV Préfecture, ${demarche.prefecture} : ${replica.urlFor(`https://${RDV_HOST}/rdvpref/reservation/demarche/${demarche.id}/`)}`,
    );
  }
  console.log(
    `  ${CUSTOM_PREFECTURE} (pages à elle) : ${replica.urlFor(`https://${CUSTOM_HOST}${CUSTOM_INDEX_PATH}`)}`,
  );
  console.log(
    `  ${EAPPOINTMENT_PREFECTURE} (eAppointment) : ${replica.urlFor(`https://${EAPPOINTMENT_HOST}${EAPPOINTMENT_START}`)}`,
  );
  console.log(
    `  et les ${targets.length} préfectures du catalogue (scraper/targets/), dessinées d'après leurs fichiers : npm run capture -- --target <id> --dry-run --replica ${replica.origin}`,
  );
  for (const problem of catalogue.problems) console.log(`    hors réplique : ${problem}`);
  console.log('Ctrl-C pour arrêter.');

  const stop = (): void => {
    void replica.close().then(() => console.log('Réplique arrêtée.'));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.exitCode = exitCodeOf(error, { unexpected: 'Réplique non démarrée' });
});
