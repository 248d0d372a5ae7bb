import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nameTarget, prefectureIdOf } from '../scraper/discover/naming.ts';
import { noSlotSentence } from '../scraper/discover/no-slot-sentence.ts';
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

/** Runs discover on the replica with `--out` a fresh folder, as the docs say; the one file it writes is `<id>.yaml`. */
async function discover(url: string): Promise<{ file: string; text: string; stderr: string }> {
  const dir = await tempDir();
  const result = await runCli(['discover', url, '--replica', replica.origin, '--out', dir]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, '');
  const [name, ...others] = await readdir(dir);
  assert.deepEqual(others, []);
  const file = join(dir, name!);
  const text = await readFile(file, 'utf8');
  assert.equal(`${/^id: ([a-z0-9-]+)/m.exec(text)?.[1]}.yaml`, name, 'the file is named after its id');
  return { file, text, stderr: result.stderr };
}

/** Discovers and loads the file as is: it holds nothing left to complete. */
async function discoverComplete(url: string): Promise<{ file: string; text: string; target: Target; stderr: string }> {
  const found = await discover(url);
  return { ...found, target: parseTarget(found.text, found.file) };
}

/**
 * Captures a saved target file on the replica through the CLI (only the motifs given, if any); returns the records
 * by motif id.
 */
async function capture(
  file: string,
  motifs: string[] = [],
): Promise<Map<string, ReturnType<typeof recordSchema.parse>>> {
  const archive = join(await tempDir(), 'archive');
  const result = await runCli([
    'capture',
    '--target',
    file,
    ...motifs.flatMap((id) => ['--motif', id]),
    '--archive',
    archive,
    '--replica',
    replica.origin,
  ]);
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
  it('turns the Paris index page into a target file that validates, every form and guichet in it, and captures as is', async () => {
    replica.reset();
    const { file, text, target, stderr } = await discoverComplete(
      'https://pprdv.interieur.gouv.fr/Rendez-vous-demarches-prefecture-de-police',
    );
    assert.match(text, /^# yaml-language-server: \$schema=\.\/target\.schema\.json\n/);
    assert.equal(target.id, 'paris', 'the Préfecture de police is Paris in the département table');
    assert.equal(target.name, 'Préfecture de Police');
    // like every file of the catalogue, each motif says where its address comes from, and when
    for (const motif of target.motifs) {
      assert.equal(motif.source, 'https://pprdv.interieur.gouv.fr/Rendez-vous-demarches-prefecture-de-police');
      assert.match(motif.seen ?? '', /^\d{4}-\d{2}-\d{2}$/);
    }
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

    // One motif of each way in (a form's address, alone or with a guichet): the forms themselves are the seed
    // préfecture's, each captured by capture.test.ts.
    const way = (m: Target['motifs'][number]) =>
      `${m.entry.by} ${m.platform === 'legacy-booking' && m.planning ? 'guichet' : ''}`;
    const chosen = target.motifs.filter((m, i) => target.motifs.findIndex((o) => way(o) === way(m)) === i);
    assert.deepEqual(chosen.map(way).sort(), ['url ', 'url guichet']);
    const records = await capture(
      file,
      chosen.map((m) => m.id),
    );
    assert.equal(records.size, 2);
    for (const record of records.values())
      assert.equal(record.outcome, 'no-slot', `${record.motif}: ${record.evidence.matchedText}`);
  });

  it('tells guichets that lead to different pages apart, with distinct ids, on the Seine-Saint-Denis index page', async () => {
    replica.reset();
    replica.setBehaviour('www.seine-saint-denis.gouv.fr/9829/9831', 'slots');
    const { file, text, target } = await discoverComplete(
      'https://www.seine-saint-denis.gouv.fr/Prendre-un-rendez-vous',
    );
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

  it('proposes the corrected lines when a guichet label or a link text drifted, as the capture record says to, keeping a guichet whose page fails now', async () => {
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
    replica.setBehaviour('www.hauts-de-seine.gouv.fr/12083/14806', 'bad-gateway');
    const { text, target } = await discoverComplete(command!);
    const plannings = target.motifs.flatMap((m) => (m.platform === 'legacy-booking' && m.planning ? [m.planning] : []));
    assert.ok(plannings.includes("Remise d'un titre de séjour - GUICHET 3 B - Nanterre"), plannings.join(', '));
    // the guichet that fails now is reported, and kept in the file
    assert.equal(target.motifs.length, 3);
    assert.equal(target.motifs[1]?.label, "Remise d'un titre de séjour - GUICHET 1B - Nanterre");
    assert.match(
      text,
      /GUICHET 1B - Nanterre » \(radio planning14806\)\.\n {2}# Maintenant : Erreur du site de la préfecture \(site-error\) — page d’erreur 50x du serveur ou de sa passerelle ; texte de la page : « 502 Bad Gateway »/,
    );
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
    const { file, target } = await discoverComplete('https://www.val-doise.gouv.fr/booking/create/11343');
    assert.equal(target.motifs[0]?.label, 'Demande de titre de séjour');
    // the site says val-doise, the département table val-d-oise: the file and its id follow the table
    assert.equal(target.id, 'val-d-oise');
    assert.match(file, /[/\\]val-d-oise\.yaml$/);
  });

  it('walks an RDV Préfecture démarche up to its captcha and says that only an assisted run passes it', async () => {
    replica.reset();
    const { file, text } = await discover(
      'https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/16040/',
    );
    // RDV Préfecture does not say which préfecture: its name is left to the person, and the file refused until then
    assert.throws(
      () => parseTarget(text, file),
      /ma-prefecture\.yaml: name: « Préfecture \(nom à compléter\) » reste à compléter : écrivez le nom de la préfecture .* \(ligne 8\)$/,
    );
    const target = parseTarget(text.replace('Préfecture (nom à compléter)', 'Préfecture du Val-de-Marne'), file);
    assert.equal(target.id, 'ma-prefecture');
    const [motif] = target.motifs;
    assert.equal(motif?.platform, 'rdv-prefecture');
    assert.equal(motif?.label, 'Titre de séjour - Créteil');
    assert.match(text, /# Maintenant : Captcha avant la page des créneaux \(non résolu\) \(captcha\)/);
    assert.match(text, /capture seulement en mode assisté \(npm run capture -- --assist\)/);
    assert.ok(!replica.requests.some((r) => r.path.includes('_validerCaptcha')), 'discover never answers a captcha');
  });

  it('proposes steps motifs for a site of its own quoting the no-slot sentence it read, refuses the file while a text is left to complete, and captures it once completed', async () => {
    replica.reset();
    replica.setBehaviour('rendez-vous.prefecture-exemple.fr/titre-de-sejour/etudiant', 'slots');
    const { file, text } = await discover('https://rendez-vous.prefecture-exemple.fr/prendre-rendez-vous');
    // the sentence read on each page that says « no slot » is proposed, to confirm; where none says it, the
    // placeholder stays, and the file is refused with its line until a person writes the texts
    assert.equal(
      text.match(/noSlot: \[Aucun rendez-vous n'est disponible pour le moment\.\] # à confirmer/g)?.length,
      5,
    );
    const line = text.split('\n').indexOf('      noSlot: [À COMPLÉTER]') + 1;
    assert.ok(line > 0, text);
    const refused = await runCli(['capture', '--target', file, '--dry-run']);
    assert.equal(refused.code, 2);
    assert.equal(
      refused.stderr.trim(),
      `${file}: motifs[1].texts.noSlot[0]: « À COMPLÉTER » reste à compléter : recopiez la phrase exacte que montre le site quand il n'y a aucun rendez-vous, ex. noSlot: ["Aucun rendez-vous n'est disponible"] (ligne ${line})`,
    );
    assert.equal(refused.stdout, '');
    assert.match(text, /# Page d'arrivée maintenant : « .*Créneaux disponibles/);
    assert.match(text, /# À COMPLÉTER : recopiez dans texts\.noSlot la phrase exacte/);

    // what the person does: copy the sentences read in the comments into the texts
    const completed = text.replaceAll(
      'noSlot: [À COMPLÉTER]',
      `noSlot: ["Aucun rendez-vous n'est disponible"]\n      slots: [Créneaux disponibles]`,
    );
    await writeFile(file, completed);
    const target = parseTarget(completed, file);
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
    // the motif whose sentence discovery quoted, and the one a person completed: each captures as is
    const records = await capture(file, [first.id, 'titre-sejour-premiere-demande-etudiant']);
    assert.deepEqual(
      [...records.values()].map((r) => `${r.motif}=${r.outcome}`).sort(),
      [`${first.id}=no-slot`, 'titre-sejour-premiere-demande-etudiant=slot-available'].sort(),
    );
  });

  it('exits 2 without an address, with one that is not complete or with an --out taken or not named after --id, and 1 on a page without booking links', async () => {
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

    // --out and --id are agreed before any visit: no request reaches the site
    replica.reset();
    const dir = await tempDir();
    await writeFile(join(dir, 'val-d-oise.yaml'), 'déjà écrit\n');
    const url = 'https://www.val-doise.gouv.fr/booking/create/11404';
    const taken = await runCli(['discover', url, '--out', dir, '--replica', replica.origin]);
    assert.equal(taken.code, 2);
    assert.match(taken.stderr, /val-d-oise\.yaml existe déjà : discover ne remplace jamais un fichier cible/);
    assert.equal(await readFile(join(dir, 'val-d-oise.yaml'), 'utf8'), 'déjà écrit\n');
    const mismatch = await runCli(['discover', url, '--id', 'cergy', '--out', join(dir, 'val-d-oise.yaml')]);
    assert.equal(mismatch.code, 2);
    assert.match(mismatch.stderr, /et --id cergy ne concordent pas/);
    assert.deepEqual(replica.requests, []);
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
    assert.equal(prefectureIdOf('https://pprdv.interieur.gouv.fr/booking/create/948'), 'paris');
    assert.equal(prefectureIdOf('https://www.val-doise.gouv.fr/booking/create/11404'), 'val-d-oise');
    assert.equal(
      prefectureIdOf('https://www.alpes-de-haute-provence.gouv.fr/booking/create/1'),
      'alpes-de-haute-provence',
    );
    assert.equal(prefectureIdOf('https://www.hauts-de-seine.gouv.fr/booking/create/12083'), 'hauts-de-seine');
    assert.equal(prefectureIdOf('https://rendez-vous.prefecture-exemple.fr/prendre-rendez-vous'), 'prefecture-exemple');
    assert.equal(
      prefectureIdOf('https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/16040/'),
      'ma-prefecture',
    );
  });

  it('names the file after the id: --out a folder gets <id>.yaml, --out a file gives the id, and a mismatch is refused', () => {
    const name = (id: string | undefined, out: string | undefined, outIsFolder = false) =>
      nameTarget({ proposedId: 'val-d-oise', id, out, outIsFolder });
    assert.deepEqual(name(undefined, undefined), { id: 'val-d-oise', file: null });
    assert.deepEqual(name(undefined, 'scraper/targets', true), {
      id: 'val-d-oise',
      file: 'scraper/targets/val-d-oise.yaml',
    });
    assert.deepEqual(name('cergy', 'scraper/targets/', false), { id: 'cergy', file: 'scraper/targets/cergy.yaml' });
    assert.deepEqual(name(undefined, 'scraper/targets/oise-95.yaml'), {
      id: 'oise-95',
      file: 'scraper/targets/oise-95.yaml',
    });
    const refused: [string | undefined, string, RegExp][] = [
      ['val-d-oise', 'scraper/targets/val-doise.yaml', /ne concordent pas.*--out scraper\/targets\/val-d-oise\.yaml/],
      [
        undefined,
        "scraper/targets/Val-d'Oise.yaml",
        /le nom du fichier est l'id de la préfecture.*ex\. val-d-oise\.yaml/,
      ],
      [
        undefined,
        'scraper/targets/val-d-oise.yml',
        /se termine par \.yaml, ex\. --out scraper\/targets\/val-d-oise\.yaml/,
      ],
      ['Val_d_Oise', 'scraper/targets', /--id « Val_d_Oise » : un identifiant en minuscules/],
    ];
    for (const [id, out, problem] of refused) {
      const naming = name(id, out);
      assert.ok('problem' in naming, `${id} ${out}`);
      assert.match(naming.problem, problem);
    }
  });

  it('quotes the sentence of a result page that says no slot, and none from an error or a slot page', () => {
    const quoted: [string, string | null][] = [
      [
        "Résultat de votre recherche\nAucun rendez-vous n'est disponible pour le moment. De nouveaux créneaux…",
        "Aucun rendez-vous n'est disponible pour le moment.",
      ],
      [
        "Il n'existe plus de plage horaire libre pour votre demande. Veuillez recommencer ultérieurement.",
        "Il n'existe plus de plage horaire libre pour votre demande.",
      ],
      ['Désolé, aucune disponibilité ce mois-ci !', 'Désolé, aucune disponibilité ce mois-ci !'],
      ['Le planning   des rendez-vous est complet.', 'Le planning des rendez-vous est complet.'],
      ['Le service de prise de rendez-vous est momentanément indisponible.', null],
      ['Créneaux disponibles : mardi 19 mai 2026 à 09:30 — Réserver', null],
      ["Aucun cookie n'est déposé. Choisissez un motif.", null],
    ];
    for (const [text, sentence] of quoted) assert.equal(noSlotSentence(text), sentence, text);
  });
});
