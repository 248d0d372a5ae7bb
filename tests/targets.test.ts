import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadAllTargets, parseTarget, TARGETS_DIR, TargetFileError } from '../scraper/target/load.ts';
import { JSON_SCHEMA_FILE, SCHEMA_COMMENT, targetJsonSchema } from '../scraper/target/json-schema.ts';
import { departementOf } from '../scraper/target/departements.ts';
import { ROOT, runCli, tempDir } from './helpers.ts';

function problems(text: string, file = 'scraper/targets/paris.yaml'): string {
  try {
    parseTarget(text, file);
  } catch (error) {
    assert.ok(error instanceof TargetFileError, String(error));
    return error.message;
  }
  assert.fail('the target file was accepted');
}

const valid = `id: paris
name: Préfecture de police de Paris
motifs:
  - id: aes-vpf-charcot
    label: AES vie privée et familiale (CRE Charcot)
    platform: legacy-booking
    url: https://pprdv.interieur.gouv.fr/booking/create/948
`;

describe('target files', () => {
  it('loads every shipped target file, each with unique motif ids', async () => {
    const names = (await readdir(TARGETS_DIR)).filter((n) => n.endsWith('.yaml'));
    const targets = await loadAllTargets();
    assert.equal(targets.length, names.length);
    assert.ok(targets.length >= 2);
    for (const { target } of targets) {
      const ids = target.motifs.map((m) => m.id);
      assert.equal(new Set(ids).size, ids.length, `${target.id}: duplicate motif id`);
    }
  });

  it('keeps the committed JSON Schema of target files equal to the one the zod schema gives', async () => {
    const committed = await readFile(JSON_SCHEMA_FILE, 'utf8').catch(() => '');
    assert.ok(
      committed === targetJsonSchema(),
      `${JSON_SCHEMA_FILE} n'est plus à jour : lancez « npx tsx scraper/target/json-schema.ts »`,
    );
  });

  it('points editors at the JSON Schema from the first line of every target file', async () => {
    for (const name of (await readdir(TARGETS_DIR)).filter((n) => n.endsWith('.yaml'))) {
      const first = (await readFile(join(TARGETS_DIR, name), 'utf8')).split('\n')[0];
      assert.equal(first, SCHEMA_COMMENT, name);
    }
  });

  it('ships the seed motifs of Paris and Seine-Saint-Denis', async () => {
    const all = await loadAllTargets();
    const ids = all.flatMap(({ target }) => target.motifs.map((m) => `${target.id}/${m.id}`));
    for (const id of [
      'paris/aes-vpf-charcot',
      'paris/aes-vpf-truffaut',
      'paris/aes-travail-charcot-salarie',
      'paris/aes-travail-charcot-salarie-2',
      'paris/aes-travail-truffaut',
      'paris/raisons-medicales-charcot',
      'paris/raisons-medicales-truffaut',
      'paris/etudiant-premier-titre',
      'seine-saint-denis/aes-vpf-bobigny',
      'seine-saint-denis/aes-travail-bobigny',
      'seine-saint-denis/aes-le-raincy',
    ]) {
      assert.ok(ids.includes(id), `${id} missing`);
    }
  });

  it('fills the default settings', () => {
    const target = parseTarget(valid, 'paris.yaml');
    assert.equal(target.settings.capturesPerDay, 4);
    assert.equal(target.settings.retries, 2);
    assert.deepEqual(target.motifs[0]!.entry, { by: 'url', url: 'https://pprdv.interieur.gouv.fr/booking/create/948' });
  });

  const invalid: [string, string, RegExp][] = [
    ['bad YAML', 'id: paris\nmotifs: [\n', /paris\.yaml: YAML invalide/],
    [
      'an unknown platform',
      valid.replace('legacy-booking', 'minitel'),
      /motifs\[0\]\.platform: platform doit valoir legacy-booking, rdv-prefecture ou steps/,
    ],
    [
      'a duplicate motif id',
      valid + valid.slice(valid.indexOf('  - id:')),
      /motifs\[1\]\.id: « aes-vpf-charcot » est déjà l'identifiant de motifs\[0\]/,
    ],
    [
      'a missing url',
      valid.replace(/ {4}url: .*\n/, ''),
      /motifs\[0\]\.url: manquant\. Donnez l'adresse de la page de réservation/,
    ],
    ['a missing label', valid.replace(/ {4}label: .*\n/, ''), /motifs\[0\]\.label: manquant/],
    [
      'a url that is not one',
      valid.replace('https://pprdv.interieur.gouv.fr/booking/create/948', 'pprdv/948'),
      /motifs\[0\]\.url: une adresse complète/,
    ],
    [
      'an id that differs from the file name',
      valid.replace('id: paris', 'id: lyon'),
      /^.*paris\.yaml: id: « lyon » ne correspond pas au nom du fichier/,
    ],
    [
      'a misspelt field',
      valid.replace('platform:', 'plateforme: x\n    platform:'),
      /motifs\[0\]: champ inconnu : plateforme/,
    ],
    [
      'an index without its link',
      valid.replace(/ {4}url: .*\n/, '    index: https://pprdv.interieur.gouv.fr/Rendez-vous\n'),
      /motifs\[0\]\.link: manquant/,
    ],
    [
      'inverted hours',
      valid.replace('motifs:', 'settings:\n  hours: [20, 8]\nmotifs:'),
      /settings\.hours: la première heure \(20\) doit précéder la dernière \(8\)/,
    ],
  ];
  for (const [what, text, message] of invalid) {
    it(`refuses a target file with ${what}, naming the file and the field`, () => {
      assert.match(problems(text), message);
    });
  }

  const steps = `${valid}  - id: renouvellement
    label: Renouvellement
    platform: steps
    url: https://rendez-vous.exemple.fr/renouvellement
    steps:
      - click: Rechercher un créneau
    texts:
      noSlot: [À COMPLÉTER]
`;
  // What a person new to YAML writes, and the one line of French that tells where and what to do.
  const unfinished: [string, string, string][] = [
    [
      'a noSlot text left « À COMPLÉTER »',
      steps,
      `paris.yaml: motifs[1].texts.noSlot[0]: « À COMPLÉTER » reste à compléter : recopiez la phrase exacte que montre le site quand il n'y a aucun rendez-vous, ex. noSlot: ["Aucun rendez-vous n'est disponible"] (ligne 15)`,
    ],
    [
      'a placeholder written without accents nor capitals',
      steps.replace('[À COMPLÉTER]', '["Aucun créneau"]\n      slots: [a completer]'),
      'paris.yaml: motifs[1].texts.slots[0]: « a completer » reste à compléter : recopiez la phrase que montre le site quand il y a des créneaux, ou supprimez la ligne (facultatif) (ligne 16)',
    ],
    [
      'an empty name, said once',
      valid.replace('name: Préfecture de police de Paris', 'name:'),
      "paris.yaml: name: vide : écrivez le nom de la préfecture affiché sur les captures, ex. name: Préfecture du Val-d'Oise (ligne 2)",
    ],
    [
      'a label of spaces',
      valid.replace(/label: .*/, 'label: "  "'),
      'paris.yaml: motifs[0].label: vide : écrivez le nom exact de la démarche, tel que le site le montre (ligne 5)',
    ],
    [
      'a label holding « : » without quotes',
      valid.replace(/label: .*/, 'label: Titre : étudiant'),
      `paris.yaml: YAML invalide : le texte de cette ligne contient « : », que YAML prend pour un nouveau champ : mettez le libellé entre guillemets, ex. label: "Titre de séjour : étudiant" (ou entre apostrophes, en doublant celles du texte : 'Demande d''admission') (ligne 5, colonne 12)`,
    ],
    [
      'a field indented one space too far',
      valid.replace('    platform', '     platform'),
      "paris.yaml: YAML invalide : la ligne suivante est décalée comme si elle était à l’intérieur de celle-ci : alignez-la sur ses voisines ; si le texte de cette ligne contient « : », mettez le libellé entre guillemets, ex. label: \"Titre de séjour : étudiant\" (ou entre apostrophes, en doublant celles du texte : 'Demande d''admission') (ligne 5, colonne 12)",
    ],
    [
      'a tab as indentation',
      valid.replace('    platform', '\tplatform'),
      'paris.yaml: YAML invalide : une tabulation sert de décalage : remplacez-la par des espaces (ligne 6, colonne 1)',
    ],
    [
      'a field written twice',
      valid.replace('    platform', '    label: Autre\n    platform'),
      'paris.yaml: YAML invalide : ce champ est écrit deux fois dans le même bloc : gardez-en un seul (ligne 6, colonne 5)',
    ],
    [
      'an apostrophe inside apostrophes',
      valid.replace('name: Préfecture de police de Paris', "name: 'Préfecture de l'Oise'"),
      'paris.yaml: YAML invalide : caractère inattendu : un texte entre apostrophes qui en contient une s\'écrit entre guillemets doubles, ex. name: "Préfecture du Val-d\'Oise" (ligne 2, colonne 24)',
    ],
    [
      'a YAML mistake without its own explanation',
      valid.replace('name: Préfecture de police de Paris', 'name: &a &b Paris'),
      'paris.yaml: YAML invalide : le fichier ne se lit pas à cet endroit, vérifiez les décalages et les guillemets (MULTIPLE_ANCHORS : A node can have at most one anchor) (ligne 2, colonne 10)',
    ],
    [
      'an unknown platform, with its line',
      valid.replace('legacy-booking', 'minitel'),
      'paris.yaml: motifs[0].platform: platform doit valoir legacy-booking, rdv-prefecture ou steps (ligne 6)',
    ],
  ];
  for (const [what, text, message] of unfinished) {
    it(`refuses a target file with ${what}, in French with the line`, () => {
      assert.equal(problems(text, 'paris.yaml'), message);
    });
  }

  it('accepts a noSlot sentence marked « à confirmer » in a comment: a comment is not a value left to complete', () => {
    const confirmed = steps.replace(
      'noSlot: [À COMPLÉTER]',
      `noSlot: ["Aucun rendez-vous n'est disponible pour le moment."] # à confirmer : lu sur la page le 07/12/2026`,
    );
    const target = parseTarget(`# À COMPLÉTER plus tard : les autres motifs\n${confirmed}`, 'paris.yaml');
    const motif = target.motifs[1];
    assert.ok(motif?.platform === 'steps');
    assert.deepEqual(motif.texts.noSlot, ["Aucun rendez-vous n'est disponible pour le moment."]);
  });

  it('exits 2 with the message and writes nothing when capture is given an invalid target file', async () => {
    const dir = await tempDir();
    const file = join(dir, 'paris.yaml');
    await writeFile(file, valid + valid.slice(valid.indexOf('  - id:')));
    const archive = join(dir, 'archive');
    const result = await runCli(['capture', '--target', file, '--archive', archive]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /paris\.yaml: motifs\[1\]\.id: « aes-vpf-charcot » est déjà/);
    await assert.rejects(readdir(archive), /ENOENT/);
  });

  it('exits 2 on bad usage and on an unknown motif', async () => {
    const usage = await runCli(['capture', '--frobnicate']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /Usage : npm run capture/);
    const motif = await runCli(['capture', '--motif', 'nope']);
    assert.equal(motif.code, 2);
    assert.match(motif.stderr, /motif inconnu : nope\. Motifs disponibles : .*paris\/aes-vpf-charcot/);
  });
});

describe('the catalogue of préfectures (scraper/targets/)', () => {
  it('holds at least 25 préfectures, every Île-de-France one among them, each file named after its département', async () => {
    const ids = (await loadAllTargets()).map(({ target }) => target.id);
    assert.ok(ids.length >= 25, `${ids.length} fichiers`);
    for (const id of ids)
      assert.ok(departementOf(id), `${id}.yaml : pas le nom d'un département (target/departements.ts)`);
    const ileDeFrance = ['75', '77', '78', '91', '92', '93', '94', '95'].map(
      (code) => ids.find((id) => departementOf(id)?.code === code) ?? `manquant : ${code}`,
    );
    assert.deepEqual(ileDeFrance, [
      'paris',
      'seine-et-marne',
      'yvelines',
      'essonne',
      'hauts-de-seine',
      'seine-saint-denis',
      'val-de-marne',
      'val-d-oise',
    ]);
  });

  it('says for every motif where its address comes from and when that source showed it', async () => {
    const missing = (await loadAllTargets()).flatMap(({ target }) =>
      target.motifs.flatMap((motif, i) =>
        (['source', 'seen'] as const)
          .filter((field) => motif[field] === undefined)
          .map(
            (field) =>
              `scraper/targets/${target.id}.yaml: motifs[${i}].${field}: manquant. Chaque motif du catalogue dit ${field === 'source' ? "d'où vient son adresse (dépôt:fichier d'un robot public, ou adresse d'une page)" : 'la date de cette source (AAAA-MM-JJ, AAAA-MM ou AAAA)'}`,
          ),
      ),
    );
    assert.deepEqual(missing, []);
  });

  it('refuses a seen date that is not one', () => {
    const withSeen = (seen: string) => valid.replace('    platform:', `    seen: "${seen}"\n    platform:`);
    assert.equal(parseTarget(withSeen('2025-11'), 'paris.yaml').motifs[0]!.seen, '2025-11');
    assert.equal(parseTarget(withSeen('2020'), 'paris.yaml').motifs[0]!.seen, '2020');
    assert.match(problems(withSeen('11/2025')), /motifs\[0\]\.seen: une date AAAA-MM-JJ, AAAA-MM ou AAAA/);
    assert.match(problems(withSeen('2025-13')), /motifs\[0\]\.seen: une date/);
  });

  it('lists every préfecture of the catalogue at the top of docs/suivre-une-prefecture.md, with its motifs and platforms', async () => {
    const doc = await readFile(join(ROOT, 'docs', 'suivre-une-prefecture.md'), 'utf8');
    assert.match(doc, /^# [^\n]*\n+## Choisissez votre préfecture dans le catalogue\n/);
    const words = { 'legacy-booking': 'module « booking »', 'rdv-prefecture': 'RDV Préfecture', steps: 'site à lui' };
    for (const { target } of await loadAllTargets()) {
      const row = doc.split('\n').find((line) => line.includes(`| \`${target.id}\` |`));
      assert.ok(row, `${target.id} absent du tableau du catalogue`);
      const cells = row.split('|').map((cell) => cell.trim());
      assert.equal(cells[2], target.name, target.id);
      assert.equal(parseInt(cells[4]!, 10), target.motifs.length, `${target.id} : nombre de démarches`);
      for (const platform of new Set(target.motifs.map((m) => m.platform)))
        assert.ok(cells[5]!.includes(words[platform]), `${target.id} : ${platform}`);
    }
  });
});
