import { LANGUAGE_CODES } from '@lockstep/shared';
import type { Request } from 'express';
import { z } from 'zod';
import type { Db } from '../db/db.js';
import { actorOf } from '../http/auth.js';
import { param, type RouteTable } from '../http/routeTable.js';
import * as glossary from '../services/glossary.js';

const Lang = z.enum(LANGUAGE_CODES);
const Translations = z.record(z.string().max(20), z.array(z.string()).max(100));
const NewEntry = z.object({
  sourceLang: Lang,
  term: z.string(),
  note: z.string().optional(),
  doNotTranslate: z.boolean().optional(),
  caseSensitive: z.boolean().optional(),
  translations: Translations.optional(),
});
const Patch = z.object({
  version: z.number().int().min(1),
  term: z.string().optional(),
  note: z.string().optional(),
  doNotTranslate: z.boolean().optional(),
  caseSensitive: z.boolean().optional(),
  translations: Translations.optional(),
});
const Proposal = z.object({ lang: Lang, text: z.string() });
const ListQuery = z.object({ sourceLang: Lang, q: z.string().max(200).optional() });
const Id = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** An id that is not a positive integer names nothing: 404, like an unknown one. */
function idParam(req: Request, name: string): number {
  const parsed = Id.safeParse(param(req, name));
  return parsed.success ? parsed.data : 0;
}

// Who may write what is decided per field and language by the service (a PATCH may touch
// the term, a coordinator's, and translations of several languages, each its reviewer's);
// the rows admit the roles that may do some of it.
export function glossaryRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'get',
    path: '/api/glossary',
    action: 'read',
    async handler(req, res) {
      const q = ListQuery.parse(req.query);
      res.json(await glossary.listGlossary(db, q.sourceLang, q.q));
    },
  });

  routes.add({
    method: 'post',
    path: '/api/glossary',
    action: 'manageGlossary',
    async handler(req, res) {
      res.status(201).json(await glossary.createTerm(db, actorOf(req.auth)!, NewEntry.parse(req.body)));
    },
  });

  routes.add({
    method: 'patch',
    path: '/api/glossary/:id',
    action: 'reviewTerms',
    langOf: () => undefined,
    async handler(req, res) {
      res.json(await glossary.patchTerm(db, actorOf(req.auth)!, idParam(req, 'id'), Patch.parse(req.body)));
    },
  });

  routes.add({
    method: 'delete',
    path: '/api/glossary/:id',
    action: 'manageGlossary',
    async handler(req, res) {
      await glossary.deleteTerm(db, actorOf(req.auth)!, idParam(req, 'id'));
      res.status(204).end();
    },
  });

  routes.add({
    method: 'post',
    path: '/api/glossary/:id/proposals',
    action: 'proposeTerm',
    langOf: () => undefined,
    async handler(req, res) {
      res.status(201).json(await glossary.proposeTranslation(db, actorOf(req.auth)!, idParam(req, 'id'), Proposal.parse(req.body)));
    },
  });

  routes.add({
    method: 'post',
    path: '/api/glossary/:id/proposals/:pid/accept',
    action: 'reviewTerms',
    langOf: () => undefined,
    body: 'none',
    async handler(req, res) {
      res.json(await glossary.acceptProposal(db, actorOf(req.auth)!, idParam(req, 'id'), idParam(req, 'pid')));
    },
  });
}
