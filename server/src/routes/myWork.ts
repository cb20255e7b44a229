import type { Db } from '../db/db.js';
import type { RouteTable } from '../http/routeTable.js';
import { myWork } from '../services/myWork.js';

export function myWorkRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'get',
    path: '/api/my-work',
    action: 'read',
    async handler(req, res) {
      res.json(await myWork(db, req.auth!.user));
    },
  });
}
