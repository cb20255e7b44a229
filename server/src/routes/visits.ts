import type { Request } from 'express';
import { z } from 'zod';
import type { Db } from '../db/db.js';
import { actorOf } from '../http/auth.js';
import { param, type RouteTable } from '../http/routeTable.js';
import * as visits from '../services/visits.js';

const Seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Visit = z.object({ seq: Seq.optional() }).strict();
const SinceQuery = z.object({
  since: z
    .union([z.literal('lastVisit'), z.string().regex(/^\d{1,15}$/, 'must be "lastVisit" or an event id').transform(Number)])
    .default('lastVisit'),
});

const sinceOf = (req: Request): visits.Since => SinceQuery.parse(req.query).since;

/** "Since your last visit": visits per user, document and language, and what changed after them. */
export function visitRoutes(routes: RouteTable, db: Db): void {
  // Recording a visit changes only the caller's own bookmark: reading is enough.
  routes.add({
    method: 'post',
    path: '/api/documents/:doc/visits/:lang',
    action: 'read',
    async handler(req, res) {
      const { seq } = Visit.parse(req.body ?? {});
      res.json(await visits.recordVisit(db, actorOf(req.auth)!, param(req, 'doc'), param(req, 'lang'), seq));
    },
  });

  routes.add({
    method: 'get',
    path: '/api/documents/:doc/changes/:lang',
    action: 'read',
    async handler(req, res) {
      res.json(await visits.changesForLanguage(db, actorOf(req.auth)!, param(req, 'doc'), param(req, 'lang'), sinceOf(req)));
    },
  });

  routes.add({
    method: 'get',
    path: '/api/documents/:doc/changes',
    action: 'read',
    async handler(req, res) {
      res.json(await visits.changesForDocument(db, actorOf(req.auth)!, param(req, 'doc'), sinceOf(req)));
    },
  });
}
