import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskIdentifiers } from '../scraper/evidence/identifiers.ts';

describe('identifiers masked in stored addresses', () => {
  it('keeps the booking platforms’ public form and démarche ids, hosts and ports as they are', () => {
    for (const url of [
      'https://pprdv.interieur.gouv.fr/booking/create/948/2',
      'https://www.val-doise.gouv.fr/booking/create/11343/2',
      'https://www.seine-maritime.gouv.fr/booking/create/51406/1',
      'https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/16040/creneau/',
      'https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/16040/cgu/?error=invalidCaptcha',
      'http://www.rdv-prefecture.interieur.gouv.fr.localhost:41234/rdvpref/reservation/demarche/4083/',
      'https://rdv-etrangers-94.interieur.gouv.fr/eAppointmentpref94/element/jsp/appointment.jsp',
      'https://www.hauts-de-seine.gouv.fr/Demarches-administratives/Etrangers-en-France/SEJOUR/SEJOUR-prefecture-de-Nanterre/Remise-de-titre',
      'http://127.0.0.1:8080/booking/create/948/2?planning=1043#haut',
    ])
      assert.equal(maskIdentifiers(url), url);
  });

  it('replaces long digit runs, long hex runs, UUIDs and tokens in the path by « … »', () => {
    const cases: [string, string][] = [
      ['https://x.gouv.fr/dossier/7512345678/suivi', 'https://x.gouv.fr/dossier/…/suivi'],
      ['https://x.gouv.fr/dossier/AGDREF-123456/', 'https://x.gouv.fr/dossier/AGDREF-…/'],
      ['https://x.gouv.fr/d/12345/', 'https://x.gouv.fr/d/12345/'],
      ['https://x.gouv.fr/s/8f3b9c0d2e1a47f6b5c4/page', 'https://x.gouv.fr/s/…/page'],
      ['https://x.gouv.fr/r/3f2504e0-4f89-11d3-9a0c-0305e82c3301/ok', 'https://x.gouv.fr/r/…/ok'],
      ['https://x.gouv.fr/t/Qm9uam91ckxhUHJlZmVjdHVyZTI0/x', 'https://x.gouv.fr/t/…/x'],
      ['https://x.gouv.fr/booking/create/948/5/1700000000', 'https://x.gouv.fr/booking/create/948/5/…'],
      ['https://x.gouv.fr/creneau;jsessionid=Z1x2.node0', 'https://x.gouv.fr/creneau;jsessionid=…'],
    ];
    for (const [url, stored] of cases) assert.equal(maskIdentifiers(url), stored, url);
  });

  it('masks identifier values and credentials in the query and the fragment, keeping the names', () => {
    assert.equal(
      maskIdentifiers(
        'https://x.gouv.fr/p?session=8f3b9c0d2e1a47f6b5c4d3e2f1a0b9c8&step=conditions&guichet=1043&numero=75123456',
      ),
      'https://x.gouv.fr/p?session=…&step=conditions&guichet=1043&numero=…',
    );
    assert.equal(
      maskIdentifiers('https://app.franceconnect.gouv.fr/cb?code=abc&state=xyz&lang=fr'),
      'https://app.franceconnect.gouv.fr/cb?code=…&state=…&lang=fr',
    );
    assert.equal(maskIdentifiers('https://x.gouv.fr/p#dossier-1234567'), 'https://x.gouv.fr/p#dossier-…');
  });

  it('is stable on an address already masked, and on text that is not an address', () => {
    const once = maskIdentifiers('https://x.gouv.fr/dossier/7512345678/');
    assert.equal(maskIdentifiers(once), once);
    assert.equal(maskIdentifiers('about:blank'), 'about:blank');
  });
});
