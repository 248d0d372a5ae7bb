/** Every field of a record, in plain French, for the capture page. Values are escaped by `html`. */
import { signalQuotes, type Deciding } from '../../scraper/evidence/quote.ts';
import type { EvidenceRecord, Runner } from '../../scraper/evidence/record.ts';
import { MASKED_NOTE } from '../../scraper/evidence/banner.ts';
import { utcDateTime } from '../../scraper/evidence/time.ts';
import { OUTCOME_LABELS } from '../../scraper/outcome/outcomes.ts';
import { dateTime } from './dates.ts';
import { count, seconds } from './numbers.ts';
import { html, linkOrText, type Html } from './html.ts';

type Row = [label: string, value: Html | string | number];

const yesNo = (value: boolean) => (value ? 'oui' : 'non');
const code = (text: string) => html`<code>${text}</code>`;
/** Paris time to the second, and the UTC instant as stored. */
const instant = (iso: string) => html`${dateTime(iso, true)} <span class="utc">(${utcDateTime(iso)})</span>`;

/** The server's `Date` header in Paris time, beside the header as it came (an unreadable one alone). */
function serverDate(header: string | null): Html | string {
  if (header === null) return 'non transmise';
  const ms = Date.parse(header);
  if (Number.isNaN(ms)) return html`${code(header)} (date illisible)`;
  return html`${dateTime(new Date(ms).toISOString(), true)} (heure de Paris) — en-tête reçu : ${code(header)}`;
}

function group(title: string, rows: Row[]): Html {
  return html`<h3>${title}</h3><dl class="fields">${rows.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>`;
}

function machine(runner: Runner): Row[] {
  if (runner.kind === 'local') return [['Machine', html`ordinateur local (${runner.os}) ${code(runner.kind)}`]];
  return [
    [
      'Machine',
      html`GitHub Actions, « ${runner.runnerName} » (${runner.os}), dépôt ${runner.repository} ${code(runner.kind)}`,
    ],
    ['Exécution GitHub Actions', linkOrText(runner.runUrl, `n° ${runner.runId}`)],
  ];
}

function steps(record: EvidenceRecord): Html {
  return html`<h3 id="etapes">Les étapes suivies</h3><div class="scroll" role="region" tabindex="0" aria-labelledby="etapes"><table aria-labelledby="etapes"><thead><tr><th scope="col">Étape</th><th scope="col">Adresse à la fin de l’étape</th><th scope="col">Statut HTTP</th><th scope="col">Durée</th></tr></thead><tbody>${record.steps.map(
    (s) =>
      html`<tr><td>${code(s.name)}</td><td class="url">${linkOrText(s.url)}</td><td>${s.status ?? '—'}</td><td>${seconds(s.durationMs)}</td></tr>`,
  )}</tbody></table></div>`;
}

function retries(record: EvidenceRecord): Html {
  if (record.retries.length === 0)
    return html`<h3>Essais précédents</h3><p>Aucun : la capture vient du premier essai.</p>`;
  return html`<h3 id="essais">Essais précédents, terminés par une erreur du site</h3><div class="scroll" role="region" tabindex="0" aria-labelledby="essais"><table aria-labelledby="essais"><thead><tr><th scope="col">Heure</th><th scope="col">Résultat</th><th scope="col">Constat</th></tr></thead><tbody>${record.retries.map(
    (r) =>
      html`<tr><td>${instant(r.at)}</td><td>${OUTCOME_LABELS[r.outcome]} ${code(r.outcome)}</td><td>${r.description ?? r.matchedText}</td></tr>`,
  )}</tbody></table></div>`;
}

/** What records carry since the server's identity is kept; older records have none of these rows. */
function serverRows(evidence: EvidenceRecord['evidence']): Row[] {
  const { server, tls, clockOffsetMs } = evidence;
  return [
    ...(server !== undefined
      ? [
          [
            'Serveur qui a envoyé la page (adresse IP et port)',
            server ? code(`${server.ip}:${server.port}`) : 'inconnu',
          ] as Row,
        ]
      : []),
    ...(tls !== undefined
      ? tls
        ? ([
            ['Connexion chiffrée', tls.protocol ?? 'protocole inconnu'],
            ['Certificat du site : titulaire', tls.subject ?? 'inconnu'],
            ['Certificat du site : émetteur', tls.issuer ?? 'inconnu'],
            [
              'Certificat du site : validité',
              tls.validFrom && tls.validTo ? html`du ${instant(tls.validFrom)} au ${instant(tls.validTo)}` : 'inconnue',
            ],
            [
              'Certificat du site : empreinte SHA-256',
              tls.sha256Fingerprint ? html`<code class="hash">${tls.sha256Fingerprint}</code>` : 'non relevée',
            ],
          ] as Row[])
        : [['Connexion chiffrée', 'non (HTTP)'] as Row]
      : []),
    ...(clockOffsetMs !== undefined
      ? [
          [
            'Écart entre l’heure du serveur et celle de la machine',
            clockOffsetMs === null
              ? 'inconnu'
              : `${seconds(clockOffsetMs)} (l’en-tête Date compte en secondes entières)`,
          ] as Row,
        ]
      : []),
  ];
}

/** What decided: the tool's account, and the page's words between quotation marks only when they may be quoted. */
function decidingRows({ quote, description }: Deciding, evidence: EvidenceRecord['evidence']): Row[] {
  const conflicting = evidence.rule === 'contradiction' ? signalQuotes(evidence) : [];
  return [
    ...(description ? [['Ce que le robot a constaté', description] as Row] : []),
    ...(quote ? [['Texte de la page qui a décidé du résultat', html`<q>${quote}</q>`] as Row] : []),
    ...(conflicting.length > 0
      ? [
          [
            'Textes de la page qui se contredisent',
            html`<ul>${conflicting.map((s) => html`<li><q>${s.quote}</q> (${s.description})</li>`)}</ul>`,
          ] as Row,
        ]
      : []),
  ];
}

/** `said`: what decided the outcome, as `deciding` (evidence/quote.ts) answers for the record and its page text. */
export function recordFields(record: EvidenceRecord, said: Deciding): Html {
  const { evidence, imageSize, provenance: p } = record;
  return html`${group('La tentative', [
    ['Identifiant de la capture', code(record.id)],
    ['Préfecture', html`${record.prefectureName} ${code(record.prefecture)}`],
    ['Démarche', html`${record.motifLabel} ${code(record.motif)}`],
    ['Plateforme de réservation', code(record.platform)],
    ['Début de la tentative', instant(record.startedAt)],
    ['Capture de la page', instant(record.capturedAt)],
    ['Durée', seconds(record.durationMs)],
    ['Résultat', html`${OUTCOME_LABELS[record.outcome]} ${code(record.outcome)}`],
    ['Captcha résolu par une personne', yesNo(record.assisted)],
    ['Version du format d’enregistrement', record.version],
  ])}
${group('La page finale', [
  ['Adresse', html`<span class="url">${linkOrText(record.url)}</span>`],
  ['Adresse de départ', html`<span class="url">${linkOrText(record.startUrl)}</span>`],
  ['Titre', evidence.title],
  ...decidingRows(said, evidence),
  ['Règle qui a décidé (docs/resultats.md)', evidence.rule ? code(evidence.rule) : 'non enregistrée (ancien format)'],
  ['Statut HTTP', evidence.httpStatus ?? 'aucune réponse HTTP'],
  ['Heure du serveur de la préfecture (en-tête Date)', serverDate(evidence.serverDate)],
  ['Dernière étape franchie', code(evidence.step)],
  ...serverRows(evidence),
  ...(evidence.masked
    ? [
        [
          'Masqué par l’outil avant la capture',
          html`${MASKED_NOTE} (${evidence.masked.map((s, i) => html`${i ? ', ' : ''}${code(s)}`)})`,
        ] as Row,
      ]
    : []),
])}
${steps(record)}
${retries(record)}
${group('Les fichiers', [
  [
    'Image de la page',
    html`${code(record.image)}, ${imageSize.width} × ${imageSize.height} pixels, ${count(imageSize.bytes)} octets`,
  ],
  ['SHA-256 de l’image', html`<code class="hash">${record.sha256}</code>`],
  ['Aperçu', code(record.thumbnail)],
  ['SHA-256 de l’aperçu', html`<code class="hash">${record.thumbnailSha256}</code>`],
  ...(record.text
    ? ([
        ['Texte de la page', code(record.text)],
        ['SHA-256 du texte', html`<code class="hash">${record.textSha256}</code>`],
      ] as Row[])
    : []),
])}
${group('Provenance (éléments d’un constat selon la norme NF Z67-147)', [
  ['Navigateur', `${p.browser.name} ${p.browser.version}`],
  ['Identification du navigateur (User-Agent)', html`<span class="url">${p.userAgent}</span>`],
  ['Taille de la fenêtre', `${p.viewport.width} × ${p.viewport.height} pixels`],
  ['Profil de navigateur neuf, sans cookies ni cache', yesNo(p.freshProfile)],
  ['Passage par un proxy', yesNo(p.proxy)],
  ...machine(p.runner),
  [
    'Adresse IP publique de la machine',
    // A person's own address says where they live or work: never printed, even by a record that holds it.
    record.mode === 'witness' ? 'non publiée (capture faite par une personne)' : (p.publicIp ?? 'inconnue'),
  ],
  [
    'Logiciel',
    html`${p.software.name} ${p.software.version}${p.software.commit ? html`, commit ${code(p.software.commit)}` : ', commit non renseigné'}`,
  ],
])}`;
}
