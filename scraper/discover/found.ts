/**
 * What discovery learns about a préfecture's booking pages, as plain data: the explorers (explore.ts)
 * fill it from the live site, the target-file writer (yaml.ts) reads it. Also which kind of address
 * the person gave.
 */
import type { Classification } from '../outcome/classify.ts';
import type { StepAction } from '../target/schema.ts';

export interface FoundGuichet {
  /** The radio's value, the planning id. */
  planning: string;
  label: string;
  /** What choosing this guichet leads to now. */
  now: Classification;
}

export interface FoundForm {
  platform: 'legacy-booking';
  /** Real URL of the form. */
  url: string;
  /** Number in `/booking/create/<id>`. */
  formId: string;
  /** Text of the index page's link that leads here, when found through one. */
  linkText?: string;
  /** The form's name (its h1), null when no page of it could be read. */
  title: string | null;
  /** `<title>` of its first page, which on the préfecture sites ends with the site's name. */
  pageTitle: string | null;
  /** Guichet radios of step 1; empty when the form has one guichet and skips the choice. */
  guichets: FoundGuichet[];
  /** What the form leads to now, when it has no guichet to choose. */
  now: Classification | null;
}

export interface FoundDemarche {
  platform: 'rdv-prefecture';
  url: string;
  linkText?: string;
  title: string | null;
  /** What the walk met: a captcha, normally, before the slot page. */
  now: Classification;
}

/** A search form of a site of its own, as a `steps` motif still to complete with its texts. */
export interface FoundSteps {
  platform: 'steps';
  /** Real URL of the form page; the motif's entry when there is no index page (a page of motives). */
  url: string;
  /** The index page and its link that lead to the form, when the form was found through one. */
  index?: string;
  /** Text of the index page's link that leads to the form. */
  linkText?: string;
  linkIndex?: number;
  title: string | null;
  /** The radio chosen, or the motive checkbox ticked, when the form has a choice. */
  choice: string | null;
  steps: StepAction[];
  /** The start of the text of the page the steps lead to now. */
  landing: string;
  /** The sentence of that page that reads like « no slot », as written there; null when none does. */
  noSlot: string | null;
  /** What the site said in a dialog box on the way, if it did. */
  dialog?: string;
}

export type Found = FoundForm | FoundDemarche | FoundSteps;

/**
 * What a proposal leaves for a person to write (the name, the texts of a site of its own): it parses, and the
 * loader refuses the file, with the line, until it is replaced.
 */
export const TO_COMPLETE = 'À COMPLÉTER';

export interface Discovery {
  /** The address given to discover. */
  source: string;
  /** Title of the préfecture's pages, when they say it. */
  siteName: string | null;
  found: Found[];
}

const LEGACY_FORM = /\/booking\/create\/(\d+)/;
const RDV_DEMARCHE = /\/rdvpref\/reservation\/demarche\/(\d+)/;

export type SourceKind = 'legacy-form' | 'rdv-demarche' | 'index';

export function sourceKind(url: string): SourceKind {
  const { pathname } = new URL(url);
  if (LEGACY_FORM.test(pathname)) return 'legacy-form';
  if (RDV_DEMARCHE.test(pathname)) return 'rdv-demarche';
  return 'index';
}

/** `https://…/booking/create/9829/0` → `9829`. */
export function formIdOf(url: string): string {
  return LEGACY_FORM.exec(new URL(url).pathname)?.[1] ?? '';
}
