import { LANGUAGE_CODES, notFound } from '@lockstep/shared';
import { z } from 'zod';
import type { Db } from '../db/db.js';
import { jsonBody, MARKDOWN_JSON_LIMIT } from '../http/body.js';
import { clientGone } from '../http/clientGone.js';
import { param, type RouteTable } from '../http/routeTable.js';
import { findRevision, listRevisions } from '../repos/revisions.js';
import { listSegments } from '../repos/segments.js';
import * as docs from '../services/documents.js';
import * as progress from '../services/progress.js';
import { segmentView } from '../services/segmentViews.js';

const NewDocument = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be 1–64 characters of a–z, 0–9 and -'),
  title: z.string().trim().min(1).max(300),
  sourceLang: z.enum(LANGUAGE_CODES),
  targetLangs: z.array(z.enum(LANGUAGE_CODES)).min(1).max(LANGUAGE_CODES.length),
  markdown: z.string(),
});

const SegmentFilters = z.object({
  lang: z.string(),
  state: z.enum(['untranslated', 'translated', 'stale', 'approved', 'locked', 'needs-work', 'open-questions']).optional(),
  q: z.string().max(500).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
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
      const doc = await docs.requireDocument(db, param(req, 'doc'));
      const f = SegmentFilters.parse(req.query);
      const lang = docs.requireTargetLang(doc, f.lang);
      const filters = { documentId: doc.id, lang, state: f.state, q: f.q, afterPosition: docs.parseCursor(f.cursor), limit: f.limit };
      // A text search is an interactive read (bounded share, tighter time limit, cancelled
      // when the client leaves); the plain list is what the editor needs to open at all.
      const rows = f.q ? await db.interactive(clientGone(res), (q) => listSegments(q, filters)) : await listSegments(db, filters);
      const last = rows.at(-1);
      const nextCursor = f.limit !== undefined && rows.length === f.limit && last ? docs.makeCursor(last.index) : null;
      res.json({
        revision: doc.revision,
        segments: rows.map((row) => segmentView(row, doc.sourceLang)),
        ...(f.limit !== undefined ? { nextCursor } : {}),
      });
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
      res.type('application/json').send(await progress.dashboardJson(db));
    },
  });

  routes.add({
    method: 'get',
    path: '/api/documents/:doc/revisions',
    action: 'read',
    async handler(req, res) {
      const doc = await docs.requireDocument(db, param(req, 'doc'));
      res.json({ revisions: await listRevisions(db, doc.id) });
    },
  });

  routes.add({
    method: 'get',
    path: '/api/documents/:doc/revisions/:n',
    action: 'read',
    async handler(req, res) {
      const doc = await docs.requireDocument(db, param(req, 'doc'));
      const parsed = RevisionNumber.safeParse(param(req, 'n'));
      const rev = parsed.success ? await findRevision(db, doc.id, parsed.data) : undefined;
      if (!rev) throw notFound('revision_not_found', `Document "${doc.id}" has no revision ${param(req, 'n')}.`);
      res.json(rev);
    },
  });
}
