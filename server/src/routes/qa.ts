import type { Db } from '../db/db.js';
import { clientGone } from '../http/clientGone.js';
import { param, type RouteTable } from '../http/routeTable.js';
import { qaReport } from '../services/qaReport.js';

export function qaRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'get',
    path: '/api/documents/:doc/qa/:lang',
    action: 'read',
    // Reading: every signed-in user sees every language's findings; `:lang` names the
    // language checked, not one being written.
    langOf: () => undefined,
    async handler(req, res) {
      // An interactive read: its cost grows with the document, so it runs on the bounded share.
      res.json(await db.interactive(clientGone(res), (q) => qaReport(q, param(req, 'doc'), param(req, 'lang'))));
    },
  });
}
