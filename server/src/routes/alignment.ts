import { z } from 'zod';
import type { Db } from '../db/db.js';
import { jsonBody, MARKDOWN_JSON_LIMIT } from '../http/body.js';
import { param, type RouteTable } from '../http/routeTable.js';
import { actorOf } from '../http/auth.js';
import { applyAlignment, proposeAlignment } from '../services/alignment.js';

const AlignBody = z.union(
  [z.object({ markdown: z.string() }).strict(), z.object({ html: z.string() }).strict()],
  { message: 'Send the translated document as {"markdown": "…"} or as {"html": "…"}.' },
);

export function alignmentRoutes(routes: RouteTable, db: Db): void {
  alignmentApplyRoutes(routes, db);
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

const ApplyBody = z
  .object({
    pairs: z
      .array(
        z
          .object({
            segmentIds: z.array(z.string().max(64)).min(1, 'a pair names at least one segment').max(8),
            text: z.string().max(100_000),
            versions: z.array(z.number().int().min(0)),
          })
          .strict(),
      )
      .max(20_000),
  })
  .strict();
const ApplyQuery = z.object({ dryRun: z.enum(['true', 'false']).optional() });

export function alignmentApplyRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'post',
    path: '/api/documents/:doc/translations/:lang/align/apply',
    action: 'translate',
    body: jsonBody(MARKDOWN_JSON_LIMIT),
    async handler(req, res) {
      const { dryRun } = ApplyQuery.parse(req.query);
      const body = ApplyBody.parse(req.body);
      res.json(await applyAlignment(db, actorOf(req.auth)!, param(req, 'doc'), param(req, 'lang'), body, dryRun === 'true'));
    },
  });
}
