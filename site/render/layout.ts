/**
 * The frame of every page: French, one stylesheet and one deferred script from the site itself (no
 * external resource), a skip link, breadcrumbs, and a footer saying what the robot never does.
 */
import { html, type Html } from './html.ts';
import { linksFrom, paths } from '../model/urls.ts';
import type { Format } from './format.ts';

export interface SiteContext {
  /** `owner/repo` on GitHub, for links to the archive branch and the Actions runs; null when unknown. */
  repository: string | null;
  /** Built from the replica's captures (`npm run demo`): a banner on every page says so. */
  demo?: boolean;
  /**
   * When this build ran (ISO). Capture and month pages go without it: they depend on their captures alone, so
   * that a build after a run rewrites only the pages that changed (construction incrémentale).
   */
  generatedAt?: string;
}

/** What the capture and month pages know of the build: never when it ran. */
export type TimelessContext = Pick<SiteContext, 'repository' | 'demo'>;

export interface Crumb {
  label: string;
  path: string;
}

export interface PageFrame {
  /** Site path of this page (see `paths`). */
  here: string;
  title: string;
  /** The pages above this one, home excluded. */
  crumbs?: Crumb[];
  body: Html;
  feed?: { path: string; title: string };
  /** Extra class on <body>, e.g. `capture` for the print stylesheet. */
  kind?: string;
}

/** What a page says about itself: the frame around its body. */
export type Frame = Omit<PageFrame, 'body'>;

export const SITE_NAME = 'Screen ta préfecture';

/** Tabs, bookmarks and search results show about this much; the page's `h1` has the full label. */
export const TITLE_MAX = 70;

/** « <title> — Screen ta préfecture » when it fits, else the title alone, cut at a word with « … » if need be. */
export function pageTitle(title: string): string {
  const full = `${title} — ${SITE_NAME}`;
  if (full.length <= TITLE_MAX) return full;
  if (title.length <= TITLE_MAX) return title;
  const cut = title.slice(0, TITLE_MAX - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ')).replace(/[\s,;:—–-]+$/, '')}…`;
}

/** In the header (a landmark), on every page of a demonstration site. */
const DEMO_BANNER = html`<p class="demo" role="note"><strong>Démonstration sur une réplique</strong> : captures de la copie locale des sites de réservation, pas de ceux des préfectures. Elles ne prouvent rien.</p>`;

/** `format`: the listing pages give their Eleventy filters, the capture pages the same functions (format.ts). */
export function page(frame: PageFrame, context: SiteContext, { parisDateTime }: Format): string {
  const to = linksFrom(frame.here);
  const crumbs = frame.crumbs ?? [];
  const trail =
    frame.here === paths.home
      ? ''
      : html`<nav class="crumbs" aria-label="Fil d’Ariane"><ol><li><a href="${to(paths.home)}">Accueil</a></li>${crumbs.map((c) => html`<li><a href="${to(c.path)}">${c.label}</a></li>`)}<li aria-current="page">${frame.title}</li></ol></nav>`;
  return html`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${pageTitle(frame.title)}</title>
<link rel="icon" href="${to(paths.asset('favicon.svg'))}" type="image/svg+xml"><link rel="stylesheet" href="${to(paths.asset('site.css'))}">${frame.feed ? html`<link rel="alternate" type="application/atom+xml" title="${frame.feed.title}" href="${to(frame.feed.path)}">` : ''}
<script src="${to(paths.asset('site.js'))}" defer></script></head>
<body class="${frame.kind ?? 'page'}"><a class="skip" href="#contenu">Aller au contenu</a>
<header class="top"><div class="wrap"><a class="brand" href="${to(paths.home)}">${SITE_NAME}</a><nav aria-label="Menu"><a href="${to(paths.home)}">Accueil</a><a href="${to(paths.data)}">À propos et données</a></nav></div>${context.demo ? DEMO_BANNER : ''}</header>
<div class="wrap">${trail}<main id="contenu">
${frame.body}
</main></div>
<footer class="bottom"><div class="wrap">Le robot ne réserve jamais et ne résout jamais de captcha.${context.generatedAt ? ` Site généré le ${parisDateTime(context.generatedAt)}.` : ''} <a href="${to(paths.data)}">Méthode et données</a>${context.repository ? html` · <a href="https://github.com/${context.repository}">GitHub</a>` : ''}</div></footer>
</body></html>
`.text;
}
