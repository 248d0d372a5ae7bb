/**
 * A table that may be wider than a phone, in a box that scrolls sideways (the page itself never does).
 * The box is focusable, so that a keyboard can scroll it, and named by the table's caption, which sits
 * outside the box so that it is never cut off.
 */
import { html, type Html } from './html.ts';

/** `id` must be unique in the page: it names both the box and the table. */
export function wideTable(id: string, caption: Html | string, className: string, content: Html): Html {
  return html`<p class="caption" id="${id}">${caption}</p><div class="scroll" role="region" tabindex="0" aria-labelledby="${id}"><table${className ? html` class="${className}"` : ''} aria-labelledby="${id}">${content}</table></div>`;
}
