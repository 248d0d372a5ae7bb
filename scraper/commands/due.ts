/**
 * `npm run due -- --target <fichier ou id> [--motif <id>]… [--weeks 4] [--archive <dossier>] [--ics <fichier>] [--count 5]`
 * Reads the archive and says, per motif, what a référé still lacks (dossier/due.ts), with the next
 * suggested times; `--ics` also writes them as a calendar file. Exit 0; 2: bad usage (nothing written).
 */
import { resolve } from 'node:path';
import { writeFileAtomic } from '../archive/write.ts';
import { readMotifRecords } from '../dossier/archive-source.ts';
import {
  commandFor,
  dueAdvice,
  motifDue,
  periodText,
  suggestionEvents,
  suggestionLine,
  suggestTimes,
} from '../dossier/due.ts';
import { calendar, type CalendarEvent } from '../dossier/ics.ts';
import { plural } from '../evidence/french.ts';
import { selectJobs } from './capture.ts';
import { parseOptions, UsageError } from '../command-line/usage.ts';

const USAGE =
  'npm run due -- --target <fichier ou id> [--motif <id>]… [--weeks 4] [--archive <dossier>] [--ics <fichier.ics>] [--count 5]';

const options = {
  target: { type: 'string' },
  motif: { type: 'string', multiple: true },
  weeks: { type: 'string', default: '4' },
  archive: { type: 'string', default: 'archive' },
  ics: { type: 'string' },
  count: { type: 'string', default: '5' },
} as const;

function positive(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`--${name} attend un nombre entier de 1 à ${max}, pas « ${value} »\n\nUsage : ${USAGE}`);
  return n;
}

export async function runDue(args: string[], now = new Date()): Promise<number> {
  const { values } = parseOptions(args, options, {
    usage: USAGE,
    example: 'npm run due -- --target paris --motif aes-vpf-charcot --ics tentatives.ics',
  });
  if (!values.target) throw new UsageError(`indiquez la préfecture : --target <fichier ou id>\n\nUsage : ${USAGE}`);
  const weeks = positive('weeks', values.weeks, 52);
  const count = positive('count', values.count, 12);
  const jobs = await selectJobs([values.target], values.motif);
  const archive = resolve(values.archive);
  const since = new Date(now.getTime() - weeks * 7 * 86_400_000).toISOString();
  const events: CalendarEvent[] = [];
  const target = jobs[0]!.target;
  const period = periodText(weeks, since);
  console.log(`${target.name} — archive ${archive}, comptée sur ${period}`);
  for (const { motif } of jobs) {
    const { records } = await readMotifRecords(archive, target.id, motif.id, since.slice(0, 10), now.toISOString());
    const due = motifDue(records, now, since);
    const suggested = suggestTimes(now, count, Math.random, due.hours);
    console.log('');
    console.log(`${motif.label} (${motif.id})`);
    console.log(
      `  ${plural(due.attempts, 'tentative', 'tentatives')} « aucun créneau » ; semaines : ${due.weeks.join(', ') || 'aucune'} ; ` +
        `heures : ${due.hours.map((h) => `${h} h`).join(', ') || 'aucune'} ; ${due.recent} ces 7 derniers jours`,
    );
    for (const line of dueAdvice(due, period, motif.platform)) console.log(`  ${line}`);
    console.log(
      `  Prochaines tentatives suggérées (heure de Paris), avec ${commandFor(target.id, motif.id, motif.platform)} :`,
    );
    for (const at of suggested) console.log(`    ${suggestionLine(at)}`);
    events.push(
      ...suggestionEvents(suggested, {
        prefecture: target.id,
        prefectureName: target.name,
        motif: motif.id,
        motifLabel: motif.label,
        platform: motif.platform,
      }),
    );
  }
  if (values.ics) {
    const path = resolve(values.ics);
    await writeFileAtomic(path, calendar(`Captures — ${target.name}`, events, now));
    console.log(`\nCalendrier écrit : ${path} (${events.length} rendez-vous à importer)`);
  }
  return 0;
}
