/**
 * What the final page of an attempt showed, as the navigation driver reads it (navigate/snapshot.ts): the
 * classifier's only input (classify.ts). Data only.
 */

export interface PageSnapshot {
  /** Final URL of the main frame. */
  url: string;
  /** HTTP status of the last main-frame document, null when none arrived (timeout, connection failure). */
  status: number | null;
  title: string;
  /** Texts of the visible h1, h2 and h3 elements, in page order (a hidden « Contacts » box is not read). */
  headings: string[];
  /** Visible text of the body, one line per block, white space folded within lines. */
  text: string;
  /** Selectors of captcha widgets found on the page (empty when none). */
  captcha: string[];
  /** Free cells of a legacy week calendar (`td.free`, `td.status-1`). */
  freeCells: number;
  /** Slot radios of RDV Préfecture (`trhId_…`). */
  slotRadios: number;
  /** File names of the legacy progress-bar images (`etape_3r.png`…), wherever the bar is. */
  progress: string[];
  /** `datePremiereDispo` of the embedded `"critere"` state: '' when no slot, null when the page has none. */
  firstSlotDate: string | null;
  /** Why navigation stopped early, when it did. */
  failure: NavigationFailure | null;
  /** Why the driver stopped on a page it knows but cannot go past (a guichet that is not offered…). */
  stopReason: string | null;
  /** What a person would call a choice, whatever the markup (navigate/choices.ts). */
  choices: PageChoices;
  /** The native dialogs the page opened during the attempt, in order: their words are read like the page's. */
  dialogs: PageDialog[];
}

/** Choices offered by the page, each by the words a person reads on it (at most 50 of each). */
export interface PageChoices {
  /** Hours offered: labels of radios, options of a list, buttons (« A 09:45 », « 14h30 »). */
  times: string[];
  /** Days that can be picked in a calendar or date picker (their text, a day number). */
  days: string[];
  /** Cells whose whole text says free (« libre », « disponible »), apart from the legacy calendar's. */
  freeTexts: string[];
  /** Labels of fields asking for a code shown by an image or a sound beside them (« Code de vérification (*) »). */
  codeFields: string[];
}

/** A native dialog (`alert`, `confirm`, `prompt`, `beforeunload`) and its words. */
export interface PageDialog {
  /** When it opened (ISO 8601, UTC). */
  at: string;
  type: 'alert' | 'confirm' | 'prompt' | 'beforeunload';
  message: string;
}

/** Why the walk stopped before its final page (navigate/attempt.ts decides the side, from the browser's error). */
export interface NavigationFailure {
  /** One line: what failed (a timeout, a page that hangs, a network error code) and after which step. */
  text: string;
  /**
   * `runner`: the site could not be reached at all (its name, a refused or reset connection, the proxy, TLS):
   * nothing says that the site failed. `site`: it was reached, or waited for, and did not give its page.
   */
  side: 'site' | 'runner';
}
