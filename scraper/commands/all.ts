/**
 * Every command of `tsx scraper/cli.ts <command> [options]`, one module per command, loaded on demand
 * (the site and dossier libraries are not loaded for a capture). `<command> --help` prints what it does, its
 * usage and an example. Exit codes: 0 done (or help shown), 1 done with failures (said on the last lines),
 * 2 bad usage or bad input.
 */
import { exitCodeOf } from '../command-line/exit.ts';
import { HelpRequest } from '../command-line/usage.ts';

type Run = (args: string[]) => Promise<number>;

export const COMMANDS: Record<string, { summary: string; run: Run }> = {
  capture: {
    summary: 'capture chaque motif des préfectures choisies dans l’archive',
    run: async (a) => (await import('./capture.ts')).runCapture(a),
  },
  demo: {
    summary: 'démonstration hors ligne : lance la réplique, capture tous les motifs, construit le site',
    run: async (a) => (await import('./demo.ts')).runDemo(a),
  },
  discover: {
    summary: 'explore les formulaires d’une préfecture (sans réserver) et écrit son fichier cible, <id>.yaml (--out)',
    run: async (a) => (await import('./discover.ts')).runDiscover(a),
  },
  witness: {
    summary: 'mode témoin : vous naviguez, l’outil capture la page à chaque Entrée (captcha, FranceConnect)',
    run: async (a) => (await import('./witness.ts')).runWitness(a),
  },
  journal: {
    summary:
      'note une démarche hors du site (courriel, courrier, appel, visite, ANEF) et ses pièces, horodatées, privées',
    run: async (a) => (await import('./journal.ts')).runJournal(a),
  },
  exhibit: {
    summary: 'écrit la pièce tamponnée (image + bandeau daté) d’une capture',
    run: async (a) => (await import('./exhibit.ts')).runExhibit(a),
  },
  verify: {
    summary: 'vérifie les empreintes, enregistrements et manifestes de l’archive',
    run: async (a) => (await import('./verify.ts')).runVerify(a),
  },
  timestamp: {
    summary: 'demande les horodatages RFC 3161 qui manquent aux manifestes récents',
    run: async (a) => (await import('./timestamp.ts')).runTimestamp(a),
  },
  dossier: {
    summary: 'écrit le dossier PDF pour le tribunal : captures d’un motif sur une période',
    run: async (a) => (await import('./dossier.ts')).runDossier(a),
  },
  due: {
    summary: 'ce qui manque encore pour un référé, par motif, et quand tenter les prochaines captures (.ics)',
    run: async (a) => (await import('./due.ts')).runDue(a),
  },
  plan: {
    summary: 'Actions : quelles préfectures capturer dans ce créneau, après quelle attente',
    run: async (a) => (await import('./plan.ts')).runPlan(a),
  },
  publish: {
    summary: 'Actions : ajoute les captures du passage à la branche archive (un commit)',
    run: async (a) => (await import('./publish.ts')).runPublish(a),
  },
  proposal: {
    summary: 'Actions : vérifie une demande de fusion vers archive (ajouts seulement, captures valides)',
    run: async (a) => (await import('./proposal.ts')).runProposal(a),
  },
  alerts: {
    summary: 'Actions : ouvre, met à jour ou ferme les tickets d’alerte par motif',
    run: async (a) => (await import('./alerts.ts')).runAlerts(a),
  },
  keepalive: {
    summary: 'Actions : garde les workflows planifiés actifs',
    run: async (a) => (await import('./keepalive.ts')).runKeepalive(a),
  },
};

function help(): string {
  return [
    'Usage : npm run <commande> -- [options]     (npm run <commande> -- --help : l’aide d’une commande)',
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`),
  ].join('\n');
}

/** Runs one command line (`capture --target paris`) and returns its exit code. */
export async function runCommand(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return 0;
  }
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(name ? `commande inconnue : ${name}\n\n${help()}` : help());
    return 2;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof HelpRequest) console.log(`npm run ${name} : ${command.summary}\n`);
    return exitCodeOf(error);
  }
}
