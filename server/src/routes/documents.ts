import { LANGUAGE_CODES, SEGMENT_FILTERS } from '@lockstep/shared';
import { z } from 'zod';
import type { Db } from '../db/db.js';
import { jsonBody, MARKDOWN_JSON_LIMIT } from '../http/body.js';
import { clientGone } from '../http/clientGone.js';
import { param, type RouteTable } from '../http/routeTable.js';
import * as docs from '../services/documents.js';
import * as progress from '../services/progress.js';
import { dashboardJson } from '../services/dashboard.js';
import { revisionOf, revisionsOf } from '../services/revisions.js';
import { compactSegmentList, segmentList } from '../services/segmentViews.js';

const NewDocument = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be 1–64 characters of a–z, 0–9 and -'),
  title: z.string().trim().min(1).max(300),
  sourceLang: z.enum(LANGUAGE_CODES),
  targetLangs: z.array(z.enum(LANGUAGE_CODES)).min(1).max(LANGUAGE_CODES.length),
  markdown: z.string(),
});

const SegmentFilters = z.object({
  lang: z.string(),
  state: z.enum(SEGMENT_FILTERS).optional(),
  q: z.string().max(500).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  /** `compact`: the editor's shape (CompactSegmentList); the full one otherwise. */
  view: z.enum(['full', 'compact']).optional(),
});

const RevisionNumber = z.coerce.number().int().min(1).max(2 ** 31 - 1);

export function documentRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'get',
    path: '/api/documents',
    action: 'read',
    async handler(_req, res) {
      const list = await progress.documentsWithProgress(db);
      res.json(list.map(({ doc: { createdAt: _c, ...d }, progress }) => ({ ...d, progress })));
    },
  });

  routes.add({
    method: 'post',
    path: '/api/documents',
    action: 'manageDocuments',
    body: jsonBody(MARKDOWN_JSON_LIMIT),
    async handler(req, res) {
      const input = NewDocument.parse(req.body);
      res.status(201).json(await docs.createDocument(db, req.auth!.user.id, input));
    },
  });

  routes.add({
    method: 'get',
    path: '/api/documents/:doc',
    action: 'read',
    async handler(req, res) {
      res.json(docs.describeDocument(await docs.requireDocument(db, param(req, 'doc'))));
    },
  });

  routes.add({
    method: 'get',
    path: '/api/documents/:doc/segments',
    action: 'read',
    async handler(req, res) {
      const { lang, state, q, cursor, limit, view } = SegmentFilters.parse(req.query);
      const query = { lang, state, q, cursor, limit };
      if (view === 'compact') res.type('application/json').send(await compactSegmentList(db, param(req, 'doc'), query, clientGone(res)));
      else res.json(await segmentList(db, param(req, 'doc'), query, clientGone(res)));
    },
  });

  routes.add({
    method: 'get',
    path: '/api/documents/:doc/progress',
    action: 'read',
    async handler(req, res) {
      const doc = await docs.requireDocument(db, param(req, 'doc'));
      const byDocument = await progress.progressOf(db, [doc]);
      res.json({ revision: doc.revision, languages: byDocument.get(doc.id) });
    },
  });

  routes.add({
    method: 'get',
    path: '/api/progress',
    action: 'read',
    async handler(_req, res) {
      res.type('application/json').send(await dashboardJson(db));
    },
  });

  routes.add({
    method: 'get',
    path: '/api/documents/:doc/revisions',
    action: 'read',
    async handler(req, res) {
      res.json(await revisionsOf(db, param(req, 'doc')));
    },
  });

  routes.add({
    method: 'get',
    path: '/api/documents/:doc/revisions/:n',
    action: 'read',
    async handler(req, res) {
      const parsed = RevisionNumber.safeParse(param(req, 'n'));
      res.json(await revisionOf(db, param(req, 'doc'), parsed.success ? parsed.data : undefined, param(req, 'n')));
    },
  });
}
