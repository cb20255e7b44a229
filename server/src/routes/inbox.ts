import { z } from 'zod';
import type { Db } from '../db/db.js';
import type { RouteTable } from '../http/routeTable.js';
import { DIGEST_MODES } from '@lockstep/shared';
import { inbox, INBOX_DEFAULT_LIMIT, markNoticesRead, setDigestMode } from '../services/notices.js';

const Query = z.object({ limit: z.coerce.number().int().min(1).max(200).default(INBOX_DEFAULT_LIMIT) });
const NoticeId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
// Either some notices or all of them: an empty or missing choice is a mistake, not "all".
const Settings = z.strictObject({ digest: z.enum(DIGEST_MODES) });
const Read = z.union([z.strictObject({ ids: z.array(NoticeId).min(1).max(1000) }), z.strictObject({ all: z.literal(true) })]);

export function inboxRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'get',
    path: '/api/inbox',
    action: 'signedIn',
    async handler(req, res) {
      const { limit } = Query.parse(req.query);
      res.json(await inbox(db, req.auth!.user.id, limit));
    },
  });
  routes.add({
    method: 'post',
    path: '/api/inbox/read',
    action: 'signedIn',
    async handler(req, res) {
      const body = Read.parse(req.body);
      res.json(await markNoticesRead(db, req.auth!.user.id, 'ids' in body ? body.ids : null));
    },
  });
  routes.add({
    method: 'put',
    path: '/api/inbox/settings',
    action: 'signedIn',
    async handler(req, res) {
      const { digest } = Settings.parse(req.body);
      res.json(await setDigestMode(db, req.auth!.user.id, digest));
    },
  });
}
