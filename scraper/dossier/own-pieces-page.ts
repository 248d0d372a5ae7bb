/** The PDF annex « Pièces de la personne »: each file the person added, its SHA-256 and the date it claims. */
import type { PDFPage } from 'pdf-lib';
import { OWN_PIECES_LIMITS, type OwnPiece } from './own-pieces.ts';
import { createFlow, GREY, type Kit } from './pdf.ts';

const shown = (at: string) => `${at.slice(8, 10)}/${at.slice(5, 7)}/${at.slice(0, 4)} ${at.slice(11)}`;

/** The annex « Pièces de la personne », from `first` on. */
export function drawOwnPieces(kit: Kit, first: PDFPage, pieces: readonly OwnPiece[]): void {
  const flow = createFlow(kit, first);
  flow.heading('Annexe : pièces de la personne');
  flow.paragraph(
    'Fichiers ajoutés par la personne dans son navigateur, à côté des captures de l’archive publique ci-dessus. ' +
      'Ils n’ont été envoyés nulle part : seuls leur nom, leur taille, leur empreinte SHA-256 et la date qu’ils portent figurent ici.',
  );
  flow.paragraph(OWN_PIECES_LIMITS, { size: 9, color: GREY });
  for (const [i, piece] of pieces.entries()) {
    flow.paragraph(`${i + 1}. ${piece.name} (${piece.bytes} octets)`, { font: 'bold' });
    flow.paragraph(`SHA-256 ${piece.sha256}`, { font: 'mono', size: 8 }, 12);
    flow.paragraph(
      piece.declared
        ? `Date déclarée : ${shown(piece.declared.at)} (${piece.declared.from === 'exif' ? 'métadonnées EXIF de l’image, heure de l’appareil' : 'date du fichier, heure de Paris'})`
        : 'Aucune date déclarée.',
      { size: 9 },
      12,
    );
  }
}
