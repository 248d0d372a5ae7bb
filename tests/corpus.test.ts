// The page corpus: every real page known (reference §8 « Real pages seen ») and every replica variant, read through
// real Chromium by the capture's own snapshot and classification, with the outcome, the rule and the facts expected.
// A real page someone reports (« Signaler une capture cassée ») is one fixture in tests/fixtures/pages/ and one row.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import { attempt } from '../scraper/navigate/attempt.ts';
import { launchBrowser, siteUrl } from '../scraper/navigate/browser.ts';
import { SETTLE_MAX_MS } from '../scraper/navigate/settle.ts';
import { snapshot } from '../scraper/navigate/snapshot.ts';
import { classify, type Classification } from '../scraper/outcome/classify.ts';
import type { PageFacts } from '../scraper/outcome/facts.ts';
import type { Outcome } from '../scraper/outcome/outcomes.ts';
import { RULE_NAMES, type RuleName } from '../scraper/outcome/rules.ts';
import { startReplica, type Behaviour, type Replica } from '../scraper/replica/server.ts';
import type { Motif } from '../scraper/target/schema.ts';
import { ROOT } from './helpers.ts';
import { serveFolder } from './static-server.ts';

interface Expected {
  outcome: Outcome;
  rule: RuleName;
  facts?: PageFacts;
  /** A piece of the quoted deciding text: page text, word for word. */
  quote?: RegExp;
  /** A piece of the tool's account, when nothing of the page decided (an image, a count). */
  description?: RegExp;
  /** Rules that must all be listed among the signals (contradictions). */
  signals?: RuleName[];
}

const LAST_PUBLICATION = { at: '2026-05-04T11:58:00+02:00', week: '2026-05-18' };

/** Saved or rebuilt real pages, opened as they are (status 200). */
const PAGES: [fixture: string, expected: Expected][] = [
  [
    'legacy-val-doise-no-slot.html',
    {
      outcome: 'no-slot',
      rule: 'legacy-no-slot',
      quote: /^Il n'existe plus de plage horaire libre pour votre demande de rendez-vous\.$/,
    },
  ],
  ['legacy-val-doise-no-slot-loading.html', { outcome: 'no-slot', rule: 'legacy-no-slot' }],
  [
    'legacy-conditions-no-calendar.html',
    {
      outcome: 'no-slot',
      rule: 'legacy-no-calendar',
      quote: /^Il n'y a pas calendrier disponible pour effectuer une demande de rendez-vous$/,
    },
  ],
  [
    'legacy-service-surcharge.html',
    {
      outcome: 'site-error',
      rule: 'overloaded',
      quote: /^Le service que vous avez demandé est actuellement surchargé et\/ou il n'y plus de créneaux/,
    },
  ],
  ['legacy-haproxy-503.html', { outcome: 'site-error', rule: 'gateway-error', quote: /^503 Service Unavailable$/ }],
  ['legacy-request-forbidden.html', { outcome: 'blocked', rule: 'firewall-page' }],
  ['legacy-invalid-response.html', { outcome: 'site-error', rule: 'error-text' }],
  ['legacy-description.html', { outcome: 'slot-available', rule: 'legacy-slot-step' }],
  ['legacy-calendar.html', { outcome: 'slot-available', rule: 'legacy-free-cells' }],
  [
    'legacy-progress-only.html',
    { outcome: 'slot-available', rule: 'legacy-progress-image', description: /étape 4 \(image etape_4r\.png\)/ },
  ],
  [
    'rdv-creneau-last-week.html',
    { outcome: 'no-slot', rule: 'rdv-no-slot-from-date', facts: { lastPublication: LAST_PUBLICATION } },
  ],
  [
    'rdv-creneau-next-availability.html',
    {
      outcome: 'slot-available',
      rule: 'rdv-next-availability',
      facts: { nextAvailability: '2027-01-12' },
      quote: /^Prochaine disponibilité le 12\/01\/2027$/,
    },
  ],
  [
    'rdv-creneau-empty-week.html',
    {
      outcome: 'no-slot',
      rule: 'rdv-empty-week',
      facts: { nextPublication: { at: '2026-12-15T09:00:00+01:00', week: '2027-01-04' } },
    },
  ],
  [
    'rdv-creneau-calendar-hidden.html',
    {
      outcome: 'no-slot',
      rule: 'rdv-retry-later',
      facts: {
        nextPublication: { at: '2026-12-15T09:00:00+01:00', week: '2027-01-04' },
        lastPublication: LAST_PUBLICATION,
      },
    },
  ],
  [
    'rdv-creneau-slots.html',
    { outcome: 'slot-available', rule: 'rdv-slot-radios', facts: { nextAvailability: '2026-05-18' } },
  ],
  [
    'rdv-creneau-empty-day.html',
    { outcome: 'slot-available', rule: 'rdv-slot-radios', facts: { nextAvailability: '2026-05-18' } },
  ],
  [
    'rdv-creneau-state-only.html',
    { outcome: 'slot-available', rule: 'rdv-critere-date', facts: { nextAvailability: '2026-06-02' } },
  ],
  ['rdv-creneau-state-empty.html', { outcome: 'no-slot', rule: 'rdv-critere-empty' }],
  ['rdv-cgu-captcha.html', { outcome: 'captcha', rule: 'captcha' }],
  ['rdv-recaptcha-gate.html', { outcome: 'captcha', rule: 'captcha' }],
  [
    'rdv-contradiction-no-slot-and-radios.html',
    { outcome: 'unrecognized', rule: 'contradiction', signals: ['rdv-no-slot-from-date', 'rdv-slot-radios'] },
  ],
  [
    'rdv-contradiction-captcha-and-calendar.html',
    { outcome: 'unrecognized', rule: 'contradiction', signals: ['captcha', 'rdv-slot-radios'] },
  ],
  // Pages of no known platform, built on the words of the older « eAppointment » sites: read by their meaning.
  [
    'generic-hours-radios.html',
    { outcome: 'slot-available', rule: 'offered-hours', quote: /^A 09:45$/, description: /^3 heures proposées/ },
  ],
  ['generic-hours-empty.html', { outcome: 'unrecognized', rule: 'unknown-page' }],
  [
    'generic-hours-and-no-slot.html',
    { outcome: 'unrecognized', rule: 'contradiction', signals: ['offered-hours', 'legacy-no-slot'] },
  ],
  [
    'generic-datepicker.html',
    { outcome: 'slot-available', rule: 'selectable-days', description: /^3 jours à choisir dans un calendrier$/ },
  ],
  [
    'generic-text-cells.html',
    { outcome: 'slot-available', rule: 'free-cells-text', quote: /^libre$/, description: /^2 cases de tableau/ },
  ],
  [
    'generic-image-code.html',
    { outcome: 'captcha', rule: 'code-field-captcha', quote: /^Code de vérification \(\*\)$/ },
  ],
];

const RDV = 'https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/16040/';
const VAL_DOISE = 'https://www.val-doise.gouv.fr/booking/create/11343';
const PPRDV = 'https://pprdv.interieur.gouv.fr/booking/create/948';

/** Replica variants, walked by the capture's drivers: [motif url, guichet, behaviour key, behaviour, expected]. */
const VARIANTS: [url: string, planning: string | undefined, key: string, behaviour: Behaviour, expected: Expected][] = [
  [PPRDV, undefined, 'pprdv.interieur.gouv.fr/948', 'no-slot', { outcome: 'no-slot', rule: 'legacy-no-slot' }],
  [VAL_DOISE, undefined, 'www.val-doise.gouv.fr/11343', 'no-slot', { outcome: 'no-slot', rule: 'legacy-no-slot' }],
  [
    VAL_DOISE,
    undefined,
    'www.val-doise.gouv.fr/11343',
    'no-calendar',
    { outcome: 'no-slot', rule: 'legacy-no-calendar' },
  ],
  [
    VAL_DOISE,
    undefined,
    'www.val-doise.gouv.fr/11343',
    'slots',
    { outcome: 'slot-available', rule: 'legacy-free-cells' },
  ],
  [
    'https://www.val-doise.gouv.fr/booking/create/11404',
    'Remise de titre - Cergy',
    'www.val-doise.gouv.fr/11404',
    'no-slot',
    { outcome: 'no-slot', rule: 'legacy-no-slot' },
  ],
  [
    VAL_DOISE,
    undefined,
    'www.val-doise.gouv.fr/11343',
    'overloaded',
    { outcome: 'site-error', rule: 'overloaded', quote: /actuellement surchargé/ },
  ],
  [PPRDV, undefined, 'pprdv.interieur.gouv.fr/948', 'overloaded-503', { outcome: 'site-error', rule: 'overloaded' }],
  [PPRDV, undefined, 'pprdv.interieur.gouv.fr/948', 'haproxy', { outcome: 'site-error', rule: 'gateway-error' }],
  [PPRDV, undefined, 'pprdv.interieur.gouv.fr/948', 'forbidden', { outcome: 'blocked', rule: 'http-403' }],
  [PPRDV, undefined, 'pprdv.interieur.gouv.fr/948', 'unknown-page', { outcome: 'unrecognized', rule: 'unknown-page' }],
  [
    RDV,
    undefined,
    'www.rdv-prefecture.interieur.gouv.fr/16040',
    'no-slot',
    { outcome: 'no-slot', rule: 'rdv-no-slot-from-date', facts: { lastPublication: LAST_PUBLICATION } },
  ],
  [
    RDV,
    undefined,
    'www.rdv-prefecture.interieur.gouv.fr/16040',
    'next-availability',
    { outcome: 'slot-available', rule: 'rdv-next-availability', facts: { nextAvailability: '2027-01-12' } },
  ],
  [
    RDV,
    undefined,
    'www.rdv-prefecture.interieur.gouv.fr/16040',
    'empty-week',
    {
      outcome: 'no-slot',
      rule: 'rdv-empty-week',
      facts: { nextPublication: { at: '2026-05-11T12:00:00+02:00', week: '2026-05-25' } },
    },
  ],
  [
    RDV,
    undefined,
    'www.rdv-prefecture.interieur.gouv.fr/16040',
    'calendar-hidden',
    {
      outcome: 'no-slot',
      rule: 'rdv-retry-later',
      facts: {
        nextPublication: { at: '2026-05-11T12:00:00+02:00', week: '2026-05-25' },
        lastPublication: LAST_PUBLICATION,
      },
    },
  ],
  [
    RDV,
    undefined,
    'www.rdv-prefecture.interieur.gouv.fr/16040',
    'slots',
    { outcome: 'slot-available', rule: 'rdv-slot-radios', facts: { nextAvailability: '2026-05-18' } },
  ],
];

let browser: Browser;
let pages: Server;
let replica: Replica;
before(async () => {
  browser = await launchBrowser();
  pages = await serveFolder(join(ROOT, 'tests/fixtures/pages'));
  replica = await startReplica();
});
after(async () => {
  await browser.close();
  await new Promise((done) => pages.close(done));
  await replica.close();
});

function check(verdict: Classification, expected: Expected): void {
  const said = `${verdict.outcome} [${verdict.rule}] ${verdict.description} « ${verdict.quote ?? ''} »`;
  assert.equal(verdict.outcome, expected.outcome, said);
  assert.equal(verdict.rule, expected.rule, said);
  assert.deepEqual(verdict.facts, expected.facts ?? {}, said);
  if (expected.quote) assert.match(verdict.quote ?? '', expected.quote, said);
  if (expected.description) assert.match(verdict.description, expected.description, said);
  for (const rule of expected.signals ?? [])
    assert.ok(
      verdict.signals.some((s) => s.rule === rule),
      `${rule}: ${said}`,
    );
  assert.ok(verdict.signals.some((s) => s.rule === verdict.rule) || verdict.outcome === 'unrecognized', said);
}

/** The test plays the person of an assisted run: the bot never solves a captcha itself. */
async function person(page: Page): Promise<boolean> {
  await page.locator('#captchaFormulaireExtInput').fill('K7M2QX');
  await Promise.all([page.waitForURL(/creneau/), page.getByRole('button', { name: 'Suivant' }).click()]);
  return true;
}

describe('page corpus: real pages', () => {
  for (const [fixture, expected] of PAGES) {
    it(`${fixture} → ${expected.outcome} (${expected.rule})`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
      try {
        const page = await context.newPage();
        const response = await page.goto(`http://127.0.0.1:${(pages.address() as AddressInfo).port}/${fixture}`);
        check(classify(await snapshot(page, { status: response?.status() ?? null }, null, null)), expected);
      } finally {
        await context.close();
      }
    });
  }
});

describe('page corpus: replica variants walked by the drivers', () => {
  for (const [url, planning, key, behaviour, expected] of VARIANTS) {
    it(`${key} ${behaviour}${planning ? ` (${planning})` : ''} → ${expected.outcome} (${expected.rule})`, async () => {
      replica.reset();
      replica.setBehaviour(key, behaviour);
      const rdv = url.includes('/rdvpref/');
      const motif = (
        rdv
          ? { id: 'm', label: 'm', platform: 'rdv-prefecture', entry: { by: 'url', url } }
          : {
              id: 'm',
              label: 'm',
              platform: 'legacy-booking',
              entry: { by: 'url', url },
              ...(planning ? { planning } : {}),
            }
      ) as Motif;
      const result = await attempt(browser, motif, {
        timeoutMs: 30_000,
        deadline: Date.now() + 120_000,
        siteUrl: (real) => siteUrl(real, replica.origin),
        ...(rdv ? { solveCaptcha: person } : {}),
      });
      assert.equal(result.kind, 'captured', result.kind === 'not-captured' ? result.reason : '');
      if (result.kind === 'captured') check(result.verdict, expected);
    });
  }
});

/** A steps motif of a site of its own, served from the fixtures: open `page`, click `button`, and wait if told. */
function walkMotif(page: string, button: string, noSlot: string, waitFor?: string): Motif {
  return {
    id: 'm',
    label: 'm',
    platform: 'steps',
    entry: { by: 'url', url: `https://rdv.prefecture-exemple.fr/${page}` },
    steps: [{ click: button }, ...(waitFor ? [{ waitFor }] : [])],
    texts: { noSlot: [noSlot], slots: [], error: [] },
  };
}

async function walk(motif: Motif) {
  const origin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  const result = await attempt(browser, motif, {
    timeoutMs: 10_000,
    deadline: Date.now() + 60_000,
    siteUrl: (real) => real.replace('https://rdv.prefecture-exemple.fr', origin),
  });
  assert.equal(result.kind, 'captured', result.kind === 'not-captured' ? result.reason : '');
  return result as Extract<typeof result, { kind: 'captured' }>;
}

const ANSWER = 'Aucune disponibilité pour ce motif';
const EAPPOINTMENT_NO_SLOT =
  "Aucun rendez-vous n'est possible pour les motifs sélectionnés ou le créneau horaire sélectionné.";

describe('page corpus: walks that wait like a person', () => {
  it('keeps a no-slot answer given in an alert, judges it with the site’s texts, and stops waiting on it', async () => {
    const result = await walk(
      walkMotif(
        'walk-dialog-no-slot.html',
        'Rechercher un créneau',
        "Aucun rendez-vous n'est possible",
        'Résultat de la recherche',
      ),
    );
    check(result.verdict, {
      outcome: 'no-slot',
      rule: 'site-text-no-slot',
      quote: new RegExp(`^${EAPPOINTMENT_NO_SLOT.replace(/[.()]/g, '\\$&')}$`),
    });
    assert.match(result.verdict.description, /message affiché par le site, boîte d’alerte/);
    assert.deepEqual(
      result.snapshot.dialogs.map((d) => [d.type, d.message]),
      [['alert', EAPPOINTMENT_NO_SLOT]],
    );
    assert.ok(Date.parse(result.snapshot.dialogs[0]!.at) <= Date.parse(result.capturedAt));
    assert.doesNotMatch(result.snapshot.text, /Aucun rendez-vous/, 'the page itself never says it');
    // The wait for an answer ends on the dialog's words, long before the step's 10 s.
    assert.equal(result.snapshot.stopReason, null);
    assert.ok(result.steps.at(-1)!.durationMs < 5000, `the wait took ${result.steps.at(-1)!.durationMs} ms`);
  });

  it('captures the page a click leads to after a request and a delay, not the page before', async () => {
    const result = await walk(walkMotif('walk-delayed-navigation.html', 'Rechercher un créneau', ANSWER));
    check(result.verdict, {
      outcome: 'no-slot',
      rule: 'site-text-no-slot',
      quote: /^Aucune disponibilité pour ce motif\.$/,
    });
    assert.match(result.snapshot.url, /walk-result\.html$/);
    assert.match(result.steps.at(-1)!.url, /walk-result\.html$/, 'the step ends on the page the click led to');
  });

  it('reads hours a page draws after its own request', async () => {
    const result = await walk(walkMotif('walk-xhr-hours.html', 'Voir les horaires', ANSWER));
    check(result.verdict, { outcome: 'slot-available', rule: 'offered-hours', quote: /^A 09:45$/ });
  });

  it('settles between the polls of a page that asks its server for ever', async () => {
    const result = await walk(walkMotif('walk-polling.html', 'Rechercher un créneau', ANSWER));
    check(result.verdict, { outcome: 'no-slot', rule: 'site-text-no-slot' });
    const click = result.steps.at(-1)!;
    assert.ok(click.durationMs < SETTLE_MAX_MS, `the click step took ${click.durationMs} ms`);
  });
});

describe('the rule table', () => {
  it('lists every rule, by its stable name, in docs/resultats.md', async () => {
    const doc = await readFile(join(ROOT, 'docs/resultats.md'), 'utf8');
    for (const rule of RULE_NAMES) assert.match(doc, new RegExp(`\`${rule}\``), rule);
  });
});
