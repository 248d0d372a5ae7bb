/**
 * The YAML library's syntax errors said in French for the person who wrote the file: where (line, column),
 * what it means, and what to type instead. Pure: reads the error and the file's text.
 */
import type { YAMLError } from 'yaml';
import type { Problem } from './rules.ts';

const QUOTE_HINT =
  'mettez le libellé entre guillemets, ex. label: "Titre de séjour : étudiant" ' +
  "(ou entre apostrophes, en doublant celles du texte : 'Demande d''admission')";

/** What each error code of the `yaml` package means for a target file; codes left out get the generic message. */
const EXPLAINED: Partial<Record<YAMLError['code'], string>> = {
  BAD_INDENT:
    "décalage incorrect : les champs d'un même motif commencent tous à la même colonne, avec des espaces ; une liste entre [ ] se ferme par ]",
  MULTILINE_IMPLICIT_KEY:
    'une ligne « nom: valeur » est coupée ou mal décalée : chaque champ tient sur une ligne, décalé comme ses voisins',
  TAB_AS_INDENT: 'une tabulation sert de décalage : remplacez-la par des espaces',
  DUPLICATE_KEY: 'ce champ est écrit deux fois dans le même bloc : gardez-en un seul',
  UNEXPECTED_TOKEN:
    'caractère inattendu : un texte entre apostrophes qui en contient une s\'écrit entre guillemets doubles, ex. name: "Préfecture du Val-d\'Oise"',
  MISSING_CHAR:
    'il manque un caractère : un guillemet fermant, un ] ou un } fermant, ou le tiret « - » devant un élément de liste',
  BAD_SCALAR_START: 'une valeur ne peut pas commencer par ce caractère (@, `, %, |, > …) : mettez-la entre guillemets',
  BLOCK_IN_FLOW:
    'un bloc sur plusieurs lignes ne peut pas être dans une liste entre [ ] : écrivez un élément par ligne avec « - »',
  BAD_DQ_ESCAPE:
    'une barre oblique inverse \\ entre guillemets doubles : doublez-la (\\\\) ou utilisez des apostrophes',
  MULTIPLE_DOCS:
    "une ligne « --- » coupe le fichier en deux : un fichier cible ne contient qu'un document, supprimez-la",
  KEY_OVER_1024_CHARS: 'un nom de champ de plus de 1024 caractères : il manque sans doute un deux-points',
};

/** The line of the text where the error is, and its column, from the library's position (1-based). */
function positionOf(error: YAMLError, text: string): { line: number; column: number; source: string } {
  const { line, col } = error.linePos?.[0] ?? { line: 1, col: 1 };
  return { line, column: col, source: text.split('\n')[line - 1] ?? '' };
}

/** `label: Titre : étudiant`: a value without quotes that holds « : » itself, which YAML reads as a second key. */
function colonInValue(source: string): boolean {
  const value = /^\s*(?:-\s+)?[^\s:#"'][^:#]*:\s+(.*)$/.exec(source)?.[1] ?? '';
  return !/^["'[{]/.test(value) && /:(\s|$)/.test(value);
}

export function yamlProblem(error: YAMLError, text: string): Problem {
  const { line, column, source } = positionOf(error, text);
  let explained = EXPLAINED[error.code];
  if (
    (error.code === 'BLOCK_AS_IMPLICIT_KEY' ||
      error.code === 'MULTILINE_IMPLICIT_KEY' ||
      error.code === 'UNEXPECTED_TOKEN') &&
    colonInValue(source)
  ) {
    explained = `le texte de cette ligne contient « : », que YAML prend pour un nouveau champ : ${QUOTE_HINT}`;
  } else if (error.code === 'BLOCK_AS_IMPLICIT_KEY') {
    explained =
      'la ligne suivante est décalée comme si elle était à l’intérieur de celle-ci : alignez-la sur ses voisines ; ' +
      `si le texte de cette ligne contient « : », ${QUOTE_HINT}`;
  }
  const original = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return {
    path: '',
    line,
    column,
    message: explained
      ? `YAML invalide : ${explained}`
      : `YAML invalide : le fichier ne se lit pas à cet endroit, vérifiez les décalages et les guillemets (${error.code} : ${original})`,
  };
}

/** One problem per line: the library often reports a single mistake twice at the same place. */
export function yamlProblems(errors: readonly YAMLError[], text: string): Problem[] {
  const seen = new Set<number>();
  return errors
    .map((error) => yamlProblem(error, text))
    .filter((p) => {
      if (seen.has(p.line!)) return false;
      seen.add(p.line!);
      return true;
    });
}
