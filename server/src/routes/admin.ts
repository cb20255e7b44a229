import type { Db } from '../db/db.js';
import type { RouteTable } from '../http/routeTable.js';
import { streamBackup } from '../services/backup.js';
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
  routes.add({
    method: 'get',
    path: '/api/admin/backup',
    // Only admins: the backup holds every row, password hashes and token hashes included.
    action: 'manageUsers',
    async handler(_req, res) {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      await streamBackup(db, res, () => {
        res.setHeader('Content-Type', 'application/gzip');
        res.setHeader('Content-Disposition', `attachment; filename="lockstep-${stamp}.backup.gz"`);
        res.setHeader('Cache-Control', 'no-store');
      });
    },
  });
}
