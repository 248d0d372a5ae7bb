/**
 * `npm run dossier -- --target <id> --motif <id> --from <AAAA-MM-JJ> --to <AAAA-MM-JJ> [--out <fichier>] [--archive <dossier>]
 *  [--one-per-day] [--outcomes no-slot,site-error] [--site-url <url>] [--tsa-roots <dossier>]…`
 * Writes the court-ready PDF of one motif over a period (Paris days, both included). Exit 0 when written —
 * with warnings if images are missing (they are listed in the dossier) or records were changed since their
 * manifest (left out); 2 for bad input (nothing written).
 */
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../archive/write.ts';
import { plural } from '../evidence/french.ts';
import { archiveImageLoader, imagePath, readMotifRecords } from '../dossier/archive-source.ts';
import { buildDossier, dossierFileName, sizeText } from '../dossier/build.ts';
import { DossierInputError, parseOutcomes, parsePeriod } from '../dossier/select.ts';
import { publicSiteUrl, repositoryOf } from '../dossier/site-url.ts';
import { MIN_WEEKS } from '../dossier/summary.ts';
import { loadTarget } from '../target/load.ts';
import { MODIFIED_RECORD } from '../timestamp/read.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';

export const DOSSIER_USAGE =
  'npm run dossier -- --target <id> --motif <id> --from <AAAA-MM-JJ> --to <AAAA-MM-JJ> [--out <fichier.pdf>] [--archive <dossier>] ' +
  '[--one-per-day] [--outcomes no-slot,site-error] [--site-url <https://…/>] [--tsa-roots <dossier de certificats PEM>]…';

const options = {
  target: { type: 'string' },
  motif: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  out: { type: 'string' },
  archive: { type: 'string', default: 'archive' },
  'one-per-day': { type: 'boolean', default: false },
  outcomes: { type: 'string' },
  'site-url': { type: 'string' },
  'tsa-roots': { type: 'string', multiple: true },
} as const;

export async function runDossier(args: string[]): Promise<number> {
  // A person's own dossier (witness captures and journal) has its own options: scraper/commands/personal-dossier.ts.
  if (args.includes('--personnel')) return (await import('./personal-dossier.ts')).runPersonalDossier(args);
  const { values } = parseOptions(args, options, {
    usage: DOSSIER_USAGE,
    example: 'npm run dossier -- --target paris --motif aes-vpf-charcot --from 2026-10-01 --to 2026-11-30',
  });
  if (!values.target || !values.motif)
    throw new UsageError(`--target et --motif sont obligatoires.\n\nUsage : ${DOSSIER_USAGE}`);
  const { target } = await loadTarget(values.target);
  const motif = target.motifs.find((m) => m.id === values.motif);
  if (!motif)
    throw new UsageError(
      `motif inconnu pour ${target.id} : ${values.motif}. Motifs disponibles : ${target.motifs.map((m) => m.id).join(', ')}`,
    );
  const { from, to } = parsePeriod(values.from, values.to, { from: '--from', to: '--to' });
  const outcomes = parseOutcomes(values.outcomes, '--outcomes');
  const siteUrl = publicSiteUrl(values['site-url'], process.env);
  const archive = resolve(values.archive);
  if (
    !(await access(archive).then(
      () => true,
      () => false,
    ))
  ) {
    throw new DossierInputError(
      `Dossier d’archive introuvable : ${archive}. Indiquez-le avec --archive (la branche archive extraite, ou le dossier de npm run capture).`,
    );
  }
  const out = resolve(values.out ?? dossierFileName({ prefecture: target.id, motif: motif.id, from, to }));
  const tsaRoots = (values['tsa-roots'] ?? []).map((dir) => resolve(dir));
  const { records, unreadable, modified } = await readMotifRecords(archive, target.id, motif.id, from, to, tsaRoots);
  console.log(`Dossier ${target.id}/${motif.id} du ${from} au ${to} (heure de Paris) depuis ${archive}`);
  const dossier = await buildDossier({
    records,
    criteria: { prefecture: target.id, motif: motif.id, from, to, onePerDay: values['one-per-day'], outcomes },
    loadImage: archiveImageLoader(archive),
    imageLocation: (record) => `${archive}/${imagePath(record)}`,
    siteUrl,
    repository: repositoryOf(process.env),
    generatedAt: new Date().toISOString(),
  });
  await writeFileAtomic(out, Buffer.from(dossier.pdf));
  const { summary } = dossier;
  console.log(
    `Dossier écrit : ${out}\n  ${dossier.pageCount} pages, ${sizeText(dossier.pdf.length)} ; ${plural(summary.attempts, 'capture', 'captures')} sur ` +
      `${plural(summary.days.length, 'jour', 'jours')} et ${plural(summary.weeks.length, 'semaine distincte', 'semaines distinctes')}, de ${summary.earliest.time} à ${summary.latest.time}.`,
  );
  if (!siteUrl)
    console.warn(
      'Attention : site public non configuré (--site-url ou STP_SITE_URL) : le dossier ne donne pas de liens vers les captures.',
    );
  if (summary.fewWeeks)
    console.warn(`Attention : moins de ${MIN_WEEKS} semaines distinctes ; le résumé du dossier le signale.`);
  for (const line of unreadable) console.warn(`Attention : relevé illisible, absent du dossier : ${line}`);
  for (const line of modified)
    console.warn(`Attention : ${MODIFIED_RECORD}, absente du dossier (npm run verify le confirme) : ${line}`);
  for (const p of dossier.problems) {
    const what = {
      missing: 'image manquante',
      mismatch: 'image non conforme (empreinte différente)',
      unreadable: 'image illisible',
    }[p.kind];
    console.warn(`Attention : ${what} pour ${p.record.id} (${p.location}) — signalée page ${p.page} du dossier.`);
  }
  return 0;
}
