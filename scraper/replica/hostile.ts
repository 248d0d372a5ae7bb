// Replica — a site whose pages attack the bot or break it, one trap per path: a script that never yields, a page that
// never finishes loading, a 40,000 px page, a 5 MB title, control and bidi characters, a file instead of a page,
// dialogs, a popup, a redirect loop. Every page that can be read says « Aucun rendez-vous disponible », so the one
// outcome that is not no-slot is the trap's. Invented from end to end; no behaviour to configure.

import { notFound } from './errors.ts';
import { page, redirect, type Reply, type ReplicaRequest } from './http.ts';

export const HOSTILE_HOST = 'pieges.prefecture-exemple.fr';
export const HOSTILE_NO_SLOT = 'Aucun rendez-vous disponible';

const html = (title: string, body: string, head = '') =>
  `<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>${title}</title>${head}</head>\n` +
  `<body style="font-family: Arial, sans-serif; margin: 2rem;">\n<h1>Prendre rendez-vous</h1>\n<p>${HOSTILE_NO_SLOT}.</p>\n${body}\n</body></html>\n`;

/** The title of the control-character trap: a bell, a terminal escape, a right-to-left override, a C1 control. */
export const TRAP_TITLE = 'Aucun\u0007 rendez-vous \u001b[31m\u202Egnp.exe\u202C\u0085 fin';

const TRAPS: Record<string, () => Reply> = {
  // The message is shown, then the page's only thread spins for ever: nothing can read or photograph it.
  '/occupee': () =>
    page(
      200,
      html('Occupée', `<script>addEventListener('load', () => setTimeout(() => { for (;;) {} }, 100));</script>`),
    ),
  '/immense': () =>
    page(
      200,
      html(
        'Immense',
        '<div style="height: 40000px; background: repeating-linear-gradient(#fff 0 50px, #def 50px 100px)"></div>',
      ),
    ),
  '/titre-enorme': () => page(200, html('A'.repeat(5 * 1024 * 1024), '')),
  '/titre-piege': () => page(200, html(TRAP_TITLE, '')),
  '/telechargement': () => ({
    status: 200,
    body: Buffer.alloc(4096, 1),
    contentType: 'application/octet-stream',
    headers: { 'Content-Disposition': 'attachment; filename="rendez-vous.exe"' },
    delayMs: 0,
  }),
  '/dialogues': () =>
    page(200, html('Dialogues', `<script>alert('Bienvenue'); confirm('Continuer ?'); prompt('Nom ?');</script>`)),
  '/fenetre': () => page(200, html('Fenêtre', `<script>window.open('/immense', '_blank', 'popup');</script>`)),
  '/boucle': () => redirect('/boucle'),
};

/** The page that never finishes loading is sent by server.ts: its head and start, then nothing, never closed. */
export const ENDLESS_PATH = '/interminable';
export const ENDLESS_START = html('Interminable', '').replace('</body></html>\n', '');

export function serveHostile(request: ReplicaRequest): Reply {
  return TRAPS[request.path]?.() ?? notFound();
}
