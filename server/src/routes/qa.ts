import type { Db } from '../db/db.js';
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
      res.json(await qaReport(db, param(req, 'doc'), param(req, 'lang')));
    },
  });
}
