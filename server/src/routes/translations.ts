import { LockstepError } from '@lockstep/shared';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Db } from '../db/db.js';
import { actorOf } from '../http/auth.js';
import { errorBody } from '../http/errors.js';
import { param, type RouteTable } from '../http/routeTable.js';
import * as translations from '../services/translations.js';

const BASE = '/api/documents/:doc/segments/:seg/translations/:lang';

const Version = z.number().int().min(1).max(2 ** 31 - 1);
const Save = z.object({ text: z.string(), version: Version });
const Versioned = z.object({ version: Version });
const Revert = z.object({ eventId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), version: Version });
const HistoryPage = z.object({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});

function refOf(req: Request): translations.TranslationRef {
  return { documentId: param(req, 'doc'), segmentId: param(req, 'seg'), lang: param(req, 'lang') };
}

/**
 * api.md answers a version conflict with `{error, current}`: the editor needs the current
 * translation at the top level to show the other writer's text next to its own.
 */
async function answer(res: Response, work: () => Promise<unknown>): Promise<void> {
  try {
    res.json(await work());
  } catch (err) {
    if (!(err instanceof LockstepError && err.code === 'version_conflict')) throw err;
    const { current } = err.details as { current: unknown };
    res.status(409).json({ ...errorBody(err.code, err.message, err.details), current });
  }
}

export function translationRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'put',
    path: BASE,
    action: 'translate',
    handler: (req, res) => answer(res, () => translations.saveTranslation(db, actorOf(req.auth)!, refOf(req), Save.parse(req.body))),
  });

  routes.add({
    method: 'post',
    path: `${BASE}/approve`,
    action: 'approve',
    handler: (req, res) => answer(res, () => translations.approveTranslation(db, actorOf(req.auth)!, refOf(req), Versioned.parse(req.body))),
  });

  // Back to translated needs `translate`; the service approves again only when the caller may approve.
  routes.add({
    method: 'post',
    path: `${BASE}/reconfirm`,
    action: 'translate',
    handler: (req, res) => answer(res, () => translations.reconfirmTranslation(db, actorOf(req.auth)!, refOf(req), Versioned.parse(req.body))),
  });

  routes.add({
    method: 'post',
    path: `${BASE}/revert`,
    action: 'translate',
    handler: (req, res) => answer(res, () => translations.revertTranslation(db, actorOf(req.auth)!, refOf(req), Revert.parse(req.body))),
  });

  routes.add({
    method: 'get',
    path: `${BASE}/history`,
    action: 'read',
    async handler(req, res) {
      res.json(await translations.translationHistory(db, refOf(req), HistoryPage.parse(req.query)));
    },
  });
}
