/**
 * The id of a proposed target file and the file it goes to: a target file is always `<id>.yaml` (the loader
 * refuses any other name), so discover decides both together. Pure: the caller says whether `--out` is a folder.
 */
import { basename, dirname, extname, join } from 'node:path';
import { DEPARTEMENTS } from '../target/departements.ts';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// The préfecture sites drop dashes that the département ids keep: www.val-doise.gouv.fr is val-d-oise.
const compact = (slug: string) => slug.replaceAll('-', '');
const DEPARTEMENT_IDS = new Map(DEPARTEMENTS.map((d) => [compact(d.slug), d.slug]));
// The Préfecture de police's booking site is Paris's (the département table's « paris »).
const HOST_IDS: Record<string, string> = { pprdv: 'paris' };

/** The préfecture's id proposed from the site's host: `www.val-doise.gouv.fr` → `val-d-oise`, as in the département table. */
export function prefectureIdOf(url: string): string {
  const host = new URL(url).hostname.replace(/^((www|rdv|rendez-vous)\.)+/, '');
  if (host.startsWith('rdv-prefecture.')) return 'ma-prefecture';
  const slug = (host.split('.')[0] ?? '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return HOST_IDS[slug] ?? DEPARTEMENT_IDS.get(compact(slug)) ?? (slug || 'ma-prefecture');
}

export interface Naming {
  id: string;
  /** Where to write the file; null: on standard output. */
  file: string | null;
}

/**
 * `--id` and `--out` made to agree: `--out` a folder gets `<id>.yaml` in it; `--out` a `.yaml` file gives the id
 * (its name without `.yaml`), and a differing `--id` is refused rather than silently renamed. Returns the
 * problem to show, in French, when they cannot agree.
 */
export function nameTarget(options: {
  proposedId: string;
  id?: string | undefined;
  out?: string | undefined;
  outIsFolder: boolean;
}): Naming | { problem: string } {
  const { proposedId, id, out, outIsFolder } = options;
  if (id !== undefined && !SLUG.test(id))
    return { problem: `--id « ${id} » : un identifiant en minuscules, chiffres et tirets, ex. --id val-d-oise` };
  if (out === undefined) return { id: id ?? proposedId, file: null };
  if (outIsFolder || !/\.ya?ml$/i.test(out))
    return { id: id ?? proposedId, file: join(out, `${id ?? proposedId}.yaml`) };
  const stem = basename(out, extname(out));
  if (extname(out) !== '.yaml')
    return {
      problem: `--out ${out} : un fichier cible se termine par .yaml, ex. --out ${join(dirname(out), `${stem}.yaml`)}`,
    };
  if (!SLUG.test(stem))
    return {
      problem: `--out ${out} : le nom du fichier est l'id de la préfecture, en minuscules, chiffres et tirets, ex. ${proposedId}.yaml (ou donnez un dossier : --out scraper/targets/)`,
    };
  if (id !== undefined && id !== stem)
    return {
      problem: `--out ${out} et --id ${id} ne concordent pas : le fichier d'une préfecture porte son id. Donnez --out ${join(dirname(out), `${id}.yaml`)}, ou seulement un dossier (--out scraper/targets/)`,
    };
  return { id: stem, file: out };
}
