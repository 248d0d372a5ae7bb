/**
 * `npm run dossier -- --personnel [--archive <dossier>] [--from <AAAA-MM-JJ>] [--to <AAAA-MM-JJ>]
 *  [--public <adresse du site ou archive> --target <id> --motif <id>] [--since-order <AAAA-MM-JJ>] [--tsa-roots <dossier>]…
 *  --out <fichier.pdf>`
 * The person's own dossier: their witness captures and journal (scraper/dossier/personal/). Exit 0 when written;
 * 2 for bad input (nothing written).
 */
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../archive/write.ts';
import { plural } from '../evidence/french.ts';
import { drawPersonalDossier } from '../dossier/personal/draw.ts';
import { readPersonalSteps, readPublicRecords } from '../dossier/personal/sources.ts';
import { DossierInputError, parseDay, parisDay } from '../dossier/select.ts';
import { loadTarget } from '../target/load.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';

const USAGE =
  'npm run dossier -- --personnel [--archive <dossier>] [--from <AAAA-MM-JJ>] [--to <AAAA-MM-JJ>] ' +
  '[--public <adresse du site ou dossier d’archive> --target <id> --motif <id>] [--since-order <AAAA-MM-JJ>] [--tsa-roots <dossier de certificats PEM>]… --out <fichier.pdf>';

/** What `--help` shows (usage and an example); bad usage repeats the usage line. */
const HELP = {
  usage: USAGE,
  example: 'npm run dossier -- --personnel --archive mon-archive --since-order 2026-11-10 --out mon-dossier.pdf',
};

const options = {
  personnel: { type: 'boolean', default: true },
  archive: { type: 'string', default: 'archive' },
  from: { type: 'string' },
  to: { type: 'string' },
  public: { type: 'string' },
  target: { type: 'string' },
  motif: { type: 'string' },
  'since-order': { type: 'string' },
  'tsa-roots': { type: 'string', multiple: true },
  out: { type: 'string' },
} as const;

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

export async function runPersonalDossier(args: string[]): Promise<number> {
  const { values } = parseOptions(args, options, HELP);
  if (!values.out) throw new UsageError(`--out est obligatoire : le fichier PDF à écrire.\n\nUsage : ${USAGE}`);
  if (values.public && (!values.target || !values.motif))
    throw new UsageError(
      `--public demande --target et --motif : la démarche de l’archive publique à mettre en contexte.`,
    );
  const archive = resolve(values.archive);
  if (!(await exists(archive)))
    throw new DossierInputError(
      `Dossier d’archive introuvable : ${archive}. Indiquez votre archive personnelle avec --archive.`,
    );
  const orderDay = values['since-order'] ? parseDay(values['since-order'], '--since-order') : null;
  const tsaRoots = (values['tsa-roots'] ?? []).map((dir) => resolve(dir));
  const { steps: all, unreadable } = await readPersonalSteps(archive, tsaRoots);
  const from = values.from
    ? parseDay(values.from, '--from')
    : all[0]
      ? parisDay(all[0].at)
      : parisDay(new Date().toISOString());
  const to = values.to ? parseDay(values.to, '--to') : parisDay(new Date().toISOString());
  if (from > to)
    throw new DossierInputError(
      `Période inversée : le début (--from ${from}) est après la fin (--to ${to}). Échangez les deux dates.`,
    );
  const steps = all.filter((s) => parisDay(s.at) >= from && parisDay(s.at) <= to);
  let context = null;
  if (values.public) {
    const { target } = await loadTarget(values.target!);
    const motif = target.motifs.find((m) => m.id === values.motif);
    if (!motif)
      throw new UsageError(
        `motif inconnu pour ${target.id} : ${values.motif}. Motifs disponibles : ${target.motifs.map((m) => m.id).join(', ')}`,
      );
    const remote = /^https?:\/\//.test(values.public);
    const source = remote ? values.public : resolve(values.public);
    if (!remote && !(await exists(source)))
      throw new DossierInputError(`--public ${values.public} : dossier introuvable (ni adresse https://, ni archive).`);
    const records = await readPublicRecords(source, target.id, motif.id, from, to);
    context = { label: `${target.name} — ${motif.label}`, source, records };
  }
  const out = resolve(values.out);
  const { pdf, checks } = await drawPersonalDossier({
    steps,
    from,
    to,
    orderDay,
    context,
    generatedAt: new Date().toISOString(),
  });
  await writeFileAtomic(out, Buffer.from(pdf));
  console.log(
    `Dossier personnel écrit : ${out}\n  ${plural(steps.length, 'pièce', 'pièces')} du ${from} au ${to}` +
      (context ? ` ; contexte public : ${plural(context.records.length, 'capture', 'captures')}` : '') +
      '\n' +
      checks.map((c) => `  ${c.point} : ${c.verdict}`).join('\n'),
  );
  for (const line of unreadable) console.warn(`Attention : pièce illisible, absente du dossier : ${line}`);
  return 0;
}
