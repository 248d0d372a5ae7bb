/**
 * Target files (`scraper/targets/<id>.yaml`): the one definition of their shape.
 * Types are derived from it; cross-field checks live in rules.ts; reading files in load.ts.
 */
import { z } from 'zod';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'un identifiant en minuscules, chiffres et tirets (ex. aes-vpf-charcot)');

const httpUrl = z.url({ protocol: /^https?$/, error: 'une adresse complète commençant par https://' });

const motifBase = {
  /** Slug, unique in the file; also the archive folder and the site URL. */
  id: slug.meta({
    description:
      'Identifiant du motif, unique dans le fichier : minuscules, chiffres et tirets (nom de dossier et adresse sur le site)',
  }),
  /** Exact name of the procedure, as shown on exhibits and in dossiers. */
  label: z
    .string()
    .trim()
    .min(1)
    .meta({ description: 'Nom exact de la démarche, tel qu’il paraîtra sur les pièces et les dossiers' }),
  /**
   * Where the motif's address was found: a repository and its file, or a page's address. Every file of the
   * catalogue (scraper/targets/) gives it; a test holds them to it.
   */
  source: z.string().trim().min(1).optional().meta({
    description:
      'D’où vient l’adresse de ce motif : dépôt et fichier d’un robot public, ou adresse d’une page (obligatoire dans le catalogue)',
  }),
  /** When that source last showed the address: the date of the code or of the page, as precisely as known (a year alone when only that is known). */
  seen: z
    .string()
    .regex(
      /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
      'une date AAAA-MM-JJ, AAAA-MM ou AAAA, celle de la source (ex. 2025-11-04, 2025-11 ou 2025)',
    )
    .optional()
    .meta({
      description:
        'Quand la source a montré cette adresse pour la dernière fois : AAAA-MM-JJ, AAAA-MM ou AAAA, aussi précis que connu (obligatoire dans le catalogue)',
    }),
  /**
   * Whether a run on the real site has confirmed that the address leads to this procedure's page; until then the
   * site says « non vérifié » beside the motif.
   */
  // Optional rather than defaulted, so that motifs made in code (discovery, witness) need not say it: absent is false.
  verified: z.boolean().optional().meta({
    description:
      'true quand une capture sur le vrai site a montré que l’adresse mène bien à cette démarche ; absent ou false : le site affiche « non vérifié »',
  }),
  /** Free text for maintainers (what is unverified, where the id comes from). */
  note: z
    .string()
    .optional()
    .meta({ description: 'Note libre pour les mainteneurs : ce qui est vérifié ou non, d’où vient l’adresse' }),
};

/** How a person reaches the booking form: its URL, or an index page and the exact text of the link to click. */
const entry = {
  url: httpUrl.optional().meta({ description: 'Adresse de la page de prise de rendez-vous (ou bien index et link)' }),
  index: httpUrl.optional().meta({ description: 'Adresse de la page qui liste les démarches (avec link)' }),
  link: z.string().min(1).optional().meta({ description: 'Texte exact du lien à cliquer sur la page index' }),
  /** When several links on the index page carry the same text (Bobigny / Le Raincy), which one: 1 for the first. */
  linkIndex: z
    .number()
    .int()
    .min(1)
    .default(1)
    .meta({ description: 'Quand plusieurs liens portent ce texte : lequel (1 pour le premier)' }),
};

/** The eZ Publish `/booking/create/<id>/<step>` module of the préfecture sites and of pprdv (docs/sites/legacy.md). */
const legacyBookingMotif = z.strictObject({
  ...motifBase,
  ...entry,
  platform: z.literal('legacy-booking'),
  /** Label of the guichet radio to choose at step 1, when the form has several. */
  planning: z
    .string()
    .trim()
    .min(1)
    .optional()
    .meta({ description: 'Libellé exact du guichet à choisir, quand le formulaire en propose plusieurs' }),
});

/**
 * The national RDV Préfecture platform (docs/sites/rdv-prefecture.md): a CaptchEtat captcha stands before the slot
 * page.
 */
const rdvPrefectureMotif = z.strictObject({
  ...motifBase,
  ...entry,
  platform: z.literal('rdv-prefecture'),
});

/** A visible text to find on the page, compared the way a reader does (case, spacing and apostrophes aside). */
const pageText = z.string().trim().min(1);

/**
 * One action of a `steps` motif, done like a person would. A union of one-key objects, so that an editor
 * offers each action and a step holding two actions (or a misspelt one) is refused.
 */
export const stepActionSchema = z.union(
  [
    z.strictObject({ open: httpUrl }).meta({ description: 'Ouvrir cette adresse' }),
    z
      .strictObject({ click: pageText })
      .meta({ description: 'Cliquer sur le lien ou le bouton qui porte exactement ce texte' }),
    z.strictObject({ check: pageText }).meta({ description: 'Cocher la case qui porte ce libellé' }),
    z.strictObject({ choose: pageText }).meta({ description: 'Choisir le bouton radio qui porte ce libellé' }),
    z
      .strictObject({ waitFor: pageText })
      .meta({ description: 'Attendre que ce texte apparaisse (page qui se remplit après coup)' }),
  ],
  {
    error:
      "une étape est une seule action parmi open (adresse), click (texte d'un lien ou d'un bouton), check (case à cocher), " +
      'choose (bouton radio) ou waitFor (texte attendu), ex. « - click: Rechercher un créneau »',
  },
);

/** The texts of a site's own pages that decide the outcome; they replace the texts known for the two platforms. */
const outcomeTexts = z.strictObject({
  /** Texts of the page that says there is no slot, e.g. « Aucun rendez-vous n'est disponible ». */
  noSlot: z.array(pageText).min(1, 'au moins un texte de la page « aucun créneau »'),
  /** Texts shown only when slots are offered. */
  slots: z.array(pageText).default([]),
  /** Texts of the site's own error pages (overload, maintenance…). */
  error: z.array(pageText).default([]),
});

/** Any other site: the entry (url, or index and link), then an ordered list of actions, and the texts that decide. */
const stepsMotif = z.strictObject({
  ...motifBase,
  ...entry,
  platform: z.literal('steps'),
  steps: z
    .array(stepActionSchema)
    .min(1, 'au moins une étape, ex. « - click: Rechercher un créneau »')
    .meta({ description: 'Ce que fait une personne après avoir ouvert la page, dans l’ordre' }),
  texts: outcomeTexts.meta({
    description: 'Les textes de ce site qui disent l’issue : noSlot (aucun créneau), slots (créneaux), error (erreur)',
  }),
});

/** How a motif is reached, once its file is read: by its URL, or by an index page and the text of a link on it. */
export const entrySchema = z.discriminatedUnion('by', [
  z.strictObject({ by: z.literal('url'), url: httpUrl }),
  z.strictObject({
    by: z.literal('link'),
    index: httpUrl,
    link: z.string().min(1),
    linkIndex: z.number().int().min(1),
  }),
]);
export type Entry = z.infer<typeof entrySchema>;

type EntryFields = 'url' | 'index' | 'link' | 'linkIndex';
type FileMotif = z.output<typeof fileMotifSchema>;
/** A motif as the code uses it: the file's entry fields gathered into `entry`, one way or the other. */
type Reached<M> = M extends unknown ? Omit<M, EntryFields> & { entry: Entry } : never;

const fileMotifSchema = z.discriminatedUnion('platform', [legacyBookingMotif, rdvPrefectureMotif, stepsMotif], {
  error: 'platform doit valoir legacy-booking, rdv-prefecture ou steps',
});

/** The entry of a motif from its file's fields, or the problem to report (path inside the motif, message). */
function entryOf(m: Pick<FileMotif, EntryFields>): Entry | { path: 'url' | 'index' | 'link' | ''; message: string } {
  const byLink = m.index !== undefined || m.link !== undefined;
  if (m.url !== undefined && byLink) return { path: '', message: 'donnez soit url, soit index et link, pas les deux' };
  if (m.url !== undefined) return { by: 'url', url: m.url };
  if (!byLink)
    return {
      path: 'url',
      message:
        "manquant. Donnez l'adresse de la page de réservation (ex. https://pprdv.interieur.gouv.fr/booking/create/948), ou index et link",
    };
  if (m.index === undefined || m.link === undefined)
    return {
      path: m.index === undefined ? 'index' : 'link',
      message: 'manquant. index (la page qui liste les démarches) et link (le texte exact du lien) vont ensemble',
    };
  return { by: 'link', index: m.index, link: m.link, linkIndex: m.linkIndex };
}

export const motifSchema = fileMotifSchema.transform((motif, ctx): Reached<FileMotif> => {
  const { url, index, link, linkIndex, ...rest } = motif;
  const entry = entryOf({ url, index, link, linkIndex });
  if ('message' in entry) {
    ctx.issues.push({ code: 'custom', message: entry.message, input: motif, path: entry.path ? [entry.path] : [] });
    return z.NEVER;
  }
  return { ...rest, entry } as Reached<FileMotif>;
});

/** The address a motif starts from: its form, or the index page that links to it. */
export function startUrl(entry: Entry): string {
  return entry.by === 'url' ? entry.url : entry.index;
}

export const settingsSchema = z.strictObject({
  /**
   * How long one page may take to answer, in ms. Real runs took over 20 minutes in all (docs/sites/legacy.md
   * « Erreurs »).
   */
  stepTimeoutMs: z.number().int().positive().default(120_000),
  /** Hard limit for one motif, retries included, in ms, so one dead site cannot stall the run. */
  motifBudgetMs: z.number().int().positive().default(600_000),
  /** How many more tries after a site-error (502, overload, timeout…). */
  retries: z.number().int().min(0).max(5).default(2),
  /** First wait before a retry, in ms; doubled at each retry. */
  retryDelayMs: z.number().int().min(0).default(30_000),
  /** Captures per motif and per day, for the scheduler. */
  capturesPerDay: z.number().int().min(1).max(24).default(4),
  /** Paris-time hours inside which captures are planned, [first, last) in hours. */
  hours: z.tuple([z.number().int().min(0).max(23), z.number().int().min(1).max(24)]).default([7, 21]),
});

export const targetSchema = z.strictObject({
  /** Slug of the préfecture, also the archive folder. Must equal the file name. */
  id: slug.meta({ description: 'Identifiant de la préfecture, égal au nom du fichier sans .yaml' }),
  /** Name shown on exhibits and on the site. */
  name: z.string().trim().min(1).meta({ description: 'Nom de la préfecture, affiché sur les pièces et le site' }),
  settings: settingsSchema.default(settingsSchema.parse({})),
  motifs: z.array(motifSchema).min(1, 'au moins un motif'),
});

export type Target = z.infer<typeof targetSchema>;
export type Motif = z.infer<typeof motifSchema>;
export type Platform = Motif['platform'];
export type Settings = z.infer<typeof settingsSchema>;
export type StepAction = z.infer<typeof stepActionSchema>;
export type OutcomeTexts = z.infer<typeof outcomeTexts>;
export type StepsMotif = Extract<Motif, { platform: 'steps' }>;

/** The texts that decide the outcome of this motif's final page, when its site has its own (`steps`). */
export function outcomeTextsOf(motif: Motif): OutcomeTexts | undefined {
  return motif.platform === 'steps' ? motif.texts : undefined;
}
