/**
 * The personal dossier's Node edge: the person's witness captures and journal from their own archive folder, and the
 * public archive's captures of one motif (a folder, or the published site's index) as third-party context. Reads only.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { captureFiles, MANIFEST_DIR, parseCapturePath } from '../../archive/paths.ts';
import { parseRecord } from '../../archive/read-record.ts';
import { sha256Hex } from '../../evidence/images.ts';
import type { EvidenceRecord } from '../../evidence/record.ts';
import { JOURNAL_DIR, KIND_LABELS } from '../../journal/entry.ts';
import { readJournal } from '../../journal/store.ts';
import { OUTCOME_LABELS } from '../../outcome/outcomes.ts';
import { folderManifests, readManifests, stampsOf, type CheckedStamp } from '../../timestamp/read.ts';
import { replyChecker } from '../../timestamp/reply-check.ts';
import { readMotifRecords } from '../archive-source.ts';
import type { DossierRecord } from '../entry.ts';
import { DossierInputError, parisDay } from '../select.ts';
import { dossierIndexPath, readIndex, recordsFromIndex } from '../site-records.ts';
import type { PersonalStep } from './checks.ts';

/** The ANEF website (administration-etrangers-en-france), the online procedures of décret 2023-191. */
const isAnefUrl = (url: string) => /(^|\.)administration-etrangers-en-france\.interieur\.gouv\.fr$/.test(hostOf(url));
const isFranceConnectUrl = (url: string) => /(^|\.)franceconnect\.gouv\.fr$/.test(hostOf(url));

/**
 * What a witness capture shows, in words that fit its site: on ANEF or FranceConnect an error is that site's, not
 * the préfecture's, and a page without a booking outcome is a step of the path, not a no-slot.
 */
function captureWhat(r: EvidenceRecord): string {
  const site = isAnefUrl(r.url) ? 'ANEF' : isFranceConnectUrl(r.url) ? 'FranceConnect' : null;
  const page = `page « ${r.evidence.title} » (${r.url})`;
  if (!site) return `Capture témoin : ${OUTCOME_LABELS[r.outcome]} — ${page}`;
  const what =
    r.outcome === 'site-error'
      ? `erreur du site ${site} (pas une absence de créneau)`
      : r.outcome === 'unrecognized'
        ? 'étape du parcours, sans résultat de prise de rendez-vous'
        : OUTCOME_LABELS[r.outcome];
  return `Capture témoin sur le site ${site} : ${what} — ${page}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/\.localhost$/, '');
  } catch {
    return '';
  }
}

/** Every witness capture (`mode: "witness"`) of the archive folder, wherever it is filed. */
async function witnessRecords(archive: string): Promise<{ records: EvidenceRecord[]; unreadable: string[] }> {
  const records: EvidenceRecord[] = [];
  const unreadable: string[] = [];
  for (const top of await readdir(archive, { withFileTypes: true })) {
    // Dot folders (`.staging`) hold nothing finished; `manifests/` no capture.
    if (!top.isDirectory() || top.name.startsWith('.') || top.name === MANIFEST_DIR) continue;
    for (const entry of await readdir(join(archive, top.name), { recursive: true, withFileTypes: true })) {
      const path = relative(archive, join(entry.parentPath, entry.name)).split(sep).join('/');
      if (!entry.isFile() || path.startsWith(`${JOURNAL_DIR}/`) || parseCapturePath(path)?.kind !== 'record') continue;
      const reading = parseRecord(await readFile(join(archive, path), 'utf8'));
      if (reading.problems) unreadable.push(`${path} : ${reading.problems.join(' ; ')}`);
      else if (reading.record.mode === 'witness') records.push(reading.record);
    }
  }
  return { records, unreadable };
}

/** The timestamps that passed verify's check, with their signed time; the others are left unsaid. */
const verified = (stamps: CheckedStamp[]) =>
  stamps.flatMap(({ authority, genTime }) => (genTime === undefined ? [] : [{ authority, genTime }]));

/**
 * The person's steps: witness captures and journal entries, with their files' hashes and the RFC 3161 timestamps that
 * verify (against the bundled authorities' roots and those of `tsaRoots`); a reply that does not is left unsaid.
 */
export async function readPersonalSteps(
  archive: string,
  tsaRoots: string[],
): Promise<{ steps: PersonalStep[]; unreadable: string[] }> {
  const checker = await replyChecker(tsaRoots);
  const [witness, journal, facts] = await Promise.all([
    witnessRecords(archive),
    readJournal(archive, checker),
    readManifests(folderManifests(archive), { checker }),
  ]);
  const captures = await Promise.all(
    witness.records.map(async (r): Promise<PersonalStep> => {
      const files = captureFiles(r);
      const image = await readFile(join(archive, files.image)).catch(() => null);
      return {
        kind: 'capture',
        at: r.capturedAt,
        what: captureWhat(r),
        note: '',
        files: [{ name: files.image, sha256: r.sha256 }],
        timestamps: verified(stampsOf(facts, files.record)),
        outcome: r.outcome,
        anef: isAnefUrl(r.url),
        source: files.record,
        altered: image && sha256Hex(image) === r.sha256 ? [] : [files.image],
      };
    }),
  );
  const entries = await Promise.all(
    journal.entries.map(async ({ dir, entry, timestamps, altered }): Promise<PersonalStep> => ({
      kind: entry.kind,
      at: entry.at,
      what: KIND_LABELS[entry.kind],
      note: entry.note,
      files: entry.files.map(({ name, sha256 }) => ({ name, sha256 })),
      timestamps: verified(timestamps),
      anef: entry.kind === 'anef',
      source: dir,
      altered,
    })),
  );
  return {
    steps: [...captures, ...entries].sort((a, b) => a.at.localeCompare(b.at)),
    unreadable: [...witness.unreadable, ...journal.unreadable],
  };
}

/** The public archive's captures of a motif over the period: from an archive folder, or from the site's index. */
export async function readPublicRecords(
  source: string,
  prefecture: string,
  motif: string,
  from: string,
  to: string,
): Promise<DossierRecord[]> {
  if (!/^https?:\/\//.test(source)) return (await readMotifRecords(source, prefecture, motif, from, to)).records;
  const root = source.endsWith('/') ? source : `${source}/`;
  const url = new URL(dossierIndexPath(prefecture, motif), root).href;
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000) }).catch((error: unknown) => {
    throw new DossierInputError(`--public ${source} : site injoignable (${String((error as Error).message)}).`);
  });
  if (!response.ok)
    throw new DossierInputError(
      `--public ${source} : ${url} répond HTTP ${response.status} (motif inconnu du site ?).`,
    );
  const records = recordsFromIndex(await readIndex(new Uint8Array(await response.arrayBuffer())), prefecture, motif);
  return records.filter((r) => parisDay(r.capturedAt) >= from && parisDay(r.capturedAt) <= to);
}
