import { z } from 'zod';
import type { Db } from '../db/db.js';
import { param, type RouteTable } from '../http/routeTable.js';
import { requireDocument, requireTargetLang } from '../services/documents.js';
import { exportXliff } from '../services/xliffExport.js';

const ExportQuery = z.object({
  version: z.enum(['2.0', '1.2']).default('2.0'),
  scope: z.enum(['all', 'todo']).default('all'),
});

export function xliffRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'get',
    path: '/api/documents/:doc/xliff/:lang',
    action: 'read',
    // Exporting is reading (api.md: every signed-in user, every language); the `:lang` here
    // names the file's target, not a language being written.
    langOf: () => undefined,
    async handler(req, res) {
      const doc = await requireDocument(db, param(req, 'doc'));
      const lang = requireTargetLang(doc, param(req, 'lang'));
      const query = ExportQuery.parse(req.query);
      const file = await exportXliff(db, req.auth!.user.id, doc, lang, query);
      res.setHeader('Content-Type', 'application/xliff+xml; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
      res.setHeader('X-Lockstep-Export-Id', file.exportId);
      for (const chunk of file.chunks) {
        // Respect back-pressure: a slow client must not make the server buffer the whole file.
        if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end();
    },
  });
}
