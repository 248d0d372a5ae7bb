/**
 * The entry point: `tsx scraper/cli.ts <command> [options]`, one module per command, loaded on demand
 * (the site and dossier libraries are not loaded for a capture).
 * Exit codes: 0 done, 1 done with failures (said on the last lines), 2 bad usage or bad input.
 */
import { exitCodeOf } from './command-line/exit.ts';

type Run = (args: string[]) => Promise<number>;

const commands: Record<string, { summary: string; run: Run }> = {
  capture: {
    summary: 'capture chaque motif des préfectures choisies dans l’archive',
    run: async (a) => (await import('./commands/capture.ts')).runCapture(a),
  },
  demo: {
    summary: 'démonstration hors ligne : lance la réplique, capture tous les motifs, construit le site',
    run: async (a) => (await import('./commands/demo.ts')).runDemo(a),
  },
  discover: {
    summary: 'explore les formulaires d’une préfecture (sans réserver) et propose son fichier cible',
    run: async (a) => (await import('./commands/discover.ts')).runDiscover(a),
  },
  witness: {
    summary: 'mode témoin : vous naviguez, l’outil capture la page à chaque Entrée (captcha, FranceConnect)',
    run: async (a) => (await import('./commands/witness.ts')).runWitness(a),
  },
  journal: {
    summary:
      'note une démarche hors du site (courriel, courrier, appel, visite, ANEF) et ses pièces, horodatées, privées',
    run: async (a) => (await import('./commands/journal.ts')).runJournal(a),
  },
  exhibit: {
    summary: 'écrit la pièce tamponnée (image + bandeau daté) d’une capture',
    run: async (a) => (await import('./commands/exhibit.ts')).runExhibit(a),
  },
  verify: {
    summary: 'vérifie les empreintes, enregistrements et manifestes de l’archive',
    run: async (a) => (await import('./commands/verify.ts')).runVerify(a),
  },
  timestamp: {
    summary: 'demande les horodatages RFC 3161 qui manquent aux manifestes récents',
    run: async (a) => (await import('./commands/timestamp.ts')).runTimestamp(a),
  },
  dossier: {
    summary: 'écrit le dossier PDF pour le tribunal : captures d’un motif sur une période',
    run: async (a) => (await import('./commands/dossier.ts')).runDossier(a),
  },
  due: {
    summary: 'ce qui manque encore pour un référé, par motif, et quand tenter les prochaines captures (.ics)',
    run: async (a) => (await import('./commands/due.ts')).runDue(a),
  },
  plan: {
    summary: 'Actions : quelles préfectures capturer dans ce créneau, après quelle attente',
    run: async (a) => (await import('./commands/plan.ts')).runPlan(a),
  },
  publish: {
    summary: 'Actions : ajoute les captures du passage à la branche archive (un commit)',
    run: async (a) => (await import('./commands/publish.ts')).runPublish(a),
  },
  proposal: {
    summary: 'Actions : vérifie une demande de fusion vers archive (ajouts seulement, captures valides)',
    run: async (a) => (await import('./commands/proposal.ts')).runProposal(a),
  },
  alerts: {
    summary: 'Actions : ouvre, met à jour ou ferme les tickets d’alerte par motif',
    run: async (a) => (await import('./commands/alerts.ts')).runAlerts(a),
  },
  keepalive: {
    summary: 'Actions : garde les workflows planifiés actifs',
    run: async (a) => (await import('./commands/keepalive.ts')).runKeepalive(a),
  },
};

function help(): string {
  return [
    'Usage : tsx scraper/cli.ts <commande> [options]',
    '',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`),
  ].join('\n');
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
    return exitCodeOf(error);
  }
}

process.exitCode = await main(process.argv.slice(2));
