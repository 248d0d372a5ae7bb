import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errors } from 'playwright';
import { navigationFailure } from '../scraper/navigate/failure.ts';
import { NO_CHOICES } from '../scraper/navigate/choices.ts';
import { NOTHING } from '../scraper/navigate/snapshot.ts';
import { classify } from '../scraper/outcome/classify.ts';
import type { PageSnapshot } from '../scraper/outcome/page.ts';

const page = (over: Partial<PageSnapshot>): PageSnapshot => ({
  url: 'https://pprdv.interieur.gouv.fr/booking/create/948/2',
  status: 200,
  ...NOTHING,
  title: 'Prise de rendez-vous',
  failure: null,
  stopReason: null,
  choices: NO_CHOICES,
  dialogs: [],
  ...over,
});

const NO_SLOT =
  "Il n'existe plus de plage horaire libre pour votre demande de rendez-vous. Veuillez recommencer ultérieurement.";

describe('classify', () => {
  it('classifies « Vérification de disponibilité » with the legacy message as no-slot', () => {
    const result = classify(page({ headings: ['Vérification de disponibilité'], text: NO_SLOT }));
    assert.equal(result.outcome, 'no-slot');
    assert.equal(result.quote, NO_SLOT.slice(0, NO_SLOT.indexOf('.') + 1), 'the sentence, as written');
    assert.equal(result.description, 'message d’absence de plage horaire libre');
  });

  it('reads typographic apostrophes as plain ones', () => {
    assert.equal(classify(page({ text: NO_SLOT.replace("n'existe", 'n’existe') })).outcome, 'no-slot');
  });

  it('classifies the RDV Préfecture « Aucun créneau disponible » page as no-slot', () => {
    assert.equal(
      classify(page({ text: 'Choisissez votre créneau Aucun créneau disponible à partir de cette date.' })).outcome,
      'no-slot',
    );
  });

  it('classifies free calendar cells as slot-available', () => {
    const result = classify(page({ headings: ["Choix d'une plage horaire"], freeCells: 3 }));
    assert.equal(result.outcome, 'slot-available');
    assert.equal(result.rule, 'legacy-free-cells');
    // A count is the tool's account, never a quotation of the page.
    assert.deepEqual([result.description, result.quote], ['3 plages libres dans le calendrier', undefined]);
    assert.equal(classify(page({ freeCells: 1 })).description, '1 plage libre dans le calendrier');
  });

  it('classifies the description step, shown only when slots exist, as slot-available', () => {
    assert.equal(classify(page({ headings: ['Description de la nature du rendez-vous'] })).outcome, 'slot-available');
  });

  it('records site-error, not no-slot, when the préfecture answers 502 even if old text remains', () => {
    const result = classify(page({ status: 502, headings: ['502 Bad Gateway'], text: `502 Bad Gateway ${NO_SLOT}` }));
    assert.deepEqual([result.outcome, result.rule, result.quote], ['site-error', 'gateway-error', '502 Bad Gateway']);
  });

  it('classifies « Service surchargé » as site-error', () => {
    assert.equal(classify(page({ headings: ['Service surchargé'] })).outcome, 'site-error');
  });

  it('classifies a timeout as site-error with its reason', () => {
    const result = classify(
      page({ status: null, failure: { side: 'site', text: 'délai dépassé (120 s) après l’étape open' } }),
    );
    assert.deepEqual(
      [result.outcome, result.rule, result.description, result.quote],
      ['site-error', 'navigation-failure', 'délai dépassé (120 s) après l’étape open', undefined],
    );
  });

  it('never blames the site for a walk that could not reach it, whatever the page before said', () => {
    const text = 'site non joint par le robot : connexion refusée (net::ERR_CONNECTION_REFUSED) à l’étape open';
    // The status of the last page that did arrive (403), and the browser's own error page, decide nothing.
    const result = classify(
      page({ status: 403, headings: ['This site can’t be reached'], failure: { side: 'runner', text } }),
    );
    assert.deepEqual(
      [result.outcome, result.rule, result.description, result.quote],
      ['runner-network', 'runner-network', text, undefined],
    );
  });

  it('tells a site that could not be reached from one that did not give its page, from the browser’s error', () => {
    const limits = { timeoutMs: 120_000, deadline: Date.now() + 600_000 };
    const side = (error: Error) => navigationFailure(error, 'open', limits)?.side;
    const net = (code: string) => new Error(`page.goto: net::${code} at https://rdv.exemple.fr/`);
    for (const code of [
      'ERR_NAME_NOT_RESOLVED',
      'ERR_CONNECTION_REFUSED',
      'ERR_CONNECTION_RESET',
      'ERR_INTERNET_DISCONNECTED',
      'ERR_ADDRESS_UNREACHABLE',
      'ERR_PROXY_CONNECTION_FAILED',
      'ERR_CERT_DATE_INVALID',
      'ERR_SSL_PROTOCOL_ERROR',
    ])
      assert.equal(side(net(code)), 'runner', code);
    // A timeout is what an overloaded site or a firewall that drops the robot's packets gives: the site's (docs/resultats.md).
    for (const code of ['ERR_TIMED_OUT', 'ERR_CONNECTION_TIMED_OUT', 'ERR_EMPTY_RESPONSE', 'ERR_TOO_MANY_REDIRECTS'])
      assert.equal(side(net(code)), 'site', code);
    assert.equal(side(new errors.TimeoutError('page.goto: Timeout 120000ms exceeded.')), 'site');
    assert.equal(navigationFailure(new Error('Target crashed'), 'open', limits), null, 'a crash is nobody’s outcome');
  });

  it('classifies 403 and firewall pages as blocked, quoting the heading only when the page shows it', () => {
    const forbidden = classify(page({ status: 403, headings: ['403 Forbidden'], text: '403 Forbidden\nnginx' }));
    assert.deepEqual(
      [forbidden.outcome, forbidden.description, forbidden.quote],
      ['blocked', 'réponse HTTP 403', '403 Forbidden'],
    );
    assert.equal(classify(page({ status: 403, headings: ['403 Forbidden'] })).quote, undefined, 'not in the text');
    assert.equal(
      classify(page({ status: 200, headings: ['Request unsuccessful. Incapsula incident ID: 1'] })).outcome,
      'blocked',
    );
  });

  it('classifies a captcha standing before the final page as captcha', () => {
    const result = classify(page({ captcha: ['rdv-captchetat'], text: 'Saisissez le code de sécurité' }));
    assert.deepEqual(
      [result.outcome, result.description, result.quote],
      ['captcha', 'captcha détecté : CaptchEtat de RDV Préfecture (rdv-captchetat)', undefined],
    );
  });

  it('classifies an unknown page as unrecognized, naming what it saw or why the walk stopped', () => {
    const unknown = classify(page({ headings: ['Nouvelle procédure'], text: 'Nouvelle procédure\nBienvenue' }));
    assert.deepEqual(
      [unknown.outcome, unknown.rule, unknown.description, unknown.quote],
      ['unrecognized', 'unknown-page', 'page inconnue : aucun signal reconnu', 'Nouvelle procédure'],
    );
    assert.equal(classify(page({ title: 'Accueil' })).description, 'page vide');
    const stopped = classify(page({ stopReason: 'guichet absent', text: 'Choisissez un guichet' }));
    assert.deepEqual([stopped.description, stopped.quote], ['guichet absent', undefined]);
  });
});

describe('classify: a wrong « aucun créneau » is worse than none', () => {
  it('reads « Veuillez réessayer ultérieurement. » alone as no-slot only on the RDV Préfecture slot page', () => {
    const text = 'Veuillez réessayer ultérieurement.';
    const elsewhere = classify(page({ url: 'https://www.x.gouv.fr/booking/create/1/1', text }));
    assert.equal(elsewhere.outcome, 'unrecognized');
    const creneau = 'https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/1/creneau/';
    assert.deepEqual(
      [classify(page({ url: creneau, text })).outcome, classify(page({ url: creneau, text })).rule],
      ['no-slot', 'rdv-retry-later'],
    );
  });

  it('reads an error page that also asks to come back later as site-error, not no-slot', () => {
    const result = classify(
      page({ url: 'https://x/creneau/', text: 'Une erreur est survenue. Veuillez réessayer ultérieurement.' }),
    );
    assert.deepEqual([result.outcome, result.rule], ['unrecognized', 'contradiction']);
    const plain = classify(page({ text: 'Site en maintenance. Veuillez réessayer ultérieurement.' }));
    assert.deepEqual([plain.outcome, plain.rule], ['site-error', 'error-text']);
  });

  it('reads ANEF and FranceConnect error pages as errors of the site, and their other pages as no outcome, never no-slot', () => {
    const anef =
      'https://administration-etrangers-en-france.interieur.gouv.fr/particuliers/#/espace-personnel/mon-compte';
    for (const text of [
      'Oups ! Une erreur technique est survenue. Veuillez réessayer ultérieurement.',
      'Le service est temporairement indisponible. Merci de vous reconnecter plus tard.',
      'Une erreur s’est produite lors du dépôt de votre demande.',
      'Service actuellement indisponible',
    ]) {
      const result = classify(page({ url: anef, text }));
      assert.deepEqual([result.outcome, result.rule], ['site-error', 'error-text'], text);
    }
    const login = classify(
      page({
        url: 'https://app.franceconnect.gouv.fr/api/v2/interaction/x',
        text: 'Je choisis un compte pour me connecter sur ANEF',
      }),
    );
    assert.equal(login.outcome, 'unrecognized');
    const form = classify(page({ url: anef, text: 'Mon espace personnel\nDéposer une demande de titre de séjour' }));
    assert.equal(form.outcome, 'unrecognized');
  });

  it('never settles a no-slot sentence beside slots: unrecognized, every signal listed', () => {
    const result = classify(page({ text: NO_SLOT, freeCells: 2 }));
    assert.equal(result.outcome, 'unrecognized');
    assert.deepEqual(result.signals.map((s) => s.rule).sort(), ['legacy-free-cells', 'legacy-no-slot']);
    assert.equal(
      result.description,
      'signaux contradictoires : 2 plages libres dans le calendrier (legacy-free-cells) ; ' +
        'message d’absence de plage horaire libre (legacy-no-slot)',
    );
    const quote = result.signals.find((s) => s.rule === 'legacy-no-slot')?.quote;
    assert.ok(quote && NO_SLOT.startsWith(quote), 'each signal keeps its quote');
  });

  it('reads a captcha page that carries an empty critere state as captcha: the state is not what the page shows', () => {
    const result = classify(page({ captcha: ['#captchaFormulaireExtInput'], firstSlotDate: '' }));
    assert.deepEqual([result.outcome, result.rule], ['captcha', 'captcha']);
    const calendar = classify(page({ captcha: ['#captchaFormulaireExtInput'], slotRadios: 2 }));
    assert.deepEqual([calendar.outcome, calendar.rule], ['unrecognized', 'contradiction']);
  });

  it('lets slots win over a bare « Aucun créneau disponible » (an empty day on a narrow screen)', () => {
    const result = classify(page({ text: 'mardi 19/05\nAucun créneau disponible', slotRadios: 3 }));
    assert.deepEqual([result.outcome, result.rule], ['slot-available', 'rdv-slot-radios']);
  });

  it('reads an empty week without a later date as no-slot, with one as slot-available and its date', () => {
    const empty = classify(page({ text: 'Aucun créneau disponible sur cette semaine' }));
    assert.deepEqual([empty.outcome, empty.rule], ['no-slot', 'rdv-empty-week']);
    const later = classify(
      page({ text: 'Aucun créneau disponible sur cette semaine\nProchaine disponibilité le lundi 1er mars 2027' }),
    );
    assert.deepEqual(
      [later.outcome, later.rule, later.facts],
      ['slot-available', 'rdv-next-availability', { nextAvailability: '2027-03-01' }],
    );
  });
});

describe('classify with the texts of a site of its own (steps motifs)', () => {
  const texts = {
    noSlot: ['Aucun rendez-vous n’est disponible'],
    slots: ['Créneaux disponibles'],
    error: ['momentanément indisponible'],
  };

  it('reads the site’s texts the way a reader does', () => {
    const found = classify(page({ text: "Aucun rendez-vous n'est disponible pour le moment." }), texts);
    assert.deepEqual(
      [found.outcome, found.rule, found.quote],
      ['no-slot', 'site-text-no-slot', "Aucun rendez-vous n'est disponible pour le moment."],
    );
    assert.equal(classify(page({ text: 'Créneaux disponibles : mardi' }), texts).outcome, 'slot-available');
    assert.equal(classify(page({ text: 'Le service est momentanément indisponible.' }), texts).outcome, 'site-error');
  });

  it('uses the site’s texts instead of the platforms’ wordings, which mean something else there', () => {
    const retry = page({ text: 'Aucun créneau disponible à partir de cette date. Veuillez réessayer ultérieurement.' });
    assert.equal(classify(retry).outcome, 'no-slot');
    assert.equal(classify(retry, texts).outcome, 'unrecognized');
  });

  it('still puts HTTP errors and firewalls first', () => {
    assert.equal(
      classify(page({ status: 502, headings: ['502 Bad Gateway'], text: 'Aucun rendez-vous n’est disponible' }), texts)
        .outcome,
      'site-error',
    );
    assert.equal(classify(page({ status: 403, text: 'Créneaux disponibles' }), texts).outcome, 'blocked');
  });
});

describe('classify: dialogs and choices read by their meaning', () => {
  const alert = (message: string) => ({ at: '2027-01-12T09:42:03.000Z', type: 'alert' as const, message });

  it('reads the known platforms’ texts in a dialog, quotes them and says where they were', () => {
    const found = classify(page({ text: 'Prise de rendez-vous', dialogs: [alert(NO_SLOT)] }));
    assert.deepEqual([found.outcome, found.rule], ['no-slot', 'legacy-no-slot']);
    assert.equal(found.quote, NO_SLOT.slice(0, NO_SLOT.indexOf('.') + 1));
    assert.match(found.description, /\(message affiché par le site, boîte d’alerte\)$/);
  });

  it('weighs a dialog against the page: a no-slot alert beside offered hours is a contradiction', () => {
    const choices = { ...NO_CHOICES, times: ['A 09:45', 'A 09:48'] };
    const found = classify(page({ text: 'Choix d’une heure\nA 09:45\nA 09:48', choices, dialogs: [alert(NO_SLOT)] }));
    assert.equal(found.rule, 'contradiction');
    assert.deepEqual(found.signals.map((s) => s.rule).sort(), ['legacy-no-slot', 'offered-hours']);
  });

  it('never quotes words that are neither on the page nor in a dialog', () => {
    const choices = { ...NO_CHOICES, freeTexts: ['libre'], codeFields: ['Code de vérification (*)'] };
    const found = classify(page({ text: 'Planning', choices }));
    assert.equal(found.rule, 'contradiction', 'a captcha beside free cells');
    assert.ok(
      found.signals.every((s) => s.quote === undefined),
      JSON.stringify(found.signals),
    );
  });

  it('makes no no-slot of what is missing: no choice offered says nothing', () => {
    const found = classify(page({ text: 'Choix d’une heure', headings: ['Choix d’une heure'] }));
    assert.equal(found.rule, 'unknown-page');
  });
});
