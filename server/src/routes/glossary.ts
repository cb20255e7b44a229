import { GLOSSARY_FILE_MAX_BYTES, invalid, LANGUAGE_CODES } from '@lockstep/shared';
import type { Request } from 'express';
import { z } from 'zod';
import type { Db } from '../db/db.js';
import { actorOf } from '../http/auth.js';
import { param, type RouteTable } from '../http/routeTable.js';
import { writeWithBackpressure } from '../http/backpressure.js';
import { fileUpload } from '../http/upload.js';
import * as glossary from '../services/glossary.js';
import { exportGlossary, importGlossary, type GlossaryFormat } from '../services/glossaryExchange.js';

const Lang = z.enum(LANGUAGE_CODES);
const TBX_TYPES = ['application/x-tbx', 'application/tbx+xml', 'application/xml', 'text/xml'];
const glossaryFile = fileUpload({ rawTypes: ['text/csv', ...TBX_TYPES], maxBytes: GLOSSARY_FILE_MAX_BYTES, what: 'glossary file (CSV or TBX)', mediaTypeCode: 'glossary_file_required' });
const ExportQuery = z.object({ format: z.enum(['tbx', 'csv']), sourceLang: Lang.default('en') });
const ImportQuery = z.object({
  format: z.enum(['tbx', 'csv']).optional(),
  sourceLang: Lang.default('en'),
  dryRun: z.enum(['true', 'false', '1', '0']).optional(),
});

/** The file's format: `?format=`, else its media type (a multipart upload must say). */
function importFormat(req: Request, given: GlossaryFormat | undefined): GlossaryFormat {
  if (given) return given;
  if (req.is('text/csv')) return 'csv';
  if (req.is(TBX_TYPES)) return 'tbx';
  throw invalid('format_required', 'Say which format the file is in: ?format=csv or ?format=tbx.');
}

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
    method: 'get',
    path: '/api/glossary/export',
    action: 'read',
    async handler(req, res) {
      const q = ExportQuery.parse(req.query);
      await exportGlossary(db, q.sourceLang, q.format, (chunk) => {
        if (!res.headersSent) {
          res.setHeader('Content-Type', q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-tbx; charset=utf-8');
          res.setHeader('Content-Disposition', `attachment; filename="glossary-${q.sourceLang}.${q.format}"`);
        }
        return writeWithBackpressure(res, chunk);
      });
      res.end();
    },
  });

  routes.add({
    method: 'post',
    path: '/api/glossary/import',
    action: 'manageGlossary',
    body: glossaryFile,
    async handler(req, res) {
      const q = ImportQuery.parse(req.query);
      const dryRun = q.dryRun === 'true' || q.dryRun === '1';
      const report = await importGlossary(db, actorOf(req.auth)!.id, { bytes: req.body as Buffer, format: importFormat(req, q.format), sourceLang: q.sourceLang }, dryRun);
      res.status(report.counts.rejected > 0 && !dryRun ? 422 : 200).json(report);
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

  for (const how of ['accept', 'decline'] as const) {
    routes.add({
      method: 'post',
      path: `/api/glossary/:id/proposals/:pid/${how}`,
      action: 'reviewTerms',
      langOf: () => undefined,
      body: 'none',
      async handler(req, res) {
        res.json(await glossary.settleProposal(db, actorOf(req.auth)!, idParam(req, 'id'), idParam(req, 'pid'), how));
      },
    });
  }
}
