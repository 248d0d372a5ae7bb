import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { prefectureIdOf } from '../scraper/discover/yaml.ts';
import { recordSchema } from '../scraper/evidence/record.ts';
import { parseTarget } from '../scraper/target/load.ts';
import { slugify } from '../scraper/target/slug.ts';
import type { Target } from '../scraper/target/schema.ts';
import { startReplica, type Replica } from '../scraper/replica/server.ts';
import { runCli, tempDir } from './helpers.ts';

let replica: Replica;
before(async () => {
  replica = await startReplica();
});
after(() => replica.close());

/** Runs discover on the replica and saves its standard output as the user would, under the id it proposes. */
async function discover(url: string): Promise<{ file: string; text: string; target: Target; stderr: string }> {
  const result = await runCli(['discover', url, '--replica', replica.origin]);
  assert.equal(result.code, 0, result.stderr);
  const id = /^id: ([a-z0-9-]+)/m.exec(result.stdout)?.[1];
  assert.ok(id, result.stdout);
  const file = join(await tempDir(), `${id}.yaml`);
  await writeFile(file, result.stdout);
  return { file, text: result.stdout, target: parseTarget(result.stdout, file), stderr: result.stderr };
}

/** Captures a saved target file on the replica through the CLI; returns the records by motif id. */
async function capture(file: string): Promise<Map<string, ReturnType<typeof recordSchema.parse>>> {
  const archive = join(await tempDir(), 'archive');
  const result = await runCli(['capture', '--target', file, '--archive', archive, '--replica', replica.origin]);
  assert.equal(result.code, 0, result.stdout + result.stderr);
  const records = new Map<string, ReturnType<typeof recordSchema.parse>>();
  for (const path of await readdir(archive, { recursive: true })) {
    if (!path.endsWith('.json')) continue;
    const record = recordSchema.parse(JSON.parse(await readFile(join(archive, path), 'utf8')));
    records.set(record.motif, record);
  }
  return records;
}

describe('discover', () => {
  it('turns the Paris index page into a target file that validates and captures every form and guichet as is', async () => {
    replica.reset();
    const { file, text, target, stderr } = await discover(
      'https://pprdv.interieur.gouv.fr/Rendez-vous-demarches-prefecture-de-police',
    );
    assert.match(text, /^# yaml-language-server: \$schema=\.\/target\.schema\.json\n/);
    assert.equal(target.id, 'pprdv');
    assert.equal(target.name, 'Préfecture de Police');
    // 7 links, one of them to form 885 and its two guichets
    assert.equal(target.motifs.length, 8);
    const plannings = target.motifs.flatMap((m) => (m.platform === 'legacy-booking' && m.planning ? [m.planning] : []));
    assert.deepEqual(plannings, ['salarié', 'salarié 2']);
    assert.match(text, /guichet « salarié 2 » \(radio planning1043\)/);
    assert.match(text, /url: https:\/\/pprdv\.interieur\.gouv\.fr\/booking\/create\/9902\n/);
    // the two AES-travail links are swapped on the site: both are flagged, and the direct address is used
    assert.equal(text.match(/le lien est mal attribué sur le site/g)?.length, 3);
    assert.match(text, /# Maintenant : Aucun créneau disponible \(no-slot\)/);
    assert.match(stderr, /Formulaire 885 .* 2 guichets/);
    assert.match(stderr, /aucune réservation n'est faite/);

    const records = await capture(file);
    assert.equal(records.size, 8);
    for (const record of records.values())
      assert.equal(record.outcome, 'no-slot', `${record.motif}: ${record.evidence.matchedText}`);
  });

  it('tells guichets that lead to different pages apart, with distinct ids, on the Seine-Saint-Denis index page', async () => {
    replica.reset();
    replica.setBehaviour('www.seine-saint-denis.gouv.fr/9829/9831', 'slots');
    const { file, text, target } = await discover('https://www.seine-saint-denis.gouv.fr/Prendre-un-rendez-vous');
    assert.equal(target.id, 'seine-saint-denis');
    assert.deepEqual(
      target.motifs.map((m) => m.id),
      [
        'admission-exceptionnelle-arrondissement-bobigny-pole-vie-privee-familiale',
        'admission-exceptionnelle-arrondissement-bobigny-pole-vie-professionnelle',
        'admission-exceptionnelle-sejour-raincy',
      ],
    );
    assert.match(
      text,
      /guichet « Pôle vie professionnelle - Arrondissement de Bobigny » \(radio planning9831\)\.\n.*\n {2}# Maintenant : Créneau disponible \(slot-available\)/,
    );
    assert.match(text, /# Lien de la page d'accueil : « Demande d'admission exceptionnelle au séjour »\./);

    const records = await capture(file);
    assert.deepEqual([...records.values()].map((r) => `${r.motif}=${r.outcome}`).sort(), [
      'admission-exceptionnelle-arrondissement-bobigny-pole-vie-privee-familiale=no-slot',
      'admission-exceptionnelle-arrondissement-bobigny-pole-vie-professionnelle=slot-available',
      'admission-exceptionnelle-sejour-raincy=no-slot',
    ]);
  });

  it('reports a guichet whose page fails now, and keeps it in the file', async () => {
    replica.reset();
    replica.setBehaviour('www.hauts-de-seine.gouv.fr/12083/14806', 'bad-gateway');
    const { text, target } = await discover('https://www.hauts-de-seine.gouv.fr/booking/create/12083');
    assert.equal(target.motifs.length, 3);
    assert.equal(target.motifs[1]?.label, "Remise d'un titre de séjour - GUICHET 1B - Nanterre");
    assert.match(
      text,
      /GUICHET 1B - Nanterre » \(radio planning14806\)\.\n {2}# Maintenant : Erreur du site de la préfecture \(site-error\) — page d’erreur 50x du serveur ou de sa passerelle ; texte de la page : « 502 Bad Gateway »/,
    );
  });

  it('proposes the corrected lines when a guichet label or a link text drifted, as the capture record says to', async () => {
    replica.reset();
    const dir = await tempDir();
    const file = join(dir, 'derive.yaml');
    await writeFile(
      file,
      `id: derive
name: Préfecture dérivée
settings:
  retries: 0
motifs:
  - id: guichet
    label: Remise
    platform: legacy-booking
    url: https://www.hauts-de-seine.gouv.fr/booking/create/12083
    planning: Remise d'un titre de séjour - GUICHET 3 - Nanterre
  - id: lien
    label: Charcot
    platform: legacy-booking
    index: https://pprdv.interieur.gouv.fr/Rendez-vous-demarches-prefecture-de-police
    link: Demande de titre de séjour pour raison médicale (Charcot)
`,
    );
    const records = await capture(file);
    const guichet = records.get('guichet')!.evidence.matchedText;
    assert.match(guichet, /choix proposés : .*« Remise d'un titre de séjour - GUICHET 3 B - Nanterre »/);
    const command = /la commande npm run discover -- (\S+) propose les lignes corrigées/.exec(guichet)?.[1];
    assert.equal(command, 'https://www.hauts-de-seine.gouv.fr/booking/create/12083');
    const { target } = await discover(command!);
    const plannings = target.motifs.flatMap((m) => (m.platform === 'legacy-booking' && m.planning ? [m.planning] : []));
    assert.ok(plannings.includes("Remise d'un titre de séjour - GUICHET 3 B - Nanterre"), plannings.join(', '));
    const link = records.get('lien')!.evidence.matchedText;
    assert.match(
      link,
      /liens de rendez-vous proposés : .*« Demande de titre de séjour pour raisons médicales \(Charcot\) »/,
    );
    assert.match(
      link,
      /la commande npm run discover -- https:\/\/pprdv\.interieur\.gouv\.fr\/Rendez-vous-demarches-prefecture-de-police propose/,
    );
  });

  it('names a form by its page title when the <h1> is the site’s banner, as on the real Val-d’Oise pages', async () => {
    replica.reset();
    const { target } = await discover('https://www.val-doise.gouv.fr/booking/create/11343');
    assert.equal(target.motifs[0]?.label, 'Demande de titre de séjour');
  });

  it('walks an RDV Préfecture démarche up to its captcha and says that only an assisted run passes it', async () => {
    replica.reset();
    const { text, target } = await discover(
      'https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/16040/',
    );
    assert.equal(target.id, 'ma-prefecture');
    const [motif] = target.motifs;
    assert.equal(motif?.platform, 'rdv-prefecture');
    assert.equal(motif?.label, 'Titre de séjour - Créteil');
    assert.match(text, /# Maintenant : Captcha avant la page des créneaux \(non résolu\) \(captcha\)/);
    assert.match(text, /capture seulement en mode assisté \(npm run capture -- --assist\)/);
    assert.ok(!replica.requests.some((r) => r.path.includes('_validerCaptcha')), 'discover never answers a captcha');
  });

  it('proposes steps motifs for a site of its own, leaving its texts to a person, and they capture once completed', async () => {
    replica.reset();
    replica.setBehaviour('rendez-vous.prefecture-exemple.fr/titre-de-sejour/etudiant', 'slots');
    const { file, text, target } = await discover('https://rendez-vous.prefecture-exemple.fr/prendre-rendez-vous');
    assert.equal(target.id, 'prefecture-exemple');
    assert.equal(target.name, "Préfecture de l'Exemple");
    assert.equal(target.motifs.length, 6);
    const first = target.motifs[0];
    assert.ok(first?.platform === 'steps');
    assert.equal(first.entry.by === 'link' && first.entry.link, 'Titre de séjour : première demande');
    // the result is written by a script after the page loads: discovery proposes to wait for it
    assert.deepEqual(first.steps, [
      { choose: 'salarié' },
      { check: "J'ai pris connaissance de la liste des pièces à fournir" },
      { click: 'Rechercher un créneau' },
      { waitFor: 'Résultat de votre recherche' },
    ]);
    assert.match(text, /# Page d'arrivée maintenant : « .*Aucun rendez-vous n'est disponible pour le moment\./);
    assert.match(text, /# À COMPLÉTER : recopiez dans texts\.noSlot la phrase exacte/);

    // what the person does: copy the sentences read in the comments into the texts
    const completed = text.replaceAll(
      'noSlot: [À COMPLÉTER]',
      `noSlot: ["Aucun rendez-vous n'est disponible"]\n      slots: [Créneaux disponibles]`,
    );
    await writeFile(file, completed);
    const records = await capture(file);
    assert.equal(records.size, 6);
    for (const record of records.values()) {
      assert.equal(
        record.outcome,
        record.motif === 'titre-sejour-premiere-demande-etudiant' ? 'slot-available' : 'no-slot',
        record.motif,
      );
    }
  });

  it('exits 2 without an address or with one that is not complete, and 1 on a page without booking links', async () => {
    const none = await runCli(['discover']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /il manque l'adresse à explorer/);
    const partial = await runCli(['discover', 'pprdv.interieur.gouv.fr/booking/create/948']);
    assert.equal(partial.code, 2);
    assert.match(partial.stderr, /n'est pas une adresse complète/);
    const empty = await runCli([
      'discover',
      'https://rendez-vous.prefecture-exemple.fr/rendez-vous/naturalisation',
      '--replica',
      replica.origin,
    ]);
    assert.equal(empty.code, 1, empty.stderr);
    assert.match(empty.stderr, /Aucun formulaire de prise de rendez-vous trouvé/);
    assert.equal(empty.stdout, '');
  });
});

describe('discover: proposed ids', () => {
  it('proposes readable slugs from labels, keeping the place at the end of long ones', () => {
    assert.equal(slugify('Titre de séjour : première demande'), 'titre-sejour-premiere-demande');
    assert.equal(
      slugify(
        'Demande d’admission exceptionnelle au séjour au titre de la situation personnelle et familiale (CRE Charcot)',
        6,
      ),
      'demande-admission-exceptionnelle-sejour-cre-charcot',
    );
    assert.equal(
      slugify(
        'Pôle vie privée et familiale - Arrondissement de Bobigny',
        4,
        'Admission exceptionnelle - Arrondissement de Bobigny',
      ),
      'pole-vie-privee-familiale',
    );
  });

  it('proposes the préfecture id from the site address', () => {
    assert.equal(prefectureIdOf('https://www.seine-saint-denis.gouv.fr/booking/create/9829'), 'seine-saint-denis');
    assert.equal(prefectureIdOf('https://pprdv.interieur.gouv.fr/booking/create/948'), 'pprdv');
    assert.equal(prefectureIdOf('https://www.hauts-de-seine.gouv.fr/booking/create/12083'), 'hauts-de-seine');
    assert.equal(prefectureIdOf('https://rendez-vous.prefecture-exemple.fr/prendre-rendez-vous'), 'prefecture-exemple');
    assert.equal(
      prefectureIdOf('https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/16040/'),
      'ma-prefecture',
    );
  });
});
