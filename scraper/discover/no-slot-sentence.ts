/**
 * The sentence of a site's own result page that seems to say « no slot », proposed for `texts.noSlot` as a quote
 * of the page, for a person to confirm. Pure: reads the page's visible text.
 */

// « Aucun rendez-vous n'est disponible », « plus de créneau libre », « pas de plage horaire »… Words of error pages
// (« momentanément indisponible ») are left out on purpose: an error page taken for « no slot » would be false evidence.
const NO_SLOT = [
  /\b(aucun|aucune|pas de|plus de)\s+(\S+\s+){0,4}?(rendez-vous|rdv|cr[ée]neau|plage|disponibilit)/i,
  /\b(rendez-vous|cr[ée]neaux|planning)\s+(\S+\s+){0,3}?complets?\b/i,
];

/** Longer than this, a sentence likely holds more than the verdict (dates, instructions): left to a person. */
const MAX_LENGTH = 200;

/** The first sentence of the page that reads like « no slot », as written on it (spacing aside), or null. */
export function noSlotSentence(text: string): string | null {
  for (const line of text.split('\n')) {
    for (const raw of line.split(/(?<=[.!?])\s+/)) {
      const sentence = raw.replace(/\s+/g, ' ').trim();
      if (sentence.length <= MAX_LENGTH && NO_SLOT.some((pattern) => pattern.test(sentence))) return sentence;
    }
  }
  return null;
}
