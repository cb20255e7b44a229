import { z } from 'zod';
import type { Db } from '../db/db.js';
import { jsonBody, MARKDOWN_JSON_LIMIT } from '../http/body.js';
import { param, type RouteTable } from '../http/routeTable.js';
import { publishRevision } from '../services/revisions.js';

const Publish = z.object({
  markdown: z.string(),
  baseRevision: z.number().int().min(1).optional(),
});
const Flag = z.enum(['true', 'false', '1', '0']).optional();
const DryRun = z.object({ dryRun: Flag, sides: Flag });
const on = (flag: string | undefined) => flag === 'true' || flag === '1';

export function revisionRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'post',
    path: '/api/documents/:doc/revisions',
    action: 'manageDocuments',
    body: jsonBody(MARKDOWN_JSON_LIMIT),
    async handler(req, res) {
      const query = DryRun.parse(req.query);
      const input = Publish.parse(req.body);
      const dry = on(query.dryRun);
      const result = await publishRevision(db, req.auth!.user.id, param(req, 'doc'), { ...input, dryRun: dry, sides: dry && on(query.sides) });
      res.status(dry ? 200 : 201).json(result);
    },
  });
}
