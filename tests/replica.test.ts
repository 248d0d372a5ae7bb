// The offline replica of the booking sites: flows, texts, behaviours and lifecycle, over real HTTP on loopback.

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ReplicaClient } from '../scraper/replica/client.ts';
import { startReplica, type Behaviour, type Replica } from '../scraper/replica/server.ts';

const PPRDV = 'pprdv.interieur.gouv.fr';
const SSD = 'www.seine-saint-denis.gouv.fr';
const HDS = 'www.hauts-de-seine.gouv.fr';
const RDV = 'www.rdv-prefecture.interieur.gouv.fr';
const NO_SLOT =
  "Il n'existe plus de plage horaire libre pour votre demande de rendez-vous. Veuillez recommencer ultérieurement.";

let replica: Replica;
before(async () => {
  replica = await startReplica({ slowMs: 300 });
});
after(() => replica.close());
beforeEach(() => replica.reset());

function client(host: string): ReplicaClient {
  return new ReplicaClient(replica.port, host);
}

/** The visible text of `form#FormBookingCreate`, tags dropped, entities of the replica decoded. */
function formText(html: string): string {
  const form = /<form[^>]*id="FormBookingCreate"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';
  return form
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .trim();
}

function h1(html: string): string | undefined {
  return /<h1>([^<]*)<\/h1>/.exec(html)?.[1];
}

/** GET /0, POST the conditions; returns the redirect. */
async function acceptConditions(browser: ReplicaClient, form: string, prefix = ''): Promise<string | undefined> {
  const step0 = await browser.get(`${prefix}/booking/create/${form}`);
  assert.equal(step0.status, 200);
  const accepted = await browser.post(`${prefix}/booking/create/${form}/0`, {
    condition: 'on',
    nextButton: 'Effectuer une demande de rendez-vous',
  });
  assert.equal(accepted.status, 302);
  return accepted.location;
}

/** One attempt on one guichet of a form, up to the GET of the result step. */
async function attempt(host: string, form: string, planning?: string) {
  const browser = client(host);
  let next = await acceptConditions(browser, form);
  if (planning !== undefined) {
    assert.equal(next, `/booking/create/${form}/1`);
    next = (await browser.post(next, { planning, nextButton: 'Etape suivante' })).location;
  }
  return browser.get(next ?? '', 2000);
}

describe('replica: legacy booking module, step 0', () => {
  it('serves the conditions page with its checkbox, button, cookie banner and an eZSESSID cookie', async () => {
    const browser = client(PPRDV);
    const page = await browser.get('/booking/create/948');
    assert.equal(page.status, 200);
    assert.equal(page.headers.server, 'nginx');
    assert.ok(page.headers.date);
    assert.match(String(page.headers['set-cookie']), /^eZSESSID=[0-9a-f]{32}; Path=\//);
    assert.match(page.body, /<html lang="fr">/);
    assert.match(
      page.body,
      /<div id="condition_Booking"><input type="checkbox" name="condition" id="condition" title="Cliquez la case pour accepter/,
    );
    assert.match(
      page.body,
      /<label for="condition">Veuillez cocher la case pour accepter les conditions d&#39;utilisation avant de continuer le processus de prise de rendez-vous\.<\/label>/,
    );
    assert.match(
      page.body,
      /<div id="submit_Booking"><input type="submit" name="nextButton" value="Effectuer une demande de rendez-vous" class="Bbutton">/,
    );
    assert.match(
      page.body,
      /<div id="cookies-banner" style="display: block;">[\s\S]*<div class="boutons"><a [^>]*>Refuser<\/a><a [^>]*>Accepter<\/a><\/div>/,
    );
    assert.equal(
      h1(page.body),
      'Demande d’admission exceptionnelle au séjour au titre de la situation personnelle et familiale (CRE Charcot)',
    );
  });

  it('hides the cookie banner with an inline display: none once the visitor answered it', async () => {
    const browser = client(PPRDV);
    browser.cookies.set('cookies-banner', 'accepte');
    assert.match((await browser.get('/booking/create/948/0')).body, /<div id="cookies-banner" style="display: none;">/);
  });

  it('serves the same form under the /index.php/ prefix and keeps the prefix in redirects', async () => {
    assert.equal(await acceptConditions(client(SSD), '10317', '/index.php'), '/index.php/booking/create/10317/2');
  });

  it('shows step 0 again with a message when POST /0 lacks condition', async () => {
    const browser = client(PPRDV);
    await browser.get('/booking/create/948/0');
    const refused = await browser.post('/booking/create/948/0', { nextButton: 'Effectuer une demande de rendez-vous' });
    assert.equal(refused.status, 200);
    assert.match(refused.body, /<p class="Berreur" role="alert">Vous devez accepter les conditions/);
    assert.match(refused.body, /id="condition"/);
  });

  it('shows the SSD warning on Seine-Saint-Denis pages only', async () => {
    const warning = /ATTENTION ! Toutes les prises de rendez-vous proposées sur ce site Internet sont gratuites\./;
    assert.match((await client(SSD).get('/booking/create/9829')).body, warning);
    assert.doesNotMatch((await client(PPRDV).get('/booking/create/948')).body, warning);
  });
});

describe('replica: legacy booking module, no slot', () => {
  it('redirects POST /0 with condition=on to /2 for a single-guichet form, then shows the exact no-slot text', async () => {
    const browser = client(PPRDV);
    assert.equal(await acceptConditions(browser, '948'), '/booking/create/948/2');
    const page = await browser.get('/booking/create/948/2');
    assert.equal(page.status, 200);
    assert.match(page.body, /<h2>Vérification de disponibilité<\/h2>/);
    assert.equal(formText(page.body), NO_SLOT);
    assert.match(page.body, /<input type="submit" name="finishButton" value="Terminer" class="Bbutton">/);
    assert.match(page.body, /etape_2r\.png/);
  });

  it('renders the no-slot page byte for byte the same on two visits', async () => {
    const first = await attempt(PPRDV, '948');
    const second = await attempt(PPRDV, '948');
    assert.equal(first.body, second.body);
  });

  it('goes back to step 0 on "Terminer"', async () => {
    const browser = client(PPRDV);
    await acceptConditions(browser, '953');
    assert.equal(
      (await browser.post('/booking/create/953/2', { finishButton: 'Terminer' })).location,
      '/booking/create/953/0',
    );
  });

  it('redirects result steps to /0 without a session, or with one that never passed step 0', async () => {
    assert.equal((await client(PPRDV).get('/booking/create/948/2')).location, '/booking/create/948/0');
    const browser = client(PPRDV);
    await browser.get('/booking/create/948');
    assert.equal((await browser.get('/booking/create/948/1')).location, '/booking/create/948/0');
  });
});

describe('replica: legacy booking module, guichets', () => {
  it('redirects POST /0 to /1 for a form with several guichets, with one radio per guichet', async () => {
    const browser = client(PPRDV);
    assert.equal(await acceptConditions(browser, '885'), '/booking/create/885/1');
    const page = await browser.get('/booking/create/885/1');
    assert.match(page.body, /<h2>Choix de la nature du rendez-vous<\/h2>/);
    assert.match(page.body, /<fieldset id="fchoix_Booking"><legend>Que souhaitez-vous effectuer \?<\/legend>/);
    assert.match(
      page.body,
      /<p class="Bligne"><input type="radio" class="radio" value="886" name="planning" id="planning886"> <label for="planning886">salarié<\/label><\/p>/,
    );
    assert.match(page.body, /<label for="planning1043">salarié 2<\/label>/);
    assert.match(page.body, /name="nextButton" value="Etape suivante"/);
  });

  it('lists the three Nanterre guichets of the Hauts-de-Seine form 12083', async () => {
    const browser = client(HDS);
    await acceptConditions(browser, '12083');
    const labels = [
      ...(await browser.get('/booking/create/12083/1')).body.matchAll(/<label for="planning(\d+)">([^<]*)</g),
    ].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(labels, [
      '14673 Remise d&#39;un titre de séjour - GUICHET 4 B - Nanterre',
      '14806 Remise d&#39;un titre de séjour - GUICHET 1B - Nanterre',
      '14932 Remise d&#39;un titre de séjour - GUICHET 3 B - Nanterre',
    ]);
  });

  it('shows /1 again with a message when POST /1 has no planning', async () => {
    const browser = client(PPRDV);
    await acceptConditions(browser, '989');
    const page = await browser.post('/booking/create/989/1', { nextButton: 'Etape suivante' });
    assert.equal(page.status, 200);
    assert.match(page.body, /Berreur[^>]*>Veuillez choisir la nature du rendez-vous\./);
  });

  it('applies a guichet behaviour over the form behaviour', async () => {
    replica.setBehaviour(`${PPRDV}/885`, 'overloaded');
    replica.setBehaviour(`${PPRDV}/885/1043`, 'bad-gateway');
    assert.equal((await attempt(PPRDV, '885', '1043')).status, 502);
    replica.setBehaviour(`${PPRDV}/885`, 'no-slot');
    assert.equal(formText((await attempt(PPRDV, '885', '886')).body), NO_SLOT);
  });
});

describe('replica: legacy booking module, slots', () => {
  it('walks /3 "Description de la nature du rendez-vous" then the /4 calendar, whose free cells link to /5/<ts>', async () => {
    replica.setBehaviour(`${SSD}/9829/9831`, 'slots');
    const browser = client(SSD);
    await acceptConditions(browser, '9829');
    const chosen = await browser.post('/booking/create/9829/1', { planning: '9831', nextButton: 'Etape suivante' });
    assert.equal(chosen.location, '/booking/create/9829/3');
    const description = await browser.get('/booking/create/9829/3');
    assert.match(description.body, /<h2>Description de la nature du rendez-vous<\/h2>/);
    assert.match(description.body, /Pôle vie professionnelle - Arrondissement de Bobigny/);
    assert.equal(
      (await browser.post('/booking/create/9829/3', { nextButton: 'Etape suivante' })).location,
      '/booking/create/9829/4',
    );
    const calendar = await browser.get('/booking/create/9829/4');
    assert.match(calendar.body, /<h2>Choix d&#39;une plage horaire<\/h2>/);
    assert.match(calendar.body, /<th colspan="7">Semaine du lundi 18 mai 2026 au dimanche 24 mai 2026<\/th>/);
    const free = [
      ...calendar.body.matchAll(
        /<td class="status-1 free"><a href="\/booking\/create\/9829\/5\/(\d+)"[^>]*>libre<\/a><\/td>/g,
      ),
    ];
    assert.equal(free.length, 2);
    assert.equal(new Date(Number(free[0]?.[1]) * 1000).toISOString(), '2026-05-19T07:30:00.000Z');
    assert.match(calendar.body, /<td class="status-0 full">complet<\/td>/);
    assert.match(calendar.body, /name="nextButton" value="Première plage horaire libre"/);
  });

  it('never books: /5 and later only say so, and the request log shows the visit', async () => {
    const page = await client(PPRDV).get('/booking/create/948/5/1779175800');
    assert.match(page.body, /ne réserve jamais/);
    assert.ok(replica.requests.some(({ path }) => path === '/booking/create/948/5/1779175800'));
  });
});

describe('replica: failures', () => {
  const pages: [Behaviour, number, string][] = [
    ['bad-gateway', 502, '502 Bad Gateway'],
    ['unavailable', 503, '503 Service Unavailable'],
    ['gateway-timeout', 504, '504 Gateway Time-out'],
    ['overloaded', 200, 'Service surchargé'],
  ];
  for (const [behaviour, status, title] of pages) {
    it(`answers ${status} with a body-level <h1>${title}</h1> after the conditions for '${behaviour}'`, async () => {
      replica.setBehaviour(`${PPRDV}/948`, behaviour);
      const page = await attempt(PPRDV, '948');
      assert.equal(page.status, status);
      assert.match(page.body, new RegExp(`<body>\\s*<h1>${title}</h1>`));
    });
  }

  it("serves the real « Service surchargé » page: no <title>, the long sentence, 200 or 503 ('overloaded-503')", async () => {
    replica.setBehaviour(`${PPRDV}/948`, 'overloaded-503');
    const page = await attempt(PPRDV, '948');
    assert.equal(page.status, 503);
    assert.doesNotMatch(page.body, /<title>/);
    assert.match(page.body, /est actuellement surchargé et\/ou il n'y plus de créneaux de rendez-vous disponibles/);
  });

  it("answers 'haproxy' with HAProxy's bare 503 page", async () => {
    replica.setBehaviour(`${PPRDV}/948`, 'haproxy');
    const page = await attempt(PPRDV, '948');
    assert.equal(page.status, 503);
    assert.match(page.body, /<h1>503 Service Unavailable<\/h1>\s*No server is available to handle this request\./);
  });

  it("answers the conditions POST of 'no-calendar' with the conditions page and its ul.error list, not a redirect", async () => {
    replica.setBehaviour(`${PPRDV}/948`, 'no-calendar');
    const browser = client(PPRDV);
    await browser.get('/booking/create/948');
    const answer = await browser.post('/booking/create/948/0', {
      condition: 'on',
      nextButton: 'Effectuer une demande de rendez-vous',
    });
    assert.equal(answer.status, 200);
    assert.match(
      answer.body,
      /<ul class="error"><li>Il n&#39;y a pas calendrier disponible pour effectuer une demande de rendez-vous<\/li><\/ul>/,
    );
    assert.match(answer.body, /id="condition"/);
  });

  it("blocks 'forbidden' forms from step 0 with <h1>403 Forbidden</h1>", async () => {
    replica.setBehaviour(`${PPRDV}/948`, 'forbidden');
    const page = await client(PPRDV).get('/booking/create/948');
    assert.equal(page.status, 403);
    assert.equal(h1(page.body), '403 Forbidden');
  });

  it("serves an unknown 'Nouvelle procédure' page for 'unknown-page'", async () => {
    replica.setBehaviour(`${SSD}/10317`, 'unknown-page');
    const page = await attempt(SSD, '10317');
    assert.equal(page.status, 200);
    assert.match(page.body, /<h2>Nouvelle procédure<\/h2>[\s\S]*ANEF/);
  });

  it('fails twice then works for the sequence unavailable, unavailable, no-slot, one element per attempt', async () => {
    replica.setBehaviour(`${PPRDV}/948`, ['unavailable', 'unavailable', 'no-slot']);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt(PPRDV, '948')).status);
    assert.deepEqual(statuses, [503, 503, 200, 200]);
  });

  it('keeps the behaviour of an attempt when the result page is reloaded', async () => {
    replica.setBehaviour(`${PPRDV}/948`, ['bad-gateway', 'no-slot']);
    const browser = client(PPRDV);
    await acceptConditions(browser, '948');
    assert.equal((await browser.get('/booking/create/948/2')).status, 502);
    assert.equal((await browser.get('/booking/create/948/2')).status, 502);
  });

  it("delays every response of a 'slow' form by slowMs", async () => {
    replica.setBehaviour(`${PPRDV}/948`, 'slow');
    const started = Date.now();
    await client(PPRDV).get('/booking/create/948');
    assert.ok(Date.now() - started >= 290);
  });

  it("shows a static reCAPTCHA widget before the result for 'captcha', and the result once it is filled", async () => {
    replica.setBehaviour(`${PPRDV}/948`, 'captcha');
    const browser = client(PPRDV);
    await acceptConditions(browser, '948');
    const challenge = await browser.get('/booking/create/948/2');
    assert.match(
      challenge.body,
      /<div class="g-recaptcha"[\s\S]*<textarea id="g-recaptcha-response" name="g-recaptcha-response"/,
    );
    assert.doesNotMatch(challenge.body, /Il n&#39;existe plus/);
    await browser.post('/booking/create/948/2', {
      'g-recaptcha-response': 'replica-recaptcha-token',
      nextButton: 'Etape suivante',
    });
    assert.equal(formText((await browser.get('/booking/create/948/2')).body), NO_SLOT);
  });
});

describe('replica: a site drawn as the real pages (Val-d’Oise, §8.1)', () => {
  const VDO = 'www.val-doise.gouv.fr';

  it('has the banner as <h1>, two buttons on the conditions page, absolute actions, the bar outside #inner_Booking', async () => {
    const browser = client(VDO);
    const conditions = await browser.get('/booking/create/11343');
    assert.match(
      conditions.body,
      /<h1>Les services de l&#39;État dans le Val-d’Oise<\/h1>|<h1>Les services de l’État dans le Val-d’Oise<\/h1>/,
    );
    assert.match(
      conditions.body,
      /name="manageButton" value="Annuler, consulter et gérer mes demandes de rendez-vous"[^>]*> <input type="submit" name="nextButton"/,
    );
    assert.match(
      conditions.body,
      new RegExp(`action="http://${VDO}\\.localhost:${replica.port}/booking/create/11343/0"`),
    );
    const next = await browser.post('/booking/create/11343/0', {
      condition: 'on',
      nextButton: 'Effectuer une demande de rendez-vous',
    });
    const page = await browser.get(new URL(next.location ?? '').pathname);
    assert.match(
      page.body,
      /<div id="global_Booking"><ul id="Progress_Booking"><li><img src="[^"]*\/etape_1G\.png"[^>]*alt="Prise de rendez-vous"/,
    );
    assert.match(page.body, /<\/ul><div id="inner_Booking"><h2>Vérification de disponibilité<\/h2>/);
    assert.match(page.body, /title="Cliquez ici pour terminer le processus"/);
    assert.match(page.body, /<div id="dialog_Booking" style="display: none;">.*<h2>Contacts<\/h2>/);
    const image = await browser.get('/extension/booking/design/standard/images/etape_1G.png');
    assert.equal(image.headers['content-type'], 'image/png');
  });

  it('leaves the booking for « Annuler, consulter et gérer… »', async () => {
    const browser = client(VDO);
    await browser.get('/booking/create/11343');
    const page = await browser.post('/booking/create/11343/0', { condition: 'on', manageButton: 'Annuler' });
    assert.equal(page.status, 200);
    assert.match(page.body, /<h2>Gérer mes demandes de rendez-vous<\/h2>/);
  });
});

describe('replica: index pages', () => {
  it('lists the seven Préfecture de police links with their exact texts, the AES-travail ones swapped', async () => {
    const page = await client(PPRDV).get('/Rendez-vous-demarches-prefecture-de-police');
    const links = [...page.body.matchAll(/<li><a href="(\/booking[^"]+)">([^<]+)<\/a><\/li>/g)].map(
      (m) => `${m[1]} ${m[2]?.replace(/&#39;/g, "'")}`,
    );
    assert.deepEqual(links, [
      '/booking/create/976 Demande de premier titre de séjour « étudiant » réservée aux étudiants non munis d’un VLS-TS',
      '/booking/create/9902 Demande de titre de séjour pour raisons médicales (Truffaut)',
      '/booking/create/9901 Demande de titre de séjour pour raisons médicales (Charcot)',
      '/booking/create/953 Demande d’admission exceptionnelle au séjour au titre de la situation personnelle et familiale (CRE Truffaut)',
      '/booking/create/948 Demande d’admission exceptionnelle au séjour au titre de la situation personnelle et familiale (CRE Charcot)',
      "/booking/create/885 Demande d'admission exceptionnelle au séjour au regard du travail (Truffaut)",
      "/booking/create/876 Demande d'admission exceptionnelle au séjour au regard du travail (Charcot)",
    ]);
  });

  it('lists two identical Seine-Saint-Denis links, Bobigny then Le Raincy', async () => {
    const page = await client(SSD).get('/Prendre-un-rendez-vous');
    const links = [...page.body.matchAll(/<a href="(\/index\.php[^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(links, [
      '/index.php/booking/create/9829/0 Demande d&#39;admission exceptionnelle au séjour',
      '/index.php/booking/create/10317/0 Demande d&#39;admission exceptionnelle au séjour',
    ]);
  });

  it('answers a plain 404 for an unknown host or path, and PNG progress images', async () => {
    assert.equal((await client('www.example.gouv.fr').get('/booking/create/948')).status, 404);
    assert.equal((await client(PPRDV).get('/nowhere')).status, 404);
    const image = await client(PPRDV).get('/extension/booking/design/standard/images/etape_3r.png');
    assert.equal(image.headers['content-type'], 'image/png');
  });
});

describe('replica: RDV Préfecture', () => {
  const entry = '/rdvpref/reservation/demarche/16040/';

  async function solveCaptcha(browser: ReplicaClient, code: string) {
    await browser.get(entry);
    const captcha = await browser.get(`${entry}cgu/`);
    const captchaId = /name="captchaId" value="([0-9a-f]+)"/.exec(captcha.body)?.[1] ?? '';
    return browser.post(`${entry}_validerCaptcha`, { captchaId, captchaUsercode: code });
  }

  it('serves the entry page with "Prendre un rendez-vous" to cgu/ and a JSESSIONID on /rdvpref', async () => {
    const page = await client(RDV).get(entry);
    assert.match(
      page.body,
      /<a class="q-btn q-btn-item bg-primary text-white" href="\/rdvpref\/reservation\/demarche\/16040\/cgu\/">Prendre un rendez-vous<\/a>/,
    );
    assert.match(String(page.headers['set-cookie']), /^JSESSIONID=\w+; Path=\/rdvpref; HttpOnly/);
  });

  it('serves the CaptchEtat markup on cgu/ and its image as an SVG', async () => {
    const browser = client(RDV);
    const page = await browser.get(`${entry}cgu/`);
    assert.match(page.body, /<title>Constituez votre dossier/);
    assert.match(page.body, /code de sécurité/);
    // as the live page ends up once its script ran: plain divs, the custom tags gone (§8.3)
    assert.doesNotMatch(page.body, /<rdv-/);
    assert.match(page.body, /<div class="captchetat">\s*<div id="BDC_CaptchaComponent">/);
    assert.match(page.body, /<img class="BDC_CaptchaImage" id="captchaFR_CaptchaImage" src="([^"]+)"/);
    assert.match(page.body, /id="captchaFR_SoundLink"[^>]*>Énoncer le code du captcha</);
    assert.match(
      page.body,
      /<input class="fr-input" type="text" id="captchaFormulaireExtInput" name="captchaUsercode"/,
    );
    assert.match(page.body, /<button class="fr-btn" type="submit" formaction="[^"]*_validerCaptcha">Suivant<\/button>/);
    const src = /id="captchaFR_CaptchaImage" src="([^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const image = await browser.get(src);
    assert.equal(image.headers['content-type'], 'image/svg+xml');
    assert.match(image.body, /<text[^>]*>K<\/text>/);
  });

  it('lets a right code through, ignoring case, spaces and dashes, to the exact no-slot page', async () => {
    const browser = client(RDV);
    const before = browser.cookies.get('JSESSIONID');
    const validated = await solveCaptcha(browser, 'k7m 2-qx');
    assert.equal(validated.location, `${entry}creneau/`);
    assert.match(String(validated.headers['set-cookie']), /^JSESSIONID=\w+; Path=\/rdvpref/);
    assert.notEqual(browser.cookies.get('JSESSIONID'), before);
    const page = await browser.get(`${entry}creneau/`);
    assert.match(page.body, /<title>Choisissez votre créneau/);
    assert.match(
      page.body,
      /<div class="text-center q-pa-md">Aucun créneau disponible à partir de cette date\.<br\/>Veuillez réessayer ultérieurement\.<\/div>/,
    );
    assert.match(page.body, /Dernière mise en ligne de rendez-vous : le 04\/05\/2026 à 11:58/);
    assert.match(page.body, /"critere":\{"datePremiereDispo":""/);
    assert.doesNotMatch(page.body, /<rdv-/);
  });

  const branches: [Behaviour, RegExp, RegExp | null][] = [
    [
      'next-availability',
      /Aucun créneau disponible sur cette semaine<\/div>\s*<div class="text-center"><button[^>]*>Prochaine disponibilité le 12\/01\/2027</,
      /"datePremiereDispo":"2027-01-12"/,
    ],
    [
      'empty-week',
      /Aucun créneau disponible sur cette semaine<\/div>\s*<\/div>/,
      /Prochaine mise en ligne de nouveaux rendez-vous : le 11\/05\/2026 à 12:00/,
    ],
    [
      'calendar-hidden',
      /<div class="text-center q-pa-md">Veuillez réessayer ultérieurement\.<\/div>/,
      /Dernière mise en ligne/,
    ],
    ['slots', /id="trhId_16040001"/, /"datePremiereDispo":"18\/05\/2026"/],
  ];
  for (const [behaviour, shown, also] of branches) {
    it(`serves the '${behaviour}' branch of the real slot template on creneau/`, async () => {
      replica.setBehaviour(`${RDV}/16040`, behaviour);
      const browser = client(RDV);
      await solveCaptcha(browser, 'K7M2QX');
      const page = await browser.get(`${entry}creneau/`);
      assert.match(page.body, shown);
      if (also) assert.match(page.body, also);
      assert.doesNotMatch(
        page.body,
        /Prochaine disponibilité/.test(shown.source) ? /à partir de cette date/ : /Prochaine disponibilité/,
      );
    });
  }

  it('sends a wrong code back to cgu/?error=invalidCaptcha with the error text', async () => {
    const browser = client(RDV);
    const validated = await solveCaptcha(browser, 'WRONG');
    assert.equal(validated.location, `${entry}cgu/?error=invalidCaptcha`);
    const page = await browser.get(validated.location ?? '');
    assert.match(page.body, /id="text-input-captcha-desc-error"[^>]*>Le code de sécurité saisi est incorrect</);
  });

  it('sends creneau/ without a valid session to cgu/?error=errorSessionInvalide', async () => {
    assert.equal((await client(RDV).get(`${entry}creneau/`)).location, `${entry}cgu/?error=errorSessionInvalide`);
    const expired = client(RDV);
    expired.cookies.set('JSESSIONID', 'unknown');
    assert.equal(
      (await expired.post(`${entry}_validerCaptcha`, { captchaUsercode: 'K7M2QX' })).location,
      `${entry}cgu/?error=errorSessionInvalide`,
    );
  });

  it("shows trhId_ radios for 'slots' and error pages on creneau/", async () => {
    replica.setBehaviour(`${RDV}/4083`, ['slots', 'gateway-timeout']);
    const browser = client(RDV);
    const base = '/rdvpref/reservation/demarche/4083/';
    for (const expected of [200, 504]) {
      await browser.get(base);
      const captchaId = /name="captchaId" value="(\w+)"/.exec((await browser.get(`${base}cgu/`)).body)?.[1] ?? '';
      await browser.post(`${base}_validerCaptcha`, { captchaId, captchaUsercode: 'K7M2QX' });
      const page = await browser.get(`${base}creneau/`);
      assert.equal(page.status, expected);
      if (expected === 200)
        assert.match(
          page.body,
          /<input type="radio" name="trhId" id="trhId_\d+" data-value="\d+"\/><label class="fr-label" for="trhId_\d+">09h30<\/label>/,
        );
    }
  });
});

describe('replica: API and lifecycle', () => {
  it('rewrites real URLs to the replica with urlFor', () => {
    assert.equal(
      replica.urlFor('https://pprdv.interieur.gouv.fr/booking/create/948'),
      `http://pprdv.interieur.gouv.fr.localhost:${replica.port}/booking/create/948`,
    );
    assert.equal(replica.origin, `http://localhost:${replica.port}`);
  });

  it('logs each request with its start, end and status, and reset() clears the log', async () => {
    await client(PPRDV).get('/booking/create/948');
    const [entry] = replica.requests;
    assert.equal(entry?.host, PPRDV);
    assert.equal(entry?.method, 'GET');
    assert.equal(entry?.path, '/booking/create/948');
    assert.equal(entry?.status, 200);
    assert.ok(entry !== undefined && entry.endedAt !== null && entry.endedAt >= entry.startedAt);
    replica.reset();
    assert.equal(replica.requests.length, 0);
  });

  it("leaves 'hang' requests unanswered, yet close() returns at once", async () => {
    const hanging = await startReplica({ behaviours: { [`${PPRDV}/948`]: 'hang' } });
    const browser = new ReplicaClient(hanging.port, PPRDV);
    await browser.get('/booking/create/948');
    await browser.post('/booking/create/948/0', { condition: 'on' });
    await assert.rejects(browser.get('/booking/create/948/2', 200), /no answer after 200 ms/);
    const pending = browser.get('/booking/create/948/2', 5000);
    const started = Date.now();
    await hanging.close();
    assert.ok(Date.now() - started < 500);
    await assert.rejects(pending);
    assert.equal(hanging.requests[2]?.endedAt, null);
  });

  it('adds latencyMs before every response', async () => {
    const slow = await startReplica({ latencyMs: 120 });
    try {
      const started = Date.now();
      assert.equal((await new ReplicaClient(slow.port, 'www.example.gouv.fr').get('/')).status, 404);
      assert.ok(Date.now() - started >= 110);
    } finally {
      await slow.close();
    }
  });
});
