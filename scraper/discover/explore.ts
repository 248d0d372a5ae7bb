/**
 * Discovery's walks on the live site, one request chain at a time, with the capture's own machinery
 * (attempt, drivers, classification): a booking form is walked once to read its name and guichets, then
 * once per guichet to see what it leads to now — up to the page a capture would take, never further, so
 * never past the calendar and never booking. An RDV Préfecture démarche is walked up to its captcha.
 */
import type { Browser, Page } from 'playwright';
import { attempt, type AttemptOptions } from '../navigate/attempt.ts';
import { siteUrl } from '../navigate/browser.ts';
import { BOOKING_LINKS } from '../navigate/entry.ts';
import { guichetChoices, type Guichet } from '../navigate/legacy-booking.ts';
import { snapshot } from '../navigate/snapshot.ts';
import { decidingLine } from '../evidence/quote.ts';
import { classify, fold, type Classification } from '../outcome/classify.ts';
import { startUrl, type Motif } from '../target/schema.ts';
import { formIdOf, type FoundDemarche, type FoundForm } from './found.ts';
import { plural } from '../evidence/french.ts';

export interface ExploreOptions {
  /** Origin of the local replica; the real sites when absent. */
  replica?: string;
  /** Longest wait for one page, in ms. */
  timeoutMs: number;
  /** Progress, for the person who runs discover (stderr). */
  log: (line: string) => void;
}

/** What the pages of one walk said about themselves. */
interface Seen {
  /** First heading of the first page that is not an error page: the form's or démarche's name. */
  title: string | null;
  /** `<title>` of that page, which on the préfecture sites ends with the site's name. */
  pageTitle: string | null;
  /** Guichet radios on the page of the last step. */
  guichets: Guichet[];
}

function reader(seen: Seen): NonNullable<AttemptOptions['onStep']> {
  return async (step, page: Page) => {
    seen.guichets = await guichetChoices(page).catch(() => []);
    if (seen.title !== null) return;
    const looked = await snapshot(page, { status: step.status }, null, null);
    const { outcome } = classify(looked);
    if (outcome === 'site-error' || outcome === 'blocked') return;
    // The text as written, not as styled: the legacy sites show their h1 in capitals (text-transform).
    const h1 = await page.evaluate(() => (document.querySelector('h1')?.textContent ?? '').replace(/\s+/g, ' ').trim());
    if (h1 === '') return;
    // On some real sites the <h1> is the site's banner, also the end of the page title (docs/sites/legacy.md
    // « Étape 2 : aucun créneau »): the form's name is then the start of that title.
    const site = siteNameOf(looked.title);
    seen.title = site !== null && fold(site) === fold(h1) ? looked.title.split(/ [-—|] /)[0]!.trim() : h1;
    seen.pageTitle = looked.title;
  };
}

async function walk(browser: Browser, motif: Motif, options: ExploreOptions, seen?: Seen) {
  const result = await attempt(browser, motif, {
    timeoutMs: options.timeoutMs,
    // A walk has about ten pages at most: the same bound as a capture's budget for it.
    deadline: Date.now() + 10 * options.timeoutMs,
    siteUrl: (url) => siteUrl(url, options.replica),
    ...(seen ? { onStep: reader(seen) } : {}),
  });
  if (result.kind === 'not-captured') throw new Error(`${startUrl(motif.entry)} : ${result.reason}`);
  return result.verdict;
}

const motifFor = (platform: 'legacy-booking' | 'rdv-prefecture', url: string, planning?: string): Motif =>
  platform === 'legacy-booking'
    ? { id: 'discover', label: 'discover', platform, entry: { by: 'url', url }, ...(planning ? { planning } : {}) }
    : { id: 'discover', label: 'discover', platform, entry: { by: 'url', url } };

const said = (now: Classification) => `${now.outcome} (${decidingLine(now)})`;

/** The site's name from a page `<title>` like « Retrait d'un titre de séjour - Préfecture de Police ». */
export function siteNameOf(pageTitle: string | null): string | null {
  const parts = (pageTitle ?? '').split(/ [-—|] /);
  return parts.length > 1 ? (parts.at(-1)?.trim() ?? null) : null;
}

export async function exploreForm(
  browser: Browser,
  url: string,
  options: ExploreOptions,
  linkText?: string,
): Promise<FoundForm> {
  const formId = formIdOf(url);
  const seen: Seen = { title: null, pageTitle: null, guichets: [] };
  const probe = await walk(browser, motifFor('legacy-booking', url), options, seen);
  const base = {
    platform: 'legacy-booking' as const,
    url,
    formId,
    title: seen.title,
    pageTitle: seen.pageTitle,
    ...(linkText ? { linkText } : {}),
  };
  if (seen.guichets.length === 0) {
    options.log(`Formulaire ${formId} « ${seen.title ?? '?'} » : sans choix de guichet → ${said(probe)}`);
    return { ...base, guichets: [], now: probe };
  }
  options.log(`Formulaire ${formId} « ${seen.title ?? '?'} » : ${seen.guichets.length} guichets`);
  const guichets = [];
  for (const guichet of seen.guichets) {
    const now = await walk(browser, motifFor('legacy-booking', url, guichet.label), options);
    options.log(`  guichet « ${guichet.label} » (planning${guichet.planning}) → ${said(now)}`);
    guichets.push({ ...guichet, now });
  }
  return { ...base, guichets, now: null };
}

export async function exploreDemarche(
  browser: Browser,
  url: string,
  options: ExploreOptions,
  linkText?: string,
): Promise<FoundDemarche> {
  const seen: Seen = { title: null, pageTitle: null, guichets: [] };
  const now = await walk(browser, motifFor('rdv-prefecture', url), options, seen);
  options.log(`Démarche RDV Préfecture « ${seen.title ?? '?'} » → ${said(now)}`);
  return { platform: 'rdv-prefecture', url, title: seen.title, now, ...(linkText ? { linkText } : {}) };
}

/** The booking links of a préfecture page, with their real addresses, each address once, in page order. */
export async function readIndex(
  browser: Browser,
  url: string,
  options: ExploreOptions,
): Promise<{ pageTitle: string; links: { text: string; url: string }[] }> {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(options.timeoutMs);
    const response = await page.goto(siteUrl(url, options.replica), {
      waitUntil: 'domcontentloaded',
      timeout: options.timeoutMs,
    });
    const status = response?.status() ?? null;
    if (status !== null && status >= 400) throw new Error(`la page ${url} répond ${status} : réessayez plus tard`);
    const raw = await page.$$eval(BOOKING_LINKS, (links) =>
      links.map((a) => ({
        text: ((a as HTMLElement).innerText || a.textContent || '').replace(/\s+/g, ' ').trim(),
        href: a.getAttribute('href') ?? '',
      })),
    );
    const links = new Map<string, string>();
    for (const { text, href } of raw) {
      const real = new URL(href, url).href;
      if (!links.has(real)) links.set(real, text);
    }
    options.log(`Page ${url} : ${plural(links.size, 'lien', 'liens')} de prise de rendez-vous`);
    return { pageTitle: await page.title(), links: [...links].map(([real, text]) => ({ text, url: real })) };
  } finally {
    await context.close().catch(() => undefined);
  }
}
