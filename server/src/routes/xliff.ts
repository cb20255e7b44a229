import { XLIFF_MAX_BYTES } from '@lockstep/shared';
import { z } from 'zod';
import type { Db } from '../db/db.js';
import { param, type RouteTable } from '../http/routeTable.js';
import { fileUpload } from '../http/upload.js';
import { writeWithBackpressure } from '../http/backpressure.js';
import { requireDocument, requireTargetLang } from '../services/documents.js';
import { actorOf } from '../http/auth.js';
import { exportXliff, exportXliffZip } from '../services/xliffExport.js';
import { importXliff, inspectXliff } from '../services/xliffImport.js';
import { EXCHANGE_LIMITS, exchangeXliff } from '../services/xliffExchange.js';
import { readUploadedFiles } from '../http/uploadFiles.js';
import { invalid, LockstepError } from '@lockstep/shared';

const DryRun = z.object({ dryRun: z.enum(['true', 'false', '1', '0']).optional() });

/**
 * The file as raw bytes (the reader decodes by BOM and declaration itself), at most 20 MB:
 * the body itself, or one file field of a multipart form (browsers, `curl -F`).
 */
const xliffBody = fileUpload({
  rawTypes: ['application/xliff+xml', 'application/xml', 'text/xml'],
  maxBytes: XLIFF_MAX_BYTES,
  what: 'XLIFF file',
  mediaTypeCode: 'xliff_required',
});

/** The form field `overrides`: per uploaded file name, the language/document to import it as. */
const Overrides = z.record(z.string(), z.object({ lang: z.string().min(1).optional(), document: z.string().min(1).optional() }).strict());

function overridesOf(field: string | undefined): z.infer<typeof Overrides> {
  if (field === undefined || field.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(field);
  } catch {
    throw invalid('bad_overrides', 'The field "overrides" is not JSON: send {"<file name>": {"lang": "ko"}}.');
  }
  const parsed = Overrides.safeParse(json);
  if (!parsed.success) throw invalid('bad_overrides', 'The field "overrides" must map file names to {"lang"?: code, "document"?: id}.');
  return parsed.data;
}

const ExportQuery = z.object({
  version: z.enum(['2.0', '1.2']).default('2.0'),
  scope: z.enum(['all', 'todo']).default('all'),
  profile: z.enum(['generic', 'omegat']).default('generic'),
});

export function xliffRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'get',
    path: '/api/documents/:doc/xliff/:lang',
    action: 'read',
    // Exporting is reading (api.md: every signed-in user, every language); the `:lang` here
    // names the file's target, not a language being written.
    langOf: () => undefined,
    async handler(req, res) {
      const doc = await requireDocument(db, param(req, 'doc'));
      const lang = requireTargetLang(doc, param(req, 'lang'));
      const query = ExportQuery.parse(req.query);
      // Streamed from a database cursor: headers go with the first chunk (an error before it is
      // still a JSON error), and the response ends only once the export's transaction committed.
      await exportXliff(db, req.auth!.user.id, doc, lang, query, (chunk, file) => {
        if (!res.headersSent) {
          res.setHeader('Content-Type', 'application/xliff+xml; charset=utf-8');
          res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
          res.setHeader('X-Lockstep-Export-Id', file.exportId);
        }
        return writeWithBackpressure(res, chunk);
      });
      res.end();
    },
  });

  routes.add({
    method: 'get',
    path: '/api/documents/:doc/xliff',
    action: 'read',
    async handler(req, res) {
      const doc = await requireDocument(db, param(req, 'doc'));
      const query = ExportQuery.parse(req.query);
      const zip = await exportXliffZip(db, req.auth!.user.id, doc, query);
      res.setHeader('Content-Type', 'application/zip');
      res.setHeader('Content-Disposition', `attachment; filename="${doc.id}.xliff.zip"`);
      res.end(Buffer.from(zip));
    },
  });

  routes.add({
    method: 'post',
    path: '/api/documents/:doc/xliff/:lang',
    action: 'translate',
    body: xliffBody,
    async handler(req, res) {
      const doc = await requireDocument(db, param(req, 'doc'));
      const lang = requireTargetLang(doc, param(req, 'lang'));
      const { dryRun } = DryRun.parse(req.query);
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const result = await importXliff(db, actorOf(req.auth)!, doc, lang, bytes, { dryRun: dryRun === 'true' || dryRun === '1', moveBytes: true });
      res.json(result);
    },
  });

  routes.add({
    method: 'post',
    path: '/api/documents/:doc/xliff',
    // Each file's language is read from the file (or chosen), so the service checks
    // `translate` per file; the route itself needs a signed-in user.
    action: 'signedIn',
    body: 'none',
    async handler(req, res) {
      const doc = await requireDocument(db, param(req, 'doc'));
      const { dryRun } = DryRun.parse(req.query);
      if (!req.is('multipart/form-data')) {
        throw new LockstepError('unsupported_media_type', 'multipart_required', 'Send the XLIFF files (or a zip of them) as file fields of multipart/form-data.');
      }
      const form = await readUploadedFiles(req, EXCHANGE_LIMITS);
      const overrides = overridesOf(form.fields.overrides);
      res.json(await exchangeXliff(db, actorOf(req.auth)!, doc, form.files, overrides, { dryRun: dryRun === 'true' || dryRun === '1' }));
    },
  });

  routes.add({
    method: 'post',
    path: '/api/xliff/inspect',
    action: 'read',
    body: xliffBody,
    async handler(req, res) {
      // The same reader as import: what it accepts here, import accepts; nothing is written.
      const file = await inspectXliff(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      res.json({
        version: file.version,
        encoding: file.encoding,
        srcLang: file.srcLang,
        trgLang: file.trgLang ?? null,
        files: file.stats.files,
        units: file.stats.units,
        segments: file.stats.segments,
        states: file.stats.states,
        rejected: file.stats.rejected,
        warnings: file.warnings,
      });
    },
  });
}
