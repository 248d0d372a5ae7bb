/**
 * « non vérifié » beside a motif whose address comes from public sources (other bots' code, old pages) and no
 * capture on the real site has confirmed yet (`verified` of its target file, carried by its newest record): a
 * reader is told the captures may show another page than the procedure's. Older records say nothing: no mark.
 */
import type { MotifIndex } from '../model/site-index.ts';
import { html, type Html } from './html.ts';

const WHY =
  'Adresse relevée dans des sources publiques (code d’autres robots, anciennes pages) et pas encore confirmée sur le vrai site';

/** The mark, for a motif's heading on the home, préfecture and motif pages; nothing when not needed. */
export function unverifiedMark(motif: Pick<MotifIndex, 'verified'>): Html | '' {
  return motif.verified === false
    ? html` <span class="outcome motif-unverified" title="${WHY}">non vérifié</span>`
    : '';
}

/** What the mark means, under the motif page's title. */
export function unverifiedNote(motif: Pick<MotifIndex, 'verified'>): Html | '' {
  return motif.verified === false
    ? html`<p class="notice">Démarche <strong>non vérifiée</strong> : ${WHY.charAt(0).toLowerCase()}${WHY.slice(1)}. Regardez l’image d’une capture pour voir quelle page le robot a vraiment atteinte.</p>`
    : '';
}
