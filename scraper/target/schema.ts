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
  id: slug,
  /** Exact name of the procedure, as shown on exhibits and in dossiers. */
  label: z.string().trim().min(1),
  /** Free text for maintainers (what is unverified, where the id comes from). */
  note: z.string().optional(),
};

/** How a person reaches the booking form: its URL, or an index page and the exact text of the link to click. */
const entry = {
  url: httpUrl.optional(),
  index: httpUrl.optional(),
  link: z.string().min(1).optional(),
  /** When several links on the index page carry the same text (Bobigny / Le Raincy), which one: 1 for the first. */
  linkIndex: z.number().int().min(1).default(1),
};

/** The eZ Publish `/booking/create/<id>/<step>` module of the préfecture sites and of pprdv (reference §1). */
const legacyBookingMotif = z.strictObject({
  ...motifBase,
  ...entry,
  platform: z.literal('legacy-booking'),
  /** Label of the guichet radio to choose at step 1, when the form has several. */
  planning: z.string().trim().min(1).optional(),
});

/** The national RDV Préfecture platform (reference §3): a CaptchEtat captcha stands before the slot page. */
const rdvPrefectureMotif = z.strictObject({
  ...motifBase,
  ...entry,
  platform: z.literal('rdv-prefecture'),
});

export const motifSchema = z.discriminatedUnion('platform', [legacyBookingMotif, rdvPrefectureMotif], {
  error: 'platform doit valoir legacy-booking ou rdv-prefecture',
});

export const PLATFORMS = ['legacy-booking', 'rdv-prefecture'] as const;

export const settingsSchema = z.strictObject({
  /** How long one page may take to answer, in ms. Real runs took over 20 minutes in all (reference §1.8). */
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
  id: slug,
  /** Name shown on exhibits and on the site. */
  name: z.string().trim().min(1),
  settings: settingsSchema.default(settingsSchema.parse({})),
  motifs: z.array(motifSchema).min(1, 'au moins un motif'),
});

export type Target = z.infer<typeof targetSchema>;
export type Motif = z.infer<typeof motifSchema>;
export type Platform = Motif['platform'];
export type Settings = z.infer<typeof settingsSchema>;
