/**
 * Escaping by default: every value put into `html`…`` is escaped unless it is already `Html` (made by this
 * tag). Record fields come from préfecture pages and files anyone could edit, so nothing reaches a page
 * as markup without passing through here. The site's own words (the literal parts of each template) get
 * French no-break spaces; values are left as they are, since a record's text must read as it was seen.
 */
import { frenchSpaces } from '../../scraper/evidence/french.ts';

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const SPECIAL = /[&<>"']/;

// What XML 1.0 forbids (C0 controls but tab and newlines, lone surrogates, U+FFFE/FFFF): dropped, so that the
// Atom feed and every page stay well-formed whatever a record holds.
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NOT_XML_ALL = new RegExp(NOT_XML.source, 'g');

export function escapeHtml(raw: string): string {
  const text = NOT_XML.test(raw) ? raw.replace(NOT_XML_ALL, '') : raw;
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ENTITIES[c]!) : text;
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function piece(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(piece).join('');
  return escapeHtml(String(value));
}

/** A template's literal parts are one array per place in the code: typeset once, not at each of 100,000 pages. */
const typeset = new WeakMap<TemplateStringsArray, string[]>();

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let parts = typeset.get(strings);
  if (!parts) typeset.set(strings, (parts = strings.map(frenchSpaces)));
  let out = parts[0]!;
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + parts[i + 1]!;
  return new Html(out);
}

/** Trusted markup made elsewhere in this build (an SVG chart): never for record text. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** Only http(s) addresses become links: a record could hold a `javascript:` URL. */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

export function linkOrText(url: string, label: Html | string = url): Html {
  return isWebUrl(url) ? html`<a href="${url}">${label}</a>` : html`${label}`;
}
