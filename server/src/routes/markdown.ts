import { z } from 'zod';
import type { Db } from '../db/db.js';
import { param, type RouteTable } from '../http/routeTable.js';
import { requireDocument } from '../services/documents.js';
import { exportMarkdown } from '../services/markdownExport.js';
import { exportSite } from '../services/siteExport.js';

const Query = z.object({
  revision: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, 'a revision number (1, 2, …)')
    .transform(Number)
    .optional(),
});

/** Header values stay well under common proxy limits (8 KB per header); the count says how many there are. */
const MAX_FALLBACK_HEADER = 4000;

function fallbackHeader(ids: readonly string[]): string {
  let out = '';
  for (const id of ids) {
    const next = out ? `${out},${id}` : id;
    if (next.length > MAX_FALLBACK_HEADER) break;
    out = next;
  }
  return out;
}

export function markdownRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'get',
    path: '/api/documents/:doc/markdown/:lang',
    action: 'read',
    // Reading a translated document is open to every signed-in user in every language
    // (api.md); `:lang` names the document's language, not one being written.
    langOf: () => undefined,
    async handler(req, res) {
      const { revision } = Query.parse(req.query);
      const doc = await requireDocument(db, param(req, 'doc'));
      const file = await exportMarkdown(db, doc, param(req, 'lang'), revision);
      res.setHeader('Content-Type', 'text/markdown; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
      res.setHeader('X-Lockstep-Revision', String(file.revision));
      res.setHeader('X-Lockstep-Fallback', fallbackHeader(file.fallbackIds));
      res.setHeader('X-Lockstep-Fallback-Count', String(file.fallbackCount));
      res.send(file.markdown);
    },
  });
}

const SiteQuery = z.object({ format: z.enum(['md', 'html'], { message: 'format is md or html' }).default('md') });

/** The published set: source and every language with a language menu, as one zip (issue 26). */
export function siteRoutes(routes: RouteTable, db: Db): void {
  routes.add({
    method: 'get',
    path: '/api/documents/:doc/site',
    action: 'read',
    async handler(req, res) {
      const { format } = SiteQuery.parse(req.query);
      const doc = await requireDocument(db, param(req, 'doc'));
      const zip = await exportSite(db, doc, format);
      res.setHeader('Content-Type', 'application/zip');
      res.setHeader('Content-Disposition', `attachment; filename="${zip.filename}"`);
      res.end(Buffer.from(zip.bytes));
    },
  });
}
