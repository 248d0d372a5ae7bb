import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { captureJobs } from '../scraper/capture/run.ts';
import { parseTarget, TargetFileError } from '../scraper/target/load.ts';
import { CUSTOM_TEXTS } from '../scraper/replica/custom/site.ts';
import { startReplica, type Replica } from '../scraper/replica/server.ts';
import { runCli, tempDir } from './helpers.ts';

process.env.STP_IP_ECHO_URL = 'off';

const HOST = 'rendez-vous.prefecture-exemple.fr';
const TEXTS = `    texts:
      noSlot: ["${CUSTOM_TEXTS.noSlot}"]
      slots: [${CUSTOM_TEXTS.slots}]
      error: [momentanément indisponible]
`;

/** A steps motif of the replica's custom site: index → démarche link → profile → checkbox → button → wait. */
function motif(id: string, demarche: string, profile: string | null, extra = ''): string {
  return `  - id: ${id}
    label: ${id}
    platform: steps
    index: https://${HOST}/prendre-rendez-vous
    link: "${demarche}"
    steps:
${profile === null ? '' : `      - choose: ${profile}\n`}      - check: ${CUSTOM_TEXTS.checkbox}
      - click: ${CUSTOM_TEXTS.button}
${extra}      - waitFor: ${CUSTOM_TEXTS.result}
${TEXTS}`;
}

const target = (motifs: string, settings = '  stepTimeoutMs: 4000\n  retries: 0\n') => `id: exemple
name: Préfecture de l'Exemple
settings:
${settings}motifs:
${motifs}`;

let replica: Replica;
before(async () => {
  replica = await startReplica();
});
after(() => replica.close());

function problems(text: string): string {
  try {
    parseTarget(text, 'exemple.yaml');
  } catch (error) {
    assert.ok(error instanceof TargetFileError, String(error));
    return error.message;
  }
  assert.fail('the target file was accepted');
}

describe('steps platform: target files', () => {
  const valid = target(motif('titre-salarie', 'Titre de séjour : première demande', 'salarié'));

  it('accepts a steps motif and fills its optional texts', () => {
    const parsed = parseTarget(
      target(
        `  - id: a\n    label: A\n    platform: steps\n    url: https://${HOST}/rendez-vous/naturalisation\n    steps:\n      - click: Rechercher un créneau\n    texts:\n      noSlot: [Aucun]\n`,
      ),
      'exemple.yaml',
    );
    const [first] = parsed.motifs;
    assert.equal(first?.platform, 'steps');
    assert.deepEqual(first?.platform === 'steps' ? first.texts : null, { noSlot: ['Aucun'], slots: [], error: [] });
    assert.equal(parseTarget(valid, 'exemple.yaml').motifs.length, 1);
  });

  const invalid: [string, string, RegExp][] = [
    [
      'a misspelt action',
      valid.replace('- check:', '- coche:'),
      /exemple\.yaml: motifs\[0\]\.steps\[1\]: une étape est une seule action parmi open \(adresse\), click/,
    ],
    [
      'two actions in one step',
      valid.replace('- choose: salarié', '- choose: salarié\n        click: Valider'),
      /motifs\[0\]\.steps\[0\]: une étape est une seule action parmi/,
    ],
    [
      'an address that is not one',
      valid.replace('- choose: salarié', '- open: rendez-vous/naturalisation'),
      /motifs\[0\]\.steps\[0\]\.open: une adresse complète/,
    ],
    [
      'an address on another site',
      valid.replace('- choose: salarié', '- open: https://ailleurs.example.fr/rdv'),
      /motifs\[0\]\.steps\[0\]\.open: l'adresse doit rester sur le site de départ \(rendez-vous\.prefecture-exemple\.fr\)/,
    ],
    [
      'no step',
      valid.replace(/ {4}steps:\n( {6}- .*\n)+/, '    steps: []\n'),
      /motifs\[0\]\.steps: au moins une étape/,
    ],
    ['no texts', valid.replace(/ {4}texts:\n( {6}.*\n)+/, ''), /motifs\[0\]\.texts: manquant/],
    [
      'no no-slot text',
      valid.replace(/noSlot: .*/, 'noSlot: []'),
      /motifs\[0\]\.texts\.noSlot: au moins un texte de la page « aucun créneau »/,
    ],
    [
      'one text for two outcomes',
      valid.replace('slots: [Créneaux disponibles]', `slots: ["${CUSTOM_TEXTS.noSlot}"]`),
      /motifs\[0\]\.texts\.slots\[0\]: « .* » est aussi dans texts\.noSlot/,
    ],
    ['no entry', valid.replace(/ {4}index: .*\n {4}link: .*\n/, ''), /motifs\[0\]\.url: manquant/],
  ];
  for (const [what, text, message] of invalid) {
    it(`refuses a steps motif with ${what}, naming the step or field`, () => {
      assert.match(problems(text), message);
    });
  }
});

describe('steps platform: captures on the replica’s custom site', () => {
  it('captures every outcome, each motif by its own choices, and names the step it could not do', async () => {
    replica.reset();
    const key = (path: string) => `${HOST}/${path}`;
    replica.setBehaviour(key('titre-de-sejour/etudiant'), 'slots');
    // drawn once per attempt, in file order: the first salarié motif sees no slot, the second a captcha
    replica.setBehaviour(key('titre-de-sejour/salarie'), ['no-slot', 'captcha']);
    replica.setBehaviour(key('renouvellement/salarie'), 'overloaded');
    replica.setBehaviour(key('renouvellement/etudiant'), 'bad-gateway');
    replica.setBehaviour(key('renouvellement/parent'), 'unknown-page');
    replica.setBehaviour(key('naturalisation'), 'forbidden');
    const text = target(
      [
        motif('titre-salarie', 'Titre de séjour : première demande', 'salarié'),
        motif('titre-etudiant', 'Titre de séjour : première demande', 'étudiant'),
        motif('renouvellement-salarie', "Renouvellement d'un titre de séjour", 'salarié'),
        motif('renouvellement-etudiant', "Renouvellement d'un titre de séjour", 'étudiant'),
        motif('renouvellement-parent', "Renouvellement d'un titre de séjour", "parent d'enfant français"),
        motif('naturalisation', 'Naturalisation : dépôt du dossier', null),
        motif('titre-salarie-verification', 'Titre de séjour : première demande', 'salarié'),
        motif('titre-retraite', 'Titre de séjour : première demande', 'retraité'),
      ].join(''),
    );
    const parsed = parseTarget(text, 'exemple.yaml');
    const archive = await tempDir();
    const summary = await captureJobs(
      parsed.motifs.map((m) => ({ target: parsed, motif: m })),
      { archive, replica: replica.origin, log: () => {}, sleep: async () => {} },
    );
    const seen = Object.fromEntries(
      summary.results.map((r) => {
        assert.ok(r.captured, r.captured ? '' : r.reason);
        return [r.record.motif, `${r.record.outcome} | ${r.record.evidence.matchedText}`];
      }),
    );
    assert.deepEqual(seen, {
      'titre-salarie': "no-slot | Aucun rendez-vous n'est disponible pour le moment.",
      'titre-etudiant': 'slot-available | Créneaux disponibles :',
      'renouvellement-salarie': 'site-error | Le service de prise de rendez-vous est momentanément indisponible.',
      'renouvellement-etudiant': 'site-error | 502 Bad Gateway',
      'renouvellement-parent':
        'unrecognized | étape 4 (steps[3], waitFor : Résultat de votre recherche) : texte jamais apparu dans le temps imparti',
      naturalisation: 'blocked | 403 Forbidden',
      'titre-salarie-verification': 'captcha | captcha détecté : Turnstile de Cloudflare (.cf-turnstile)',
      'titre-retraite':
        'unrecognized | étape 1 (steps[0], choose : retraité) : aucun bouton radio portant ce texte ; la page propose : « salarié », « étudiant »',
    });
    const first = summary.results[0];
    assert.ok(first?.captured);
    assert.deepEqual(
      first.record.steps.map((s) => s.name),
      [
        'open-index',
        'follow-link',
        'choose : salarié',
        `check : ${CUSTOM_TEXTS.checkbox}`,
        `click : ${CUSTOM_TEXTS.button}`,
        `waitFor : ${CUSTOM_TEXTS.result}`,
      ],
    );
    assert.equal(first.record.platform, 'steps');
    assert.ok(!replica.requests.some((r) => r.path.endsWith('/reserver')), 'never follows a booking link');
  });
});

describe('capture --dry-run', () => {
  it('captures into a fresh temporary folder, with a screenshot per step and a trace for an unrecognised page only', async () => {
    replica.reset();
    replica.setBehaviour(`${HOST}/naturalisation`, 'unknown-page');
    const dir = await tempDir();
    const file = join(dir, 'exemple.yaml');
    // the second motif meets a page it was never told about
    const forgetful = `  - id: sans-attente\n    label: Naturalisation\n    platform: steps\n    url: https://${HOST}/rendez-vous/naturalisation\n    steps:\n      - check: ${CUSTOM_TEXTS.checkbox}\n      - click: ${CUSTOM_TEXTS.button}\n${TEXTS}`;
    await writeFile(file, target(motif('titre-salarie', 'Titre de séjour : première demande', 'salarié') + forgetful));
    const result = await runCli(['capture', '--target', file, '--replica', replica.origin, '--dry-run']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const folder = /Essai terminé : tout est dans (\S+)/.exec(result.stdout)?.[1];
    assert.ok(folder, result.stdout);
    assert.match(result.stdout, /Essai à blanc : rien n'est écrit dans l'archive/);
    assert.match(result.stdout, /exemple \/ sans-attente : Page non reconnue/);
    const files = (await readdir(folder, { recursive: true })).sort();
    assert.deepEqual(
      files.filter((f) => f.startsWith('etapes/') && /\.(png|zip)$/.test(f)),
      [
        'etapes/exemple/sans-attente/essai-1/01-open.png',
        'etapes/exemple/sans-attente/essai-1/02-check-j-ai-pris-connaissance-liste-pieces-fournir.png',
        'etapes/exemple/sans-attente/essai-1/03-click-rechercher-creneau.png',
        'etapes/exemple/sans-attente/essai-1/trace.zip',
        'etapes/exemple/titre-salarie/essai-1/01-open-index.png',
        'etapes/exemple/titre-salarie/essai-1/02-follow-link.png',
        'etapes/exemple/titre-salarie/essai-1/03-choose-salarie.png',
        'etapes/exemple/titre-salarie/essai-1/04-check-j-ai-pris-connaissance-liste-pieces-fournir.png',
        'etapes/exemple/titre-salarie/essai-1/05-click-rechercher-creneau.png',
        'etapes/exemple/titre-salarie/essai-1/06-waitfor-resultat-votre-recherche.png',
      ],
    );
    assert.equal(files.filter((f) => f.startsWith('captures/exemple/') && f.endsWith('.png')).length, 2);
    assert.match(
      result.stdout,
      new RegExp(`npx playwright show-trace ${folder}/etapes/exemple/sans-attente/essai-1/trace\\.zip`),
    );
  });

  it('refuses --archive with --dry-run, which never writes to an archive', async () => {
    const result = await runCli(['capture', '--dry-run', '--archive', 'archive']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--dry-run écrit dans un dossier temporaire : retirez --archive/);
  });
});
