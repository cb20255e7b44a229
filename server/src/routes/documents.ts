import type { Db } from '../db/db.js';
import type { RouteTable } from '../http/routeTable.js';
import { listDocuments } from '../repos/documents.js';

export function documentRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'get',
    path: '/api/documents',
    action: 'read',
    async handler(_req, res) {
      const docs = await listDocuments(db);
      res.json(docs.map(({ createdAt: _c, ...d }) => d));
    },
  });
}
