import { COMMENT_KINDS, LANGUAGE_CODES } from '@lockstep/shared';
import type { Request } from 'express';
import { z } from 'zod';
import type { Db } from '../db/db.js';
import { actorOf } from '../http/auth.js';
import { param, type RouteTable } from '../http/routeTable.js';
import * as comments from '../services/comments.js';

const THREAD = '/api/documents/:doc/segments/:seg/comments';

const NewComment = z.object({
  text: z.string(),
  kind: z.enum(COMMENT_KINDS),
  // null (or left out): the thread for all languages.
  lang: z.enum(LANGUAGE_CODES).nullable().default(null),
});
const Edit = z.object({ text: z.string() });
const ThreadQuery = z.object({ lang: z.string().max(20).optional() });
const CommentId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

function segmentRef(req: Request): comments.SegmentRef {
  return { documentId: param(req, 'doc'), segmentId: param(req, 'seg') };
}

/** An id that is not a positive integer names no comment: 404, like an unknown one. */
function commentId(req: Request): number {
  const parsed = CommentId.safeParse(param(req, 'id'));
  return parsed.success ? parsed.data : 0;
}

// Writes are checked per comment by the service (the language is in the body or the stored
// comment); the route row only requires a signed-in user, as `comment` without a language does.
export function commentRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'get',
    path: THREAD,
    action: 'read',
    async handler(req, res) {
      res.json(await comments.readThread(db, segmentRef(req), ThreadQuery.parse(req.query).lang));
    },
  });

  routes.add({
    method: 'post',
    path: THREAD,
    action: 'comment',
    async handler(req, res) {
      res.status(201).json(await comments.createComment(db, actorOf(req.auth)!, segmentRef(req), NewComment.parse(req.body)));
    },
  });

  routes.add({
    method: 'patch',
    path: '/api/comments/:id',
    action: 'comment',
    async handler(req, res) {
      res.json(await comments.editComment(db, actorOf(req.auth)!, commentId(req), Edit.parse(req.body)));
    },
  });

  routes.add({
    method: 'delete',
    path: '/api/comments/:id',
    action: 'comment',
    async handler(req, res) {
      res.json(await comments.deleteComment(db, actorOf(req.auth)!, commentId(req)));
    },
  });

  routes.add({
    method: 'post',
    path: '/api/comments/:id/resolve',
    action: 'comment',
    body: 'none',
    async handler(req, res) {
      res.json(await comments.resolveQuestion(db, actorOf(req.auth)!, commentId(req)));
    },
  });
}
