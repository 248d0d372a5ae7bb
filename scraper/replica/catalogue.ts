// Replica — the sites of the catalogue's target files, drawn from the files themselves, so that a dry run of any of
// them goes through its whole flow offline: its form (and the guichet its file names), or its index page and link,
// or its RDV Préfecture démarche. The bundled sites (sites.ts) are what the project knows of the real pages; these
// only echo what a target file says, so a capture on them proves the file is read and followed, not that its address
// is right (that is the motif's `verified`).

import { startUrl, type Motif, type Target } from '../target/schema.ts';
import { legacySites, type BookingForm, type Demarche, type LegacySite } from './sites.ts';

const FORM_PATH = /^(?:\/index\.php)?\/booking\/create\/(\d+)(?:\/\d+)?\/?$/;
const DEMARCHE_PATH = /^\/rdvpref\/reservation\/demarche\/(\d+)\/?/;

export interface CatalogueSites {
  legacy: LegacySite[];
  demarches: Demarche[];
  /** Motifs the replica cannot draw, and why (`<préfecture>/<motif> : …`). */
  problems: string[];
}

/** A site of the bundled replica or a new one for that host; forms are added to a copy, never to sites.ts. */
function siteFor(sites: Map<string, LegacySite>, host: string, target: Target): LegacySite {
  let site = sites.get(host);
  if (!site) {
    const bundled = legacySites.find((s) => s.host === host);
    site = bundled
      ? { ...bundled, forms: [...bundled.forms], ...(bundled.indexPage ? { indexPage: { ...bundled.indexPage } } : {}) }
      : { host, prefecture: target.name, forms: [] };
    sites.set(host, site);
  }
  return site;
}

/**
 * The form of that id on the site as the target files draw it: a bundled form of the same number gives way (what the
 * file says is what is tried), and the guichet the motif names is added to it.
 */
function formFor(site: LegacySite, drawn: Set<BookingForm>, id: string, name: string, planning: string | undefined) {
  let form = site.forms.find((f) => f.id === id && drawn.has(f));
  if (!form) {
    form = { id, name, guichets: [] };
    drawn.add(form);
    site.forms = [...site.forms.filter((f) => f.id !== id), form];
  }
  if (planning !== undefined && !form.guichets.some((g) => g.label === planning)) {
    // a form with one guichet skips step 1 (docs/sites/legacy.md « Étapes »): a second one makes it show
    const guichets =
      form.guichets.length === 0 ? [{ planning: `${id}1`, label: `Autre guichet du formulaire ${id}` }] : [];
    form.guichets = [...form.guichets, ...guichets, { planning: `${id}${form.guichets.length + 2}`, label: planning }];
  }
  return form;
}

function addLegacy(
  sites: Map<string, LegacySite>,
  drawn: Set<BookingForm>,
  target: Target,
  motif: Extract<Motif, { platform: 'legacy-booking' }>,
) {
  const start = new URL(startUrl(motif.entry));
  const site = siteFor(sites, start.hostname, target);
  if (motif.entry.by === 'url') {
    const id = FORM_PATH.exec(start.pathname)?.[1];
    if (id === undefined) return `adresse sans /booking/create/<numéro> : ${motif.entry.url}`;
    formFor(site, drawn, id, motif.label, motif.planning);
    return null;
  }
  const { link, linkIndex } = motif.entry;
  const index = site.indexPage ?? { path: start.pathname, title: 'Prendre un rendez-vous', links: [] };
  if (index.path !== start.pathname) return `une seconde page index sur ${start.hostname} : ${start.pathname}`;
  const known = index.links.filter((l) => l.text === link);
  if (known.length < linkIndex) {
    // a number no real form uses; as many links as the motif's linkIndex needs
    const form = formFor(site, drawn, `99${site.forms.length + 100}`, motif.label, motif.planning);
    const links = Array.from({ length: linkIndex - known.length }, () => ({
      text: link,
      href: `/booking/create/${form.id}`,
    }));
    site.indexPage = { ...index, links: [...index.links, ...links] };
  }
  return null;
}

/**
 * The replica's drawing of these targets' motifs, bundled sites kept and completed. Give it the files the bundled
 * replica does not already serve as they are (not SEED_TARGETS): theirs are what the project knows of the real pages.
 */
export function catalogueSites(targets: readonly Target[]): CatalogueSites {
  const sites = new Map<string, LegacySite>();
  const drawn = new Set<BookingForm>();
  const demarches: Demarche[] = [];
  const problems: string[] = [];
  for (const target of targets) {
    for (const motif of target.motifs) {
      let problem: string | null = null;
      if (motif.platform === 'legacy-booking') problem = addLegacy(sites, drawn, target, motif);
      else if (motif.platform === 'rdv-prefecture') {
        const id = motif.entry.by === 'url' ? DEMARCHE_PATH.exec(new URL(motif.entry.url).pathname)?.[1] : undefined;
        if (id === undefined) problem = 'adresse sans /rdvpref/reservation/demarche/<numéro>';
        else if (!demarches.some((d) => d.id === id))
          demarches.push({ id, prefecture: target.name, title: motif.label });
      } else problem = 'un site à lui (steps) : la réplique ne sert que ses propres pages';
      if (problem !== null) problems.push(`${target.id}/${motif.id} : ${problem}`);
    }
  }
  return { legacy: [...sites.values()], demarches, problems };
}
