import type { Db } from '../db/db.js';
import type { RouteTable } from '../http/routeTable.js';

export function healthRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'get',
    path: '/api/health',
    action: 'public',
    async handler(_req, res) {
      // Touches the database so a load balancer stops sending traffic while it is down (503).
      await db.ping();
      res.json({ ok: true, db: db.kind });
    },
  });
}
