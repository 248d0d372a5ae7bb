/**
 * The direction of the code (docs/organisation.md), checked by `npm test` (`npm run lint`).
 * Imports go one way, from the entry points down to pure logic: a folder imports only from its own files and
 * from the layers below its own, never from a layer above nor from another folder of its own layer. A folder
 * is a regular expression on the path; `site/` is one folder (its entry files, templates and browser
 * scripts) except its command files, `pipeline/`, `render/` and `model/` (the index types, the pure
 * statistics and the address plan, which the dossier reads too).
 */

/** From the top down. Each entry: a layer's name and the folders it holds. @type {[string, string[]][]} */
const LAYERS = [
  ['entrées', ['^scraper/cli\\.ts$', '^scraper/bench/', '^site/build\\.ts$', '^site/observatory/main\\.ts$']],
  ['commandes', ['^scraper/commands/']],
  // the site's command: `npm run site`, and the demonstration's last step
  // and `npm run observatory`
  ['commande-site', ['^site/(command|serve)\\.ts$', '^site/observatory/command\\.ts$']],
  // the booking sites and a time-stamping authority, offline: started by the demonstration, the benches, the tests
  ['réplique', ['^scraper/replica/']],
  ['ligne-de-commande', ['^scraper/command-line/']],
  [
    'traitements',
    [
      '^scraper/capture/',
      '^scraper/ci/',
      '^scraper/discover/',
      '^site/(?!model/|pipeline/|render/|build\\.ts$|command\\.ts$|serve\\.ts$|observatory/(command|main)\\.ts$)',
    ],
  ],
  // the pass over the archive, then the pages it renders: both read site/model/
  ['site-passe', ['^site/pipeline/']],
  ['site-pages', ['^site/render/']],
  ['dossier', ['^scraper/dossier/']],
  // the applicant's own steps (personnel/journal/): read by the dossier and refused by the publisher
  ['journal', ['^scraper/journal/']],
  ['horodatage', ['^scraper/timestamp/']],
  ['navigation', ['^scraper/navigate/']],
  ['cible', ['^scraper/target/']],
  ['archive', ['^scraper/archive/']],
  // the index types, the pure statistics and the address plan: the site and the dossier read them
  ['modèle-du-site', ['^site/model/']],
  ['preuve', ['^scraper/evidence/']],
  ['base', ['^scraper/outcome/', '^scraper/git/']],
];

const layerRules = LAYERS.flatMap(([name, folders], rank) => {
  const upToHere = LAYERS.slice(0, rank + 1).flatMap(([, f]) => f);
  return folders.map((folder, i) => ({
    name: `couche-${name}${folders.length > 1 ? `-${i + 1}` : ''}`,
    comment: `${folder} (couche « ${name} ») n'importe que ses propres fichiers et les couches au-dessous de la sienne`,
    severity: 'error',
    from: { path: folder },
    to: { path: upToHere.filter((f) => f !== folder).join('|') },
  }));
});

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'pas-de-boucle',
      comment: 'deux fichiers du produit ne s’importent pas l’un l’autre, même par un détour ni par un type seul',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'dans-une-couche',
      comment: 'tout dossier du produit a sa place dans LAYERS : ajoutez-y un nouveau dossier',
      severity: 'error',
      from: {
        path: '^(scraper|site)/',
        pathNot: LAYERS.flatMap(([, folders]) => folders).join('|'),
      },
      to: {},
    },
    {
      name: 'pas-de-tests-dans-le-produit',
      severity: 'error',
      from: { path: '^(scraper|site)/' },
      to: { path: '^tests/' },
    },
    {
      name: 'paquet-declare',
      comment: 'tout paquet importé est dans package.json',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'introuvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // TypeScript 7 has no JavaScript interface: swc reads the sources. Type-only imports count too.
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|archive)/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      extensions: ['.ts', '.mjs', '.js', '.json'],
      conditionNames: ['import', 'types', 'node', 'default'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
