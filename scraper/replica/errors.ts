// Replica — the pages a bot meets when things go wrong: gateway errors, overload, firewall, a changed site, 404.
// Shared by the legacy sites and RDV Préfecture.

import type { FailureBehaviour } from './behaviours.ts';
import { HANG, page, type Outcome, type Reply } from './http.ts';

/**
 * An nginx-style error page. The <h1> is a direct child of <body> (not nginx's <center>) because the pprdv bot reads
 * `/html/body/h1` (docs/sites/legacy.md « Erreurs »), and bots look for the literal `<h1>502 Bad Gateway</h1>`.
 */
function nginxPage(status: number, title: string): Reply {
  return page(
    status,
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<h1>${title}</h1>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
  );
}

export function notFound(): Reply {
  return nginxPage(404, '404 Not Found');
}

/**
 * The page saved from a real site (docs/sites/legacy.md « Erreurs »): no <title>, no <p>, an <h1> and the body text as found (« il n'y plus », sic).
 * Served at the step URL with status 200 or 503, as it is on the real sites.
 */
function overloadedPage(status: number): Reply {
  return page(
    status,
    `<html>\n<head><meta charset="utf-8"></head>\n<body>\n<h1>Service surchargé</h1>\nLe service que vous avez demandé est actuellement surchargé et/ou il n'y plus de créneaux de rendez-vous disponibles pour le moment. Veuillez réitérer votre demande ultérieurement.\n</body>\n</html>\n`,
  );
}

/** HAProxy's own 503 page (Hérault, 2020, docs/sites/legacy.md « Erreurs »). */
function haproxyPage(): Reply {
  return page(
    503,
    '<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n',
  );
}

/**
 * A page the bot was never taught, as when a démarche moves to the ANEF online service: the site changed. Replica-only
 * wording [U].
 */
function unknownPage(): Reply {
  return page(
    200,
    `<!DOCTYPE html>\n<html lang="fr">\n<head><meta charset="utf-8"><title>Nouvelle procédure</title></head>\n<body style="font-family: Arial, sans-serif; margin: 2rem;">\n<h2>Nouvelle procédure</h2>\n<p>Cette démarche s'effectue désormais en ligne sur le site de l'Administration numérique pour les étrangers en France (ANEF). Les rendez-vous en préfecture ne sont plus proposés pour cette démarche.</p>\n</body>\n</html>\n`,
  );
}

export function failure(behaviour: FailureBehaviour): Outcome {
  switch (behaviour) {
    case 'bad-gateway':
      return nginxPage(502, '502 Bad Gateway');
    case 'unavailable':
      return nginxPage(503, '503 Service Unavailable');
    case 'gateway-timeout':
      // nginx's own wording, also seen by the Hérault bot; docs/sites/legacy.md « Étapes » lists it this way (pedrus16 looks for "Gateway Timeout")
      return nginxPage(504, '504 Gateway Time-out');
    case 'forbidden':
      return nginxPage(403, '403 Forbidden');
    case 'overloaded':
      return overloadedPage(200);
    case 'overloaded-503':
      return overloadedPage(503);
    case 'haproxy':
      return haproxyPage();
    case 'unknown-page':
      return unknownPage();
    case 'hang':
      return HANG;
  }
}
