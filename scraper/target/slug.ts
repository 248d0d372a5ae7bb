/** Slugs proposed from French labels: `Titre de séjour : première demande` → `titre-sejour-premiere-demande`. */

// Little words that make slugs long without telling motifs apart.
const SMALL_WORDS = new Set([
  'a',
  'au',
  'aux',
  'd',
  'de',
  'des',
  'du',
  'en',
  'et',
  'l',
  'la',
  'le',
  'les',
  'ou',
  'par',
  'pour',
  'sur',
  'un',
  'une',
]);

/** Lower case, no accents, little words dropped. */
function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && !SMALL_WORDS.has(w));
}

/**
 * Words joined by dashes. Past `maxWords` it keeps the first words and the last two, which often name the
 * place (« … (CRE Charcot) »). Words of `known` (a form's name, for its guichets) are left out when others remain.
 */
export function slugify(text: string, maxWords = 7, known = ''): string {
  const skip = new Set(words(known));
  const all = words(text);
  const own = all.filter((w) => !skip.has(w));
  const kept = own.length > 0 ? own : all;
  const short = kept.length > maxWords ? [...kept.slice(0, maxWords - 2), ...kept.slice(-2)] : kept;
  return short.join('-') || 'motif';
}

/** `slug`, or `slug-2`, `slug-3`… when already taken; remembers it in `taken`. */
export function uniqueSlug(slug: string, taken: Set<string>): string {
  let candidate = slug;
  for (let n = 2; taken.has(candidate); n++) candidate = `${slug}-${n}`;
  taken.add(candidate);
  return candidate;
}
