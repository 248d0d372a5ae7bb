/** The open data files, as the pages name and document them; `site/pipeline/opendata.ts` writes them. */

/** The capture files, compressed: gzip divides them by 14 (CSV) to 18 (JSON); the motif files stay plain (small). */
export const DATA_FILES = {
  capturesCsv: 'captures.csv.gz',
  capturesJson: 'captures.json.gz',
  textsJson: 'textes.json.gz',
  motifsCsv: 'motifs.csv',
  motifsJson: 'motifs.json',
} as const;

/** A column of the open data, as « À propos » documents it. */
export interface FieldDoc {
  name: string;
  description: string;
}
