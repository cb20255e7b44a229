import { LockstepError } from '@lockstep/shared';
import type { Request } from 'express';
import type { Db } from '../db/db.js';
import { param, type RouteTable } from '../http/routeTable.js';
import type { TimelineBucket } from '../repos/timeline.js';
import { progressTimeline, timelineCsv } from '../services/timeline.js';

function bucketOf(req: Request): TimelineBucket | undefined {
  const b = req.query.bucket;
  if (b === undefined) return undefined;
  if (b === 'day' || b === 'hour') return b;
  throw new LockstepError('invalid', 'bad_bucket', 'bucket must be "day" or "hour".');
}

export function timelineRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'get',
    path: '/api/documents/:doc/progress/timeline',
    action: 'read',
    async handler(req, res) {
      res.json(await progressTimeline(db, param(req, 'doc'), { bucket: bucketOf(req) }));
    },
  });
  routes.add({
    method: 'get',
    path: '/api/documents/:doc/progress/timeline.csv',
    action: 'read',
    async handler(req, res) {
      const doc = param(req, 'doc');
      const csv = timelineCsv(await progressTimeline(db, doc, { bucket: bucketOf(req) }));
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${doc}.progress.csv"`);
      res.send(csv);
    },
  });
}
