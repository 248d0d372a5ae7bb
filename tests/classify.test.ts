import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NOTHING } from '../scraper/navigate/snapshot.ts';
import { classify, type PageSnapshot } from '../scraper/outcome/classify.ts';

const page = (over: Partial<PageSnapshot>): PageSnapshot => ({
  url: 'https://pprdv.interieur.gouv.fr/booking/create/948/2',
  status: 200,
  ...NOTHING,
  title: 'Prise de rendez-vous',
  failure: null,
  stopReason: null,
  ...over,
});

const NO_SLOT =
  "Il n'existe plus de plage horaire libre pour votre demande de rendez-vous. Veuillez recommencer ultérieurement.";

describe('classify', () => {
  it('classifies « Vérification de disponibilité » with the legacy message as no-slot', () => {
    const result = classify(page({ headings: ['Vérification de disponibilité'], text: NO_SLOT }));
    assert.equal(result.outcome, 'no-slot');
    assert.match(result.matchedText, /Il n'existe plus de plage horaire libre/);
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
    assert.equal(result.matchedText, '3 plage(s) libre(s) dans le calendrier');
  });

  it('classifies the description step, shown only when slots exist, as slot-available', () => {
    assert.equal(classify(page({ headings: ['Description de la nature du rendez-vous'] })).outcome, 'slot-available');
  });

  it('records site-error, not no-slot, when the préfecture answers 502 even if old text remains', () => {
    const result = classify(page({ status: 502, headings: ['502 Bad Gateway'], text: `502 Bad Gateway ${NO_SLOT}` }));
    assert.deepEqual(
      [result.outcome, result.rule, result.matchedText],
      ['site-error', 'gateway-error', '502 Bad Gateway'],
    );
  });

  it('classifies « Service surchargé » as site-error', () => {
    assert.equal(classify(page({ headings: ['Service surchargé'] })).outcome, 'site-error');
  });

  it('classifies a timeout as site-error with its reason', () => {
    const result = classify(page({ status: null, failure: 'délai dépassé (120 s) après l’étape open' }));
    assert.deepEqual(
      [result.outcome, result.rule, result.matchedText],
      ['site-error', 'navigation-failure', 'délai dépassé (120 s) après l’étape open'],
    );
  });

  it('classifies 403 and firewall pages as blocked', () => {
    assert.equal(classify(page({ status: 403, headings: ['403 Forbidden'] })).outcome, 'blocked');
    assert.equal(
      classify(page({ status: 200, headings: ['Request unsuccessful. Incapsula incident ID: 1'] })).outcome,
      'blocked',
    );
  });

  it('classifies a captcha standing before the final page as captcha', () => {
    const result = classify(page({ captcha: ['rdv-captchetat'], text: 'Saisissez le code de sécurité' }));
    assert.deepEqual([result.outcome, result.matchedText], ['captcha', 'captcha : rdv-captchetat']);
  });

  it('classifies an unknown page as unrecognized, naming what it saw or why the walk stopped', () => {
    const unknown = classify(page({ headings: ['Nouvelle procédure'] }));
    assert.deepEqual(
      [unknown.outcome, unknown.rule, unknown.matchedText],
      ['unrecognized', 'unknown-page', 'page inconnue : « Nouvelle procédure »'],
    );
    assert.equal(classify(page({ stopReason: 'guichet « x » absent' })).matchedText, 'guichet « x » absent');
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
    assert.match(
      result.matchedText,
      /signaux contradictoires : .*legacy-free-cells.*legacy-no-slot|legacy-no-slot.*legacy-free-cells/,
    );
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
      [found.outcome, found.rule, found.matchedText],
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
