/**
 * Section 2: the legal note (what courts accept and ask for — docs/dossier.md « Ce que demandent les tribunaux ») and
 * the method annex (how captures are made, what is recorded with each, how to check one). Text flows over as many pages
 * as it needs. The provenance paragraph is computed from the records when they carry it.
 */
import type { PDFPage } from 'pdf-lib';
import { CONTENT_WIDTH, createFlow, GREY, type Kit } from './pdf.ts';
import type { DossierRecord } from './entry.ts';
import type { DossierSummary } from './summary.ts';
import { NO_SITE } from './site-url.ts';
import { hasVerifiedTimestamp, normRows, spreadCheck } from './criteria.ts';
import { plural } from '../evidence/french.ts';

export interface NotesInfo {
  summary: DossierSummary;
  records: readonly DossierRecord[];
  siteUrl: string | null;
  repository: string | null;
}

function counted(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const list = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = list.slice(0, 8).map(([v, n]) => (list.length > 1 ? `${v} (${n})` : v));
  return shown.join(' ; ') + (list.length > 8 ? ` ; et ${plural(list.length - 8, 'autre', 'autres')}` : '');
}

/** What the records say about where and how their captures were made; empty when the source has no provenance. */
export function provenanceLines(records: readonly DossierRecord[]): string[] {
  const provenances = records.flatMap((r) => (r.provenance ? [r.provenance] : []));
  if (provenances.length === 0) return [];
  const proxied = provenances.filter((p) => p.proxy).length;
  return [
    `Navigateur : ${counted(provenances.map((p) => p.browser))}.`,
    `Machines : ${counted(provenances.map((p) => p.machine))}.`,
    `Adresses IP publiques : ${counted(
      records.flatMap((r) =>
        !r.provenance
          ? []
          : [
              r.mode === 'witness'
                ? 'non publiée (captures faites par une personne)'
                : (r.provenance.publicIp ?? 'non relevée'),
            ],
      ),
    )}.`,
    `Proxy : ${proxied === 0 ? 'aucun' : `utilisé pour ${plural(proxied, 'capture', 'captures')} sur ${provenances.length} (son adresse n’est pas publiée)`}.`,
    `Profil de navigateur neuf (ni cookies ni cache) : ${provenances.every((p) => p.freshProfile) ? 'oui, pour chaque capture' : 'non pour certaines captures'}.`,
    `Programme : ${counted(provenances.map((p) => p.software))}.`,
    ...(provenances.some((p) => p.server !== undefined)
      ? [
          `Serveurs de la préfecture (adresse IP et port) : ${counted(provenances.map((p) => p.server ?? 'non relevé'))}.`,
        ]
      : []),
    ...(provenances.some((p) => p.tls)
      ? [`Connexion chiffrée : ${counted(provenances.map((p) => p.tls ?? 'non relevée'))}.`]
      : []),
  ];
}

export function drawNotes(kit: Kit, first: PDFPage, info: NotesInfo): void {
  const flow = createFlow(kit, first);
  const { summary } = info;
  const site = info.siteUrl ?? NO_SITE;
  const repository = info.repository ?? '<propriétaire>/<dépôt>';
  const small = { size: 9.5 };
  const code = { font: 'mono' as const, size: 8.5 };

  flow.heading('2. Note juridique', 16);
  flow.gap(6);
  flow.paragraph(
    'Ce dossier rassemble des captures d’écran de la page de prise de rendez-vous de la préfecture, faites automatiquement à des ' +
      'jours et à des heures variés. Il sert à montrer qu’aucun rendez-vous ne peut être obtenu pour la démarche indiquée, par ' +
      'exemple à l’appui d’une requête en référé « mesures utiles » (article L. 521-3 du code de justice administrative) ou ' +
      'd’un courrier à la préfecture.',
  );
  flow.heading('Des captures anonymes sont recevables', 11);
  flow.paragraph(
    'Le Conseil d’État admet des captures d’écran qui ne portent pas le nom du demandeur : la page indiquant l’absence de ' +
      'créneau « est toujours anonyme, dès lors qu’elle apparaît avant même que l’étranger ait été en mesure d’enregistrer ses ' +
      'données personnelles » (CE, 21 avril 2021, n° 448178).',
  );
  flow.heading('Des tentatives réparties sur plusieurs semaines', 11);
  flow.paragraph(
    'Les juges des référés demandent que le demandeur n’ait pu obtenir de rendez-vous « malgré plusieurs tentatives n’ayant pas ' +
      'été effectuées la même semaine » (TA Cergy, ord. 2 novembre 2020, n° 2010725 ; TA Paris, ord. 3 novembre 2020, ' +
      'n° 2016798/9). Les demandes accueillies s’appuyaient sur des captures réparties sur au moins trois semaines ; les ' +
      `tribunaux regardent aussi le nombre de jours et la variété des heures. Ce dossier couvre ` +
      `${plural(summary.weeks.length, 'semaine distincte', 'semaines distinctes')} et ${plural(summary.days.length, 'jour', 'jours')}, de ${summary.earliest.time} à ${summary.latest.time} (heure de Paris) : ` +
      'voir le résumé.',
  );
  flow.paragraph(spreadCheck(summary).text);
  flow.heading('Portée de ce document', 11);
  flow.paragraph(
    'Ce dossier n’est pas un constat de commissaire de justice. Chaque capture montre ce que le site de la préfecture affichait, ' +
      'au moment indiqué, à un navigateur neuf. Il complète les démarches personnelles du demandeur (courriels à la préfecture, ' +
      'captures faites par lui-même), qu’il est prudent de conserver et de produire aussi.',
  );

  flow.gap(10);
  flow.heading('Annexe : méthode', 16);
  flow.heading('Comment les captures sont faites', 11);
  flow.bullet(
    'Un programme au code source public, « Screen ta préfecture », ouvre la page de prise de rendez-vous dans le navigateur ' +
      'Chromium, avec un profil neuf (ni cookies ni cache), et suit le parcours qu’une personne suivrait (conditions ' +
      'd’utilisation, choix du guichet) jusqu’à la page qui propose, ou non, des créneaux.',
    small,
  );
  flow.bullet(
    'Il enregistre cette page entière en image PNG, sans perte, et classe le résultat d’après le texte que le site affiche.',
    small,
  );
  flow.bullet(
    'Il ne réserve jamais de rendez-vous, ne saisit aucune donnée personnelle et ne résout jamais de captcha. Quand un captcha ' +
      'précède la page des créneaux, la capture le montre ; si une personne l’a résolu elle-même, la capture le dit.',
    small,
  );
  const witnessed = info.records.filter((r) => r.mode === 'witness').length;
  if (witnessed > 0)
    flow.bullet(
      `${witnessed === info.records.length ? 'Toutes les' : `${witnessed} des`} tentatives de ce dossier ont été faites par une ` +
        'personne (le demandeur ou un proche), dans une fenêtre de navigateur ouverte par le programme (« mode témoin ») : ' +
        'la personne a navigué et résolu elle-même captcha ou connexion ; le programme a seulement enregistré la page, ' +
        'de la même façon et avec les mêmes relevés que ses propres captures. Il n’enregistre rien de ce que la personne saisit.',
      small,
    );
  flow.bullet(
    'Les tentatives sont lancées à des heures tirées au hasard, une seule à la fois par site. Les heures sont celles de la ' +
      'machine qui capture, en heure de Paris et en UTC ; l’heure du serveur de la préfecture (en-tête HTTP Date) est aussi conservée.',
    small,
  );
  flow.heading('Ce qui est enregistré avec chaque capture', 11);
  flow.paragraph(
    'Un relevé (fichier JSON) accompagne chaque image : date et heure, adresse de la page, étapes suivies, code de réponse HTTP, ' +
      'texte qui a décidé du résultat, navigateur et sa version, système de la machine, adresse IP publique, usage ou non d’un ' +
      'proxy, version du programme — les éléments que relève un constat selon la norme AFNOR NF Z67-147.',
    small,
  );
  const provenance = provenanceLines(info.records);
  if (provenance.length > 0) {
    flow.paragraph(
      'Pour les captures de ce dossier (nombre de captures entre parenthèses quand il y a plusieurs valeurs) :',
      small,
    );
    for (const line of provenance) flow.bullet(line, small);
  }
  flow.heading('NF Z67-147 : point par point', 11);
  flow.paragraph(
    'Ce que la norme AFNOR NF Z67-147 demande de relever lors d’un constat sur internet, ce que les relevés des captures de ce ' +
      'dossier contiennent, et si le point est rempli :',
    small,
  );
  flow.table(
    [
      { header: 'Ce que demande la norme', width: 150 },
      { header: 'Ce que contiennent les relevés de ces captures', width: CONTENT_WIDTH - 200 },
      { header: 'Rempli', width: 50 },
    ],
    normRows(info.records).map((row) => [row.asked, row.held, row.met]),
    { size: 8.5 },
  );
  flow.heading('Vérifier une capture', 11);
  flow.paragraph(
    'L’empreinte SHA-256 identifie une image : la moindre modification du fichier la change. Elle est imprimée en entier sous ' +
      `chaque capture. Pour vérifier une image, la télécharger depuis sa page sur le site public (${site}) et calculer son ` +
      'empreinte ; le résultat doit être identique à celui qui est imprimé :',
    small,
  );
  for (const command of [
    'sha256sum image.png                 (Linux)',
    'shasum -a 256 image.png             (macOS)',
    'certutil -hashfile image.png SHA256 (Windows)',
  ]) {
    flow.paragraph(command, code, 16);
  }
  const { records } = info;
  flow.paragraph(
    'Chaque série de captures est inscrite dans un manifeste (dossier manifests/ de l’archive) qui donne l’empreinte de chaque ' +
      'fichier ; chaque relevé de ce dossier a été comparé à son manifeste, et un relevé modifié depuis en est écarté. Pour ' +
      'vérifier les fichiers de l’archive :',
    small,
  );
  flow.paragraph('sha256sum -c manifests/<fichier>.sha256', code, 16);
  for (const line of protectionLines(records)) flow.paragraph(line, small);
  if (records.some((r) => r.provenance?.machine.startsWith('GitHub Actions')))
    flow.paragraph(`gh attestation verify manifests/<fichier>.sha256 --repo ${repository}`, code, 16);
  if (records.some(hasVerifiedTimestamp))
    flow.paragraph(
      'openssl ts -verify -data manifests/<fichier>.sha256 -in manifests/<fichier>.sha256.<autorité>.tsr -CAfile <racine>.pem',
      code,
      16,
    );
  flow.paragraph(
    'Limite : une empreinte, une attestation et un horodatage prouvent quand et par quel programme une image a été enregistrée ' +
      'et qu’elle n’a pas été modifiée depuis ; ils ne prouvent pas à eux seuls ce que le serveur de la préfecture a envoyé.',
    { ...small, color: GREY },
  );
}

/**
 * The protections these captures have beyond their manifest, counted, never promised: an attestation exists only for
 * a run published by GitHub Actions (the dossier cannot check it offline), a timestamp counts only once its reply
 * passed the check `npm run verify` makes.
 */
export function protectionLines(records: readonly DossierRecord[]): string[] {
  const total = records.length;
  /** « la capture a », « les 3 captures ont », « 2 des 5 captures ont ». */
  const some = (n: number, one: string, many: string) =>
    total === 1 ? `la capture ${one}` : `${n === total ? 'les' : `${n} des`} ${total} captures ${n === 1 ? one : many}`;
  const actions = records.filter((r) => r.provenance?.machine.startsWith('GitHub Actions')).length;
  const stamped = records.filter(hasVerifiedTimestamp).length;
  const unverified = records.filter((r) => !hasVerifiedTimestamp(r) && (r.timestamps?.length ?? 0) > 0).length;
  return [
    actions === 0
      ? 'Attestation GitHub : aucune capture de ce dossier n’a été faite par GitHub Actions ; leurs manifestes n’ont pas ' +
        'd’attestation GitHub.'
      : `Attestation GitHub : ${some(actions, 'a été faite', 'ont été faites')} par GitHub Actions, dont la publication ` +
        'joint au manifeste une attestation signée (Sigstore) qui le lie au dépôt, au commit et à l’exécution ; ce dossier ' +
        'ne l’a pas vérifiée (il faut GitHub) : la commande ci-dessous le fait.',
    stamped === 0
      ? 'Horodatage RFC 3161 : aucune capture de ce dossier n’a d’horodatage vérifié par une autorité indépendante' +
        (unverified > 0 ? ` (${some(unverified, 'en a un', 'en ont un')} qui n’a pas passé la vérification).` : '.')
      : `Horodatage RFC 3161 : ${some(stamped, 'a', 'ont')} un manifeste horodaté par une autorité indépendante de GitHub ` +
        'et du projet, dont la réponse signée (manifests/<fichier>.sha256.<autorité>.tsr) a été vérifiée comme le fait ' +
        'npm run verify (signature, chaîne jusqu’à la racine de l’autorité, empreinte du manifeste, date)' +
        (unverified > 0
          ? ` ; ${some(unverified, 'a', 'ont')} une réponse qui n’a pas passé cette vérification.`
          : '.') +
        ' Une réponse se vérifie aussi hors ligne, avec le certificat racine de l’autorité :',
  ];
}
