import type { Db } from '../db/db.js';
import type { RouteTable } from '../http/routeTable.js';
import { checkConsistency } from '../services/consistency.js';

export function adminRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'get',
    path: '/api/admin/check',
    // Only admins: the report names every damaged row of every document.
    action: 'manageUsers',
    async handler(_req, res) {
      // 200 either way: the report is the answer; `ok` says whether the database is consistent.
      res.json(await checkConsistency(db));
    },
  });
}
