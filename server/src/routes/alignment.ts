import { z } from 'zod';
import type { Db } from '../db/db.js';
import { jsonBody, MARKDOWN_JSON_LIMIT } from '../http/body.js';
import { param, type RouteTable } from '../http/routeTable.js';
import { proposeAlignment } from '../services/alignment.js';

const AlignBody = z.object({ markdown: z.string({ message: '"markdown" must be the translated document as Markdown text' }) }).strict();

export function alignmentRoutes(routes: RouteTable, db: Db): void {
  // Proposing changes nothing, but it is the first step of writing that language: the same
  // permission as editing it (api.md "Who may do what").
  routes.add({
    method: 'post',
    path: '/api/documents/:doc/translations/:lang/align',
    action: 'translate',
    body: jsonBody(MARKDOWN_JSON_LIMIT),
    async handler(req, res) {
      const body = AlignBody.parse(req.body);
      res.json(await proposeAlignment(db, param(req, 'doc'), param(req, 'lang'), body));
    },
  });
}
