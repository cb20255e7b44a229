import type { Db } from '../db/db.js';
import { param, type RouteTable } from '../http/routeTable.js';
import { progressTimeline } from '../services/timeline.js';

export function timelineRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'get',
    path: '/api/documents/:doc/progress/timeline',
    action: 'read',
    async handler(req, res) {
      res.json(await progressTimeline(db, param(req, 'doc')));
    },
  });
}
