/** The open data files, as the pages name and document them; `site/pipeline/opendata.ts` writes them. */

/** The capture files, compressed: gzip divides them by 14 (CSV) to 18 (JSON); the motif files stay plain (small). */
export const DATA_FILES = {
  capturesCsv: 'captures.csv.gz',
  capturesJson: 'captures.json.gz',
  textsJson: 'textes.json.gz',
  motifsCsv: 'motifs.csv',
  motifsJson: 'motifs.json',
  summaryJson: 'resume.json',
} as const;

/**
 * The gzip level of every compressed file of the site (open data, dossier indexes): 6, gzip's own default. Level 9
 * took twice the time (a second of every build at 100,000 captures, these files being rewritten after each run) for
 * files 3.5 % smaller.
 */
export const GZIP_LEVEL = 6;

/** A column of the open data, as « À propos » documents it. */
export interface FieldDoc {
  name: string;
  description: string;
}
