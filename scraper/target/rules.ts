/**
 * Cross-field checks on a target that already has the right shape (a motif's url or index and link are checked by
 * the schema itself, which gathers them into its `entry`).
 * Reports every problem at once, each with the path of the field to fix.
 */
import { startUrl, type StepsMotif, type Target } from './schema.ts';

export interface Problem {
  /** Path of the field, e.g. `motifs[2].url`. */
  path: string;
  message: string;
  /** Where in the file, when known (1-based); the loader finds it from the path. */
  line?: number;
  column?: number;
}

export function checkRules(target: Target, fileStem: string): Problem[] {
  const problems: Problem[] = [];
  if (target.id !== fileStem) {
    problems.push({
      path: 'id',
      message: `« ${target.id} » ne correspond pas au nom du fichier. Renommez le fichier en ${target.id}.yaml ou mettez id: ${fileStem}`,
    });
  }
  const [firstHour, lastHour] = target.settings.hours;
  if (firstHour >= lastHour) {
    problems.push({
      path: 'settings.hours',
      message: `la première heure (${firstHour}) doit précéder la dernière (${lastHour}), ex. [7, 21]`,
    });
  }
  const seen = new Map<string, number>();
  target.motifs.forEach((motif, i) => {
    const at = `motifs[${i}]`;
    const previous = seen.get(motif.id);
    if (previous !== undefined) {
      problems.push({
        path: `${at}.id`,
        message: `« ${motif.id} » est déjà l'identifiant de motifs[${previous}]. Chaque motif doit avoir un id unique`,
      });
    } else {
      seen.set(motif.id, i);
    }
    if (motif.platform === 'steps') problems.push(...checkSteps(motif, at));
  });
  return problems;
}

/** A `steps` motif stays on its site (one request chain per site), and each of its texts says one outcome only. */
function checkSteps(motif: StepsMotif, at: string): Problem[] {
  const problems: Problem[] = [];
  const host = new URL(startUrl(motif.entry)).host;
  motif.steps.forEach((step, i) => {
    if ('open' in step && new URL(step.open).host !== host) {
      problems.push({
        path: `${at}.steps[${i}].open`,
        message: `l'adresse doit rester sur le site de départ (${host}) : un motif ne change pas de site`,
      });
    }
  });
  const fold = (text: string) => text.replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
  const noSlot = new Set(motif.texts.noSlot.map(fold));
  for (const kind of ['slots', 'error'] as const) {
    motif.texts[kind].forEach((text, i) => {
      if (noSlot.has(fold(text))) {
        problems.push({
          path: `${at}.texts.${kind}[${i}]`,
          message: `« ${text} » est aussi dans texts.noSlot : un texte ne peut dire qu'une seule issue`,
        });
      }
    });
  }
  return problems;
}
