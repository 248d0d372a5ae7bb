/**
 * Values a person has not written yet: an empty value, or « À COMPLÉTER » left by a model or by discover.
 * Such a file would load and then call every page « Page non reconnue », so it is refused with the line to
 * fix. Comments are not values: « # à confirmer » after a real sentence is fine. Pure: reads the parsed YAML.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Problem } from './rules.ts';

/** « À COMPLÉTER », « a compléter », « A COMPLETER »…: accents, case and spacing aside. */
function isPlaceholder(text: string): boolean {
  const folded = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .toUpperCase();
  return folded.includes('A COMPLETER');
}

/** What to write in a field, by its name; the others get the general advice. */
const ADVICE: Record<string, string> = {
  noSlot:
    'recopiez la phrase exacte que montre le site quand il n\'y a aucun rendez-vous, ex. noSlot: ["Aucun rendez-vous n\'est disponible"]',
  slots: 'recopiez la phrase que montre le site quand il y a des créneaux, ou supprimez la ligne (facultatif)',
  error: "recopiez la phrase d'une page d'erreur du site, ou supprimez la ligne (facultatif)",
  name: "écrivez le nom de la préfecture affiché sur les captures, ex. name: Préfecture du Val-d'Oise",
  label: 'écrivez le nom exact de la démarche, tel que le site le montre',
  id: 'écrivez un identifiant en minuscules, chiffres et tirets (ex. titre-sejour-etudiant)',
  note: 'écrivez la note, ou supprimez la ligne (facultatif)',
};
const GENERAL =
  'écrivez la valeur, ou supprimez la ligne si le champ est facultatif (voir docs/suivre-une-prefecture.md)';

/** `['motifs', 0, 'texts', 'noSlot', 0]` → `motifs[0].texts.noSlot[0]`, the way every message names a field. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}

function problemAt(path: (string | number)[], line: number, value: string | null): Problem {
  const field = path.findLast((key): key is string => typeof key === 'string') ?? '';
  const advice = ADVICE[field] ?? GENERAL;
  return {
    path: fieldPath(path),
    line,
    message: value === null || value.trim() === '' ? `vide : ${advice}` : `« ${value} » reste à compléter : ${advice}`,
  };
}

/** Every empty or « À COMPLÉTER » value of the file, in file order. */
export function findPlaceholders(doc: Document, lines: LineCounter): Problem[] {
  const problems: Problem[] = [];
  const walk = (node: Node | null | undefined, path: (string | number)[]) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        walk(pair.value as Node | null, [...path, String(pair.key.value)]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item as Node | null, [...path, i]));
    } else if (isScalar(node) && node.range) {
      // `label:` with nothing after it reads as null, written as an empty plain value (unlike `~` or `null`)
      const empty = node.value === null && node.source === '';
      const text = typeof node.value === 'string' ? node.value : null;
      if (empty || (text !== null && (text.trim() === '' || isPlaceholder(text)))) {
        problems.push(problemAt(path, lines.linePos(node.range[0]).line, text));
      }
    }
  };
  walk(doc.contents, []);
  return problems;
}
