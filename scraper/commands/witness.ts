/**
 * `npm run witness -- (--url <adresse> | --target <fichier ou id> --motif <id>) [--archive <dossier>] [--replica <origine>] [--record-ip]`
 * Opens a visible browser on the start page; the person browses; each Entrée in the terminal (or the
 * « Capturer cette page » control in the page) captures the page shown; `q` then Entrée ends the session.
 * Exit 0: every capture asked for was written; 1: some could not be; 2: bad usage (nothing written).
 */
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { siteUrl } from '../navigate/browser.ts';
import { PERSONAL_DIR } from '../archive/paths.ts';
import { plural } from '../evidence/french.ts';
import { CONTROL_LABEL, WitnessSession } from '../capture/witness.ts';
import { checkDisplay, selectJobs } from './capture.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';
import { startUrl } from '../target/schema.ts';
import { timestampLines } from '../timestamp/request.ts';

export const WITNESS_USAGE =
  'npm run witness -- (--url <adresse de départ> | --target <fichier ou id> --motif <id>) [--archive <dossier>] [--replica <origine>] [--proxy <url>] [--record-ip]';

const options = {
  url: { type: 'string' },
  target: { type: 'string' },
  motif: { type: 'string' },
  archive: { type: 'string', default: 'archive' },
  replica: { type: 'string' },
  proxy: { type: 'string' },
  'record-ip': { type: 'boolean', default: false },
} as const;

function startAddress(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.href;
  } catch {
    // said below
  }
  throw new UsageError(`--url attend une adresse complète commençant par https://, pas « ${url} »`);
}

export async function runWitness(args: string[]): Promise<number> {
  const { values } = parseOptions(args, options, {
    usage: WITNESS_USAGE,
    example:
      'npm run witness -- --url https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/16040/',
  });
  if (Boolean(values.target) !== Boolean(values.motif))
    throw new UsageError(`--target et --motif vont ensemble.\n\nUsage : ${WITNESS_USAGE}`);
  if (!values.url && !values.target)
    throw new UsageError(
      `indiquez la page de départ (--url) ou le motif (--target et --motif).\n\nUsage : ${WITNESS_USAGE}`,
    );
  checkDisplay(process.env, process.platform, 'le mode témoin ouvre une fenêtre de navigateur où vous naviguez');
  const job = values.target ? (await selectJobs([values.target], [values.motif!]))[0]! : null;
  const replica = values.replica ?? process.env.STP_REPLICA;
  const start = values.url ? startAddress(values.url) : siteUrl(startUrl(job!.motif.entry), replica);
  const archive = resolve(values.archive);
  const proxy = values.proxy ?? process.env.STP_PROXY;
  console.log(
    [
      'Mode témoin : une fenêtre de navigateur neuve (sans cookies) va s’ouvrir. Naviguez comme d’habitude :',
      'connexion FranceConnect, captcha, clics. L’outil ne saisit rien et n’enregistre pas ce que vous tapez.',
      values['record-ip']
        ? 'Votre adresse IP publique sera relevée dans chaque fiche (--record-ip) ; le site ne l’affiche pas.'
        : 'Votre adresse IP publique n’est pas relevée (ajoutez --record-ip pour la garder dans les fiches).',
      `Pour capturer la page affichée : appuyez sur Entrée ici (ou cliquez « ${CONTROL_LABEL} » dans la page).`,
      'Pour terminer : q puis Entrée (ou fermez la fenêtre).',
      job
        ? `Captures → ${archive}/${job.target.id}/${job.motif.id}/…`
        : `Captures → ${archive}/${PERSONAL_DIR}/<titre de la page>/…`,
      'Elles restent sur cet ordinateur : npm run publish ne les publie qu’avec --allow-witness, après les avoir listées.',
    ].join('\n'),
  );
  const session = await WitnessSession.open({
    startUrl: start,
    job,
    archive,
    ...(proxy ? { proxy } : {}),
    recordIp: values['record-ip'],
    log: (line) => console.log(line),
  });
  const lines = createInterface({ input: process.stdin });
  const pending: Promise<unknown>[] = [];
  const quit = new Promise<string>((done) => {
    lines.on('line', (line) => {
      if (line.trim().toLowerCase() === 'q') done('fin demandée');
      else pending.push(session.capture());
    });
    lines.on('close', () => done('fin de l’entrée'));
    void session.ended.then(() => done('fenêtre fermée'));
  });
  const why = await quit;
  lines.close();
  await Promise.all(pending);
  const { manifest, timestamps } = await session.close();
  const { captures, failures } = session;
  console.log(
    [
      `Session terminée (${why}) : ${plural(captures.length, 'capture', 'captures')}${failures ? `, ${plural(failures, 'NON capturée', 'NON capturées')}` : ''}.` +
        (manifest ? ` Manifeste ${manifest}` : ''),
      ...timestampLines(timestamps),
    ].join('\n'),
  );
  return failures > 0 ? 1 : 0;
}
