/**
 * The Atom feed of a motif: its latest captures, newest first, each titled with its outcome and marked
 * « Changement » when the outcome differs from the capture before (a slot appearing, the site failing).
 * Links are relative to the feed's own address, which feed readers resolve; a capture whose page the size
 * budget left out links to its month page, which lists it.
 */
import type { MotifIndex } from '../model/site-index.ts';
import type { Deciding } from '../../scraper/evidence/quote.ts';
import { OUTCOME_LABELS } from '../../scraper/outcome/outcomes.ts';
import { monthKey } from '../model/stats.ts';
import type { Format } from './format.ts';
import { html } from './html.ts';
import { linksFrom, paths } from '../model/urls.ts';

/** The tool's account, then the page's own words between « » only when they may be quoted (evidence/quote.ts). */
function summary({ quote, description }: Deciding): string {
  return `${description ? ` Constat : ${description}.` : ''}${quote ? ` Texte relevé sur la page : « ${quote} ».` : ''}`;
}

export function atomFeed(motif: MotifIndex, { parisDateTime }: Format): string {
  const here = paths.feed(motif.prefecture, motif.motif);
  const to = linksFrom(here);
  const entries = motif.captures.filter((c) => c.deciding !== undefined);
  return html`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
<title>${motif.motifLabel} — ${motif.prefectureName}</title>
<subtitle>Les dernières tentatives de prise de rendez-vous capturées pour cette démarche.</subtitle>
<id>urn:screen-ta-prefecture:${motif.prefecture}/${motif.motif}</id>
<updated>${motif.captures[0]?.capturedAt ?? new Date(0).toISOString()}</updated>
<link rel="self" href="${to(here)}"/>
<link rel="alternate" type="text/html" href="${to(paths.motif(motif.prefecture, motif.motif))}"/>
<author><name>Screen ta préfecture</name></author>
${entries.map(
  (
    c,
  ) => html`<entry><title>${c.changed ? 'Changement : ' : ''}${OUTCOME_LABELS[c.outcome]} — ${parisDateTime(c.capturedAt)}</title><id>urn:screen-ta-prefecture:${c.id}</id><updated>${c.capturedAt}</updated><link rel="alternate" type="text/html" href="${to(c.page ? paths.capture(c.id) : paths.month(motif.prefecture, motif.motif, monthKey(c.paris)))}"/><summary>${OUTCOME_LABELS[c.outcome]}.${summary(c.deciding!)}</summary></entry>
`,
)}</feed>
`.text;
}
