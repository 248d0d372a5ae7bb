import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classify, type PageSnapshot } from '../scraper/outcome/classify.ts';

const page = (over: Partial<PageSnapshot>): PageSnapshot => ({
  url: 'https://pprdv.interieur.gouv.fr/booking/create/948/2',
  status: 200,
  title: 'Prise de rendez-vous',
  headings: [],
  text: '',
  captcha: [],
  freeCells: 0,
  slotRadios: 0,
  progress: [],
  firstSlotDate: null,
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
