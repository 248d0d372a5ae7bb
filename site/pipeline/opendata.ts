/**
 * The open data: every capture, budget or not, in `donnees/captures.csv.gz` and `donnees/captures.json.gz`,
 * newest first, compressed a month at a time during the pass (a month whose captures and what the site kept
 * of them did not change is copied from the previous build's file, gzip-parts.ts), and the motifs in
 * `donnees/motifs.csv`/`.json`.
 * The fields are defined once, here, with their French description: the « À propos / données » page
 * prints the same list.
 * No free text from the préfecture pages goes into the CSV (no spreadsheet formula can hide there): each
 * capture gives its page text's SHA-256, and `donnees/textes.json.gz` holds each distinct text once (the
 * same no-slot page gives the same text run after run), so the page texts can be searched for a few KB.
 */
import { DATA_FILES, type FieldDoc } from '../model/opendata.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { captureFiles } from '../../scraper/archive/paths.ts';
import { sha256Hex } from '../../scraper/evidence/images.ts';
import { isoParis } from '../render/dates.ts';
import { archiveBranchUrl, paths } from '../model/urls.ts';
import type { Published } from '../model/budget.ts';
import type { MotifIndex } from '../model/site-index.ts';
import { GzipLines } from './gzip-lines.ts';
import { compressPart, GzipParts, PreviousParts, type PartMemory } from './gzip-parts.ts';
import type { CaptureFacts } from './summary.ts';

type Cell = string | number | boolean | null;

export interface Field<T> extends FieldDoc {
  value: (item: T) => Cell;
}

export interface CaptureRow {
  record: CaptureFacts;
  published: Published;
}

interface Row extends CaptureRow {
  repository: string | null;
}

function imageUrl({ record, published, repository }: Row): string {
  if (published.image) return paths.image(record.sha256);
  const path = captureFiles(record).image;
  return repository ? archiveBranchUrl(repository, path) : `archive:${path}`;
}

export const CAPTURE_FIELDS: Field<Row>[] = [
  {
    name: 'id',
    description: 'Identifiant de la capture, <préfecture>/<démarche>/<horodatage UTC>.',
    value: (r) => r.record.id,
  },
  {
    name: 'prefecture',
    description: 'Identifiant de la préfecture (son nom est dans motifs.csv).',
    value: (r) => r.record.prefecture,
  },
  {
    name: 'motif',
    description: 'Identifiant de la démarche (son libellé exact est dans motifs.csv).',
    value: (r) => r.record.motif,
  },
  {
    name: 'capturedAt',
    description: 'Date et heure de la capture de la page, en UTC (ISO 8601).',
    value: (r) => r.record.capturedAt,
  },
  {
    name: 'parisTime',
    description: 'La même, à l’heure de Paris : AAAA-MM-JJ HH:MM:SS+décalage.',
    value: (r) => isoParis(r.record.capturedAt),
  },
  {
    name: 'outcome',
    description:
      'Résultat : no-slot (aucun créneau), slot-available (créneau disponible), captcha, site-error (erreur du site), blocked (accès bloqué), unrecognized (page non reconnue).',
    value: (r) => r.record.outcome,
  },
  {
    name: 'httpStatus',
    description: 'Statut HTTP de la page finale ; vide sans réponse.',
    value: (r) => r.record.httpStatus,
  },
  {
    name: 'assisted',
    description: 'true quand une personne a résolu un captcha pendant la tentative (le robot ne le fait jamais).',
    value: (r) => r.record.assisted,
  },
  { name: 'durationMs', description: 'Durée de la tentative, en millisecondes.', value: (r) => r.record.durationMs },
  {
    name: 'sha256',
    description: 'Empreinte SHA-256 de l’image de la page (vérifiable avec sha256sum).',
    value: (r) => r.record.sha256,
  },
  {
    name: 'textSha256',
    description: `Empreinte SHA-256 du texte visible de la page (normalisé) : le texte est dans ${DATA_FILES.textsJson}, une fois par texte distinct ; vide pour les captures plus anciennes, sans texte.`,
    value: (r) => r.record.textSha256 ?? null,
  },
  {
    name: 'page',
    description:
      'Page de la capture sur ce site, relative à sa racine (id + « .html ») ; vide pour les plus anciennes, non publiées ici.',
    value: (r) => (r.published.page ? paths.capture(r.record.id) : null),
  },
  {
    name: 'image',
    description:
      'Image de la page : relative à la racine du site, ou sur la branche archive du dépôt pour les plus anciennes non publiées ici.',
    value: imageUrl,
  },
  {
    name: 'runUrl',
    description:
      'Exécution GitHub Actions qui a fait la capture ; vide pour une capture faite sur un ordinateur local.',
    value: (r) => r.record.runUrl,
  },
];

export const MOTIF_FIELDS: Field<MotifIndex>[] = [
  { name: 'prefecture', description: 'Identifiant de la préfecture.', value: (m) => m.prefecture },
  { name: 'prefectureName', description: 'Nom de la préfecture.', value: (m) => m.prefectureName },
  { name: 'motif', description: 'Identifiant de la démarche.', value: (m) => m.motif },
  {
    name: 'motifLabel',
    description: 'Libellé exact de la démarche sur le site de la préfecture.',
    value: (m) => m.motifLabel,
  },
  { name: 'platform', description: 'Plateforme de prise de rendez-vous.', value: (m) => m.platform },
  {
    name: 'verified',
    description:
      'true si l’adresse de la démarche a été confirmée sur le vrai site, false si elle vient seulement de sources publiques (« non vérifié ») ; vide pour les captures plus anciennes, qui ne le disent pas.',
    value: (m) => m.verified ?? null,
  },
  {
    name: 'captures',
    description: 'Nombre de captures, avec ou sans page sur ce site.',
    value: (m) => m.captures.length,
  },
  { name: 'first', description: 'Première capture (UTC).', value: (m) => m.captures.at(-1)?.capturedAt ?? null },
  { name: 'last', description: 'Dernière capture (UTC).', value: (m) => m.captures[0]?.capturedAt ?? null },
];

export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  // A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) starts with a quote.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Each field's name as a JSON key, made once: the open data has a line per capture. */
const jsonKeys = new WeakMap<Field<never>[], string[]>();

/** The CSV line and the JSON object of one item, its values computed once. */
function lines<T>(fields: Field<T>[], item: T): { csv: string; json: string } {
  let keys = jsonKeys.get(fields);
  if (!keys) jsonKeys.set(fields, (keys = fields.map((f) => `${JSON.stringify(f.name)}:`)));
  const values = fields.map((f) => f.value(item));
  return {
    csv: values.map(csvCell).join(',') + '\n',
    json: `{${values.map((v, i) => keys[i] + JSON.stringify(v)).join(',')}}`,
  };
}

/** A captures file being written, and the previous build's. */
interface CaptureFile {
  file: GzipParts;
  previous: PreviousParts;
}

function captureFile(out: string, memory: PartMemory, name: string, head: string): CaptureFile {
  const path = paths.dataFile(name);
  const file = new GzipParts(join(out, path), memory, path);
  file.add(null, compressPart(head));
  return { file, previous: new PreviousParts(memory, path) };
}

export class OpenData {
  private readonly csv: CaptureFile;
  private readonly json: CaptureFile;
  private readonly texts: GzipLines;
  private readonly textsSeen = new Set<string>();
  private rows = 0;

  constructor(
    private readonly out: string,
    private readonly repository: string | null,
    memory: PartMemory,
  ) {
    mkdirSync(join(out, paths.data), { recursive: true });
    const names = CAPTURE_FIELDS.map((f) => f.name).join(',') + '\n';
    this.csv = captureFile(out, memory, DATA_FILES.capturesCsv, names);
    this.json = captureFile(out, memory, DATA_FILES.capturesJson, '[');
    this.texts = new GzipLines(join(out, paths.dataFile(DATA_FILES.textsJson)), '[');
  }

  /** Whether the capture's page text is not listed yet: then `text` is to be called with it. */
  wantsText(record: CaptureFacts): boolean {
    return record.textSha256 !== undefined && !this.textsSeen.has(record.textSha256);
  }

  /** A capture's page text (null when it has none), listed when it is the one its record vouches for. */
  async text(record: CaptureFacts, text: string | null): Promise<void> {
    this.addText(record.textSha256!, text);
    await this.texts.room();
  }

  /**
   * One month of captures, newest first, whatever the budget published of them; `key`: what they and what the
   * site kept of them are known by (null: made anew). Resolves when the compressors can take more.
   */
  async month(key: string | null, rows: CaptureRow[]): Promise<void> {
    if (rows.length === 0) return;
    // The file's first line has no comma before it: the month that holds it is another part than the same month later.
    const first = this.rows === 0;
    this.rows += rows.length;
    let made: { csv: string; json: string } | undefined;
    const text = () => {
      if (made) return made;
      const csv: string[] = [];
      const json: string[] = [];
      for (const [i, row] of rows.entries()) {
        const line = lines(CAPTURE_FIELDS, { ...row, repository: this.repository });
        csv.push(line.csv);
        json.push((first && i === 0 ? '\n' : ',\n') + line.json);
      }
      return (made = { csv: csv.join(''), json: json.join('') });
    };
    const jsonKey = key === null ? null : `${key}${first ? '-premier' : ''}`;
    this.csv.file.add(
      key,
      this.csv.previous.part(key, () => text().csv),
    );
    this.json.file.add(
      jsonKey,
      this.json.previous.part(jsonKey, () => text().json),
    );
    await this.csv.file.room();
    await this.json.file.room();
  }

  private addText(hash: string, text: string | null): void {
    if (text !== null && sha256Hex(text) === hash) {
      this.texts.push((this.textsSeen.size === 0 ? '\n' : ',\n') + JSON.stringify({ sha256: hash, text }));
      this.textsSeen.add(hash);
    }
  }

  /** Completes the capture files and writes the motif files; returns the bytes written. */
  async finish(motifs: MotifIndex[]): Promise<number> {
    this.json.file.add(null, compressPart('\n]\n'));
    const compressed =
      (await this.csv.file.close()) + (await this.json.file.close()) + (await this.texts.close('\n]\n'));
    this.csv.previous.close();
    this.json.previous.close();
    const rows = motifs.map((m) => lines(MOTIF_FIELDS, m));
    const motifCsv = MOTIF_FIELDS.map((f) => f.name).join(',') + '\n' + rows.map((r) => r.csv).join('');
    const motifJson = `[\n${rows.map((r) => r.json).join(',\n')}\n]\n`;
    writeFileSync(join(this.out, paths.dataFile(DATA_FILES.motifsCsv)), motifCsv);
    writeFileSync(join(this.out, paths.dataFile(DATA_FILES.motifsJson)), motifJson);
    return compressed + Buffer.byteLength(motifCsv) + Buffer.byteLength(motifJson);
  }

  abandon(): void {
    for (const { file, previous } of [this.csv, this.json]) {
      file.abandon();
      previous.close();
    }
    this.texts.abandon();
  }
}
