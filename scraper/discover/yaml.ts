/**
 * Writes what discovery found as a target file, ready to save in scraper/targets/: one motif per form
 * without guichet choice, per guichet, per RDV Préfecture démarche. Comments say what each leads to now
 * and what a person should check; every value is quoted by the YAML library, so the file parses as is.
 */
import { stringify } from 'yaml';
import { decidingLine } from '../evidence/quote.ts';
import { OUTCOME_LABELS } from '../outcome/outcomes.ts';
import { fold, type Classification } from '../outcome/classify.ts';
import { SCHEMA_COMMENT } from '../target/json-schema.ts';
import { slugify, uniqueSlug } from '../target/slug.ts';
import {
  TO_COMPLETE,
  type Discovery,
  type Found,
  type FoundDemarche,
  type FoundForm,
  type FoundSteps,
} from './found.ts';

/** One YAML scalar on one line (quoted when needed). */
const scalar = (value: string) => stringify(value, { lineWidth: 0 }).trim();
/** A list of one text on one line: `[…]`, quoted when a comma or a bracket of the text would split it. */
const oneItem = (value: string) =>
  stringify([value], { collectionStyle: 'flow', flowCollectionPadding: false, lineWidth: 0 }).trim();

function nowLine(now: Classification): string {
  return `# Maintenant : ${OUTCOME_LABELS[now.outcome]} (${now.outcome}) — ${decidingLine(now)}`;
}

interface MotifText {
  comments: string[];
  /** The motif's fields, in the order of the schema. */
  fields: [string, string][];
  /** Lines of nested fields (steps, texts), already indented. */
  blocks?: string[];
  /** Proposed id, before it is made unique. */
  slug: string;
}

/** The form's own name, or the index link's text when no page of the form could be read. */
const nameOf = (found: FoundForm | FoundDemarche) =>
  found.title ?? found.linkText ?? (found.platform === 'legacy-booking' ? `Formulaire ${found.formId}` : 'Démarche');

/**
 * What the index link says about the form. A link that bears the name of another form is misattributed, as the Paris
 * AES-travail links were (docs/sites/legacy.md « Formulaires connus »): the direct address is the one to trust.
 */
function linkNotes(found: FoundForm | FoundDemarche, titles: Set<string>): string[] {
  if (found.title === null)
    return [
      "# À vérifier : aucune page n'a pu être lue (erreur du site) ; le libellé vient du lien, relancez discover plus tard.",
    ];
  if (!found.linkText || fold(found.linkText) === fold(found.title)) return [];
  if (titles.has(fold(found.linkText))) {
    return [
      `# Attention : le lien « ${found.linkText} » de la page d'accueil mène ici,`,
      `# à « ${found.title} » : le lien est mal attribué sur le site. L'adresse directe (url) est utilisée.`,
    ];
  }
  return [`# Lien de la page d'accueil : « ${found.linkText} ».`];
}

/** A search form of a site of its own: the steps found, the texts left to the person. */
function stepsMotif(found: FoundSteps, date: string): MotifText {
  const name = found.title ?? found.linkText ?? 'Prise de rendez-vous';
  const label = found.choice === null ? name : `${name} — ${found.choice}`;
  const fields: [string, string][] = [
    ['label', label],
    ['platform', 'steps'],
  ];
  if (found.index === undefined) fields.push(['url', found.url]);
  else fields.push(['index', found.index], ['link', found.linkText ?? '']);
  if ((found.linkIndex ?? 1) > 1) fields.push(['linkIndex', String(found.linkIndex)]);
  fields.push(['note', `pages propres au site, découvertes le ${date}`]);
  return {
    slug: found.choice === null ? slugify(name, 6) : `${slugify(name, 4)}-${slugify(found.choice, 4, name)}`,
    comments: [
      `# Formulaire « ${name} »${found.choice === null ? '' : `, choix « ${found.choice} »`} (pages propres au site, platform: steps).`,
      `# Page d'arrivée maintenant : « ${found.landing} »`,
      ...(found.noSlot === null
        ? [
            `# ${TO_COMPLETE} : recopiez dans texts.noSlot la phrase exacte qui dit qu'il n'y a aucun rendez-vous (le fichier`,
            `# est refusé tant qu'il reste ${TO_COMPLETE}), et dans slots et error celles des autres cas ;`,
          ]
        : [
            "# texts.noSlot cite la phrase de la page d'arrivée (ou de sa boîte de dialogue) qui semble dire qu'il n'y a aucun",
            '# rendez-vous : à confirmer (est-ce bien la page sans créneau ? la phrase change-t-elle, avec une date ?) ; ajoutez',
            '# dans slots et error celles des autres cas ;',
          ]),
      ...(found.dialog === undefined ? [] : [`# Boîte de dialogue maintenant : « ${found.dialog} »`]),
      '# vérifiez les étapes (une ligne par clic), puis essayez avec --dry-run.',
    ],
    fields,
    blocks: [
      '    steps:',
      ...found.steps.map((step) => {
        const [kind, value] = Object.entries(step)[0] as [string, string];
        return `      - ${kind}: ${scalar(value)}`;
      }),
      '    texts:',
      found.noSlot === null
        ? `      noSlot: ${oneItem(TO_COMPLETE)}`
        : `      noSlot: ${oneItem(found.noSlot)} # à confirmer : lu sur la page le ${date}`,
    ],
  };
}

function motifsOf(found: Found, date: string, titles: Set<string>): MotifText[] {
  if (found.platform === 'steps') return [stepsMotif(found, date)];
  const name = nameOf(found);
  if (found.platform === 'rdv-prefecture') {
    const captcha =
      found.now.outcome === 'captcha'
        ? [
            '# Un captcha précède la page des créneaux : capture seulement en mode assisté (npm run capture -- --assist).',
          ]
        : [];
    return [
      {
        slug: slugify(name, 6),
        comments: [
          `# Démarche RDV Préfecture « ${name} ».`,
          ...linkNotes(found, titles),
          nowLine(found.now),
          ...captcha,
        ],
        fields: [
          ['label', name],
          ['platform', 'rdv-prefecture'],
          ['url', found.url],
          ['note', `démarche découverte le ${date}`],
        ],
      },
    ];
  }
  const header = `# Formulaire ${found.formId} « ${name} »`;
  if (found.guichets.length === 0) {
    return [
      {
        slug: slugify(name, 6),
        comments: [
          `${header}, sans choix de guichet.`,
          ...linkNotes(found, titles),
          ...(found.now ? [nowLine(found.now)] : []),
        ],
        fields: [
          ['label', name],
          ['platform', 'legacy-booking'],
          ['url', found.url],
          ['note', `formulaire ${found.formId}, découvert le ${date}`],
        ],
      },
    ];
  }
  return found.guichets.map((guichet) => ({
    slug: `${slugify(name, 4)}-${slugify(guichet.label, 4, name)}`,
    comments: [
      `${header}, guichet « ${guichet.label} » (radio planning${guichet.planning}).`,
      ...linkNotes(found, titles),
      nowLine(guichet.now),
    ],
    fields: [
      // « Remise d'un titre de séjour - GUICHET 4 B » already says the form's name
      ['label', fold(guichet.label).includes(fold(name)) ? guichet.label : `${name} — ${guichet.label}`],
      ['platform', 'legacy-booking'],
      ['url', found.url],
      ['planning', guichet.label],
      ['note', `formulaire ${found.formId}, radio planning${guichet.planning}, découvert le ${date}`],
    ],
  }));
}

/**
 * `date`: when discovery ran, as people read it (« 27/11/2026 à 06:40 »), and `day` the same day as AAAA-MM-JJ (the
 * motifs' `seen`: the page explored is their `source`); `id`: the préfecture's, also the file's name.
 */
export function targetYaml(discovery: Discovery, when: { date: string; day: string }, id: string): string {
  const { date, day } = when;
  const name = discovery.siteName ?? 'Préfecture (nom à compléter)';
  const taken = new Set<string>();
  const lines = [
    SCHEMA_COMMENT,
    `# Proposé par « npm run discover » le ${date} depuis ${discovery.source}`,
    `# Ce fichier est scraper/targets/${id}.yaml : son nom est son id (changer l'un, c'est changer l'autre).`,
    `# Relisez les lignes « À vérifier » et « à confirmer » ; le fichier est refusé tant qu'il reste ${TO_COMPLETE}.`,
    `# Puis essayez-le : npm run capture -- --target scraper/targets/${id}.yaml --dry-run`,
    '# Les id des motifs viennent des libellés : raccourcissez-les si vous voulez (ils nomment les dossiers et les pages du site).',
    `id: ${id} # égal au nom du fichier ; en minuscules, chiffres et tirets`,
    `name: ${scalar(name)} # ${discovery.siteName ? 'À vérifier : lu dans le titre des pages' : 'le nom de la préfecture, affiché sur les captures'}`,
    'motifs:',
  ];
  const titles = new Set(discovery.found.flatMap((f) => (f.title === null ? [] : [fold(f.title)])));
  for (const found of discovery.found) {
    for (const motif of motifsOf(found, date, titles)) {
      lines.push('', ...motif.comments.map((c) => `  ${c}`), `  - id: ${uniqueSlug(motif.slug, taken)}`);
      const fields: [string, string][] = [...motif.fields, ['source', discovery.source], ['seen', day]];
      lines.push(...fields.map(([key, value]) => `    ${key}: ${scalar(value)}`), ...(motif.blocks ?? []));
    }
  }
  return `${lines.join('\n')}\n`;
}
