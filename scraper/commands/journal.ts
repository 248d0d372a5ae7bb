/**
 * `npm run journal -- --archive <dossier> --add <courriel|courrier|appel|visite|anef> --at <date et heure>
 *  [--file <fichier>]… [--note <texte>]`, or `--list`: the person's journal of steps made outside the booking site
 * (scraper/journal/). Private: `npm run publish` refuses `personnel/`. Exit 0 done; 2 bad usage or input (nothing
 * written).
 */
import { resolve } from 'node:path';
import { plural } from '../evidence/french.ts';
import { parisDateTime } from '../evidence/time.ts';
import { JOURNAL_KINDS, KIND_LABELS, parseAt, type JournalKind } from '../journal/entry.ts';
import { rootDirsOf } from '../timestamp/authorities.ts';
import { UNVERIFIED } from '../timestamp/read.ts';
import { replyChecker } from '../timestamp/reply-check.ts';
import { addJournalEntry, readJournal } from '../journal/store.ts';
import { runTimestamping, timestampLines } from '../timestamp/request.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';

const USAGE =
  `npm run journal -- [--archive <dossier>] --add <${JOURNAL_KINDS.join('|')}> --at <AAAA-MM-JJ HH:MM> ` +
  '[--file <fichier>]… [--note <texte>]\n       npm run journal -- [--archive <dossier>] --list';

/** What `--help` shows (usage and an example); bad usage repeats the usage line. */
const HELP = {
  usage: USAGE,
  example:
    'npm run journal -- --archive mon-archive --add courriel --at "2026-11-03 14:30" --file relance.pdf --note "Relance au bureau des étrangers"',
};

const options = {
  archive: { type: 'string', default: 'archive' },
  add: { type: 'string' },
  at: { type: 'string' },
  file: { type: 'string', multiple: true },
  note: { type: 'string', default: '' },
  list: { type: 'boolean', default: false },
} as const;

const isKind = (text: string): text is JournalKind => (JOURNAL_KINDS as readonly string[]).includes(text);

export async function runJournal(args: string[]): Promise<number> {
  const { values } = parseOptions(args, options, HELP);
  const archive = resolve(values.archive);
  if (values.list) return list(archive);
  if (!values.add) throw new UsageError(`indiquez --add <type> ou --list.\n\nUsage : ${USAGE}`);
  if (!isKind(values.add))
    throw new UsageError(`--add ${values.add} : type inconnu ; types possibles : ${JOURNAL_KINDS.join(', ')}.`);
  if (!values.at)
    throw new UsageError(
      `--at est obligatoire : la date et l’heure de la démarche (heure de Paris), par exemple --at "2026-11-03 14:30".`,
    );
  const at = parseAt(values.at);
  if (!at)
    throw new UsageError(
      `--at ${values.at} : date et heure illisibles ; attendu AAAA-MM-JJ HH:MM (heure de Paris), par exemple --at "2026-11-03 14:30".`,
    );
  if (Date.parse(at) > Date.now() + 60_000)
    throw new UsageError(`--at ${values.at} : cette heure est dans le futur ; notez une démarche déjà faite.`);
  const log = (line: string) => console.log(line);
  const { dir, entry, timestamps } = await addJournalEntry(
    archive,
    { kind: values.add, at, note: values.note, files: values.file ?? [] },
    runTimestamping(process.env),
    log,
  );
  console.log(
    `Démarche notée : ${KIND_LABELS[entry.kind]}, ${parisDateTime(entry.at)} → ${archive}/${dir}\n` +
      entry.files.map((f) => `  ${f.name} : SHA-256 ${f.sha256}\n`).join('') +
      [...timestampLines(timestamps), 'Privé : npm run publish refuse tout ce qui est sous personnel/.'].join('\n'),
  );
  return 0;
}

async function list(archive: string): Promise<number> {
  // Verify's check of each timestamp, with the roots STP_TSA_ROOTS adds: an unverified time is never shown.
  const { entries, unreadable } = await readJournal(archive, await replyChecker(rootDirsOf(process.env)));
  console.log(`Journal de ${archive} : ${plural(entries.length, 'démarche', 'démarches')}`);
  for (const { entry, dir, timestamps, altered } of entries) {
    console.log(
      `- ${parisDateTime(entry.at)} : ${KIND_LABELS[entry.kind]}${entry.note ? ` — ${entry.note}` : ''} (${dir})`,
    );
    for (const file of entry.files) console.log(`    ${file.name} : SHA-256 ${file.sha256}`);
    console.log(
      timestamps.length > 0
        ? `    horodatage RFC 3161 : ${timestamps.map((t) => (t.genTime ? `${t.authority} ${t.genTime}` : `${t.authority} ${UNVERIFIED} (${t.unverified})`)).join(', ')}`
        : '    sans horodatage RFC 3161',
    );
    if (altered.length > 0) console.log(`    ATTENTION : ne correspond plus à son manifeste : ${altered.join(', ')}`);
  }
  for (const line of unreadable) console.warn(`Attention : entrée illisible : ${line}`);
  return 0;
}
