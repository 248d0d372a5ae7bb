/**
 * Cross-field checks on a target that already has the right shape.
 * Reports every problem at once, each with the path of the field to fix.
 */
import type { Target } from './schema.ts';

export interface Problem {
  /** Path of the field, e.g. `motifs[2].url`. */
  path: string;
  message: string;
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
    problems.push({ path: 'settings.hours', message: `la première heure (${firstHour}) doit précéder la dernière (${lastHour}), ex. [7, 21]` });
  }
  const seen = new Map<string, number>();
  target.motifs.forEach((motif, i) => {
    const at = `motifs[${i}]`;
    const previous = seen.get(motif.id);
    if (previous !== undefined) {
      problems.push({ path: `${at}.id`, message: `« ${motif.id} » est déjà l'identifiant de motifs[${previous}]. Chaque motif doit avoir un id unique` });
    } else {
      seen.set(motif.id, i);
    }
    const byLink = motif.index !== undefined || motif.link !== undefined;
    if (motif.url !== undefined && byLink) {
      problems.push({ path: at, message: 'donnez soit url, soit index et link, pas les deux' });
    } else if (motif.url === undefined && !byLink) {
      problems.push({
        path: `${at}.url`,
        message: 'manquant. Donnez l\'adresse de la page de réservation (ex. https://pprdv.interieur.gouv.fr/booking/create/948), ou index et link',
      });
    } else if (byLink && (motif.index === undefined || motif.link === undefined)) {
      const missing = motif.index === undefined ? 'index' : 'link';
      problems.push({ path: `${at}.${missing}`, message: 'manquant. index (la page qui liste les démarches) et link (le texte exact du lien) vont ensemble' });
    }
  });
  return problems;
}
