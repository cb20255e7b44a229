import { DEFAULT_MEMORY_LIMIT, LANGUAGE_CODES, MAX_MEMORY_LIMIT, XLIFF_MAX_BYTES } from '@lockstep/shared';
import { z } from 'zod';
import type { Db } from '../db/db.js';
import { clientGone } from '../http/clientGone.js';
import { param, type RouteTable } from '../http/routeTable.js';
import { memorySuggestions } from '../services/memory.js';
import { exportTmx, importTmx } from '../services/memoryTmx.js';
import { actorOf } from '../http/auth.js';
import { writeWithBackpressure } from '../http/backpressure.js';
import { fileUpload } from '../http/upload.js';
import {
  MEMORY_SEARCH_MAX_CHARS,
  MEMORY_SEARCH_MAX_PAGE_SIZE,
  MEMORY_SEARCH_MIN_CHARS,
  MEMORY_SEARCH_SCAN_LIMIT,
  searchMemory,
} from '../services/memorySearch.js';

const MemoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_MEMORY_LIMIT).default(DEFAULT_MEMORY_LIMIT),
});

const SearchQuery = z
  .object({
    q: z
      .string()
      .transform((q) => q.trim())
      .pipe(z.string().min(MEMORY_SEARCH_MIN_CHARS, `Search for at least ${MEMORY_SEARCH_MIN_CHARS} characters.`).max(MEMORY_SEARCH_MAX_CHARS)),
    lang: z.enum(LANGUAGE_CODES),
    in: z.enum(['source', 'target']).default('source'),
    limit: z.coerce.number().int().min(1).max(MEMORY_SEARCH_MAX_PAGE_SIZE).default(20),
    page: z.coerce.number().int().min(1).default(1),
  })
  .refine((s) => (s.page - 1) * s.limit < MEMORY_SEARCH_SCAN_LIMIT, {
    message: `A search shows its first ${MEMORY_SEARCH_SCAN_LIMIT} hits; add words to find others.`,
    path: ['page'],
  });

const TmxPair = z.object({ source: z.enum(LANGUAGE_CODES).optional(), target: z.enum(LANGUAGE_CODES).optional() });
const TmxImport = z.object({ name: z.string().trim().min(1).max(200).default('TMX import') });

/** A TMX file as raw bytes (the reader decodes it by BOM and declaration), at most 20 MB as for XLIFF. */
const tmxBody = fileUpload({
  rawTypes: ['application/x-tmx+xml', 'application/xml', 'text/xml'],
  maxBytes: XLIFF_MAX_BYTES,
  what: 'TMX file',
  mediaTypeCode: 'tmx_required',
});

export function memoryRoutes(routes: RouteTable, db: Db, opts: { fuzzyMaxChars: number }): void {
  // Reading suggestions is reading translations (every language), not writing one.
  routes.add({
    method: 'get',
    path: '/api/documents/:doc/segments/:seg/memory/:lang',
    action: 'read',
    async handler(req, res) {
      const { limit } = MemoryQuery.parse(req.query);
      const ref = { documentId: param(req, 'doc'), segmentId: param(req, 'seg'), lang: param(req, 'lang') };
      res.json(await memorySuggestions(db, ref, { limit, fuzzyMaxChars: opts.fuzzyMaxChars, signal: clientGone(res) }));
    },
  });
  // Searching the memory is reading translations too: any signed-in user, any language.
  routes.add({
    method: 'get',
    path: '/api/memory/search',
    action: 'read',
    async handler(req, res) {
      const s = SearchQuery.parse(req.query);
      res.json(await searchMemory(db, { q: s.q, lang: s.lang, side: s.in, page: s.page, limit: s.limit }, clientGone(res)));
    },
  });

  // The memory as TMX 1.4b, streamed: reading translations, so anyone signed in.
  routes.add({
    method: 'get',
    path: '/api/memory/tmx',
    action: 'read',
    async handler(req, res) {
      const pair = TmxPair.parse(req.query);
      const name = ['memory', pair.source, pair.target].filter(Boolean).join('.');
      res.type('application/x-tmx+xml; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${name}.tmx"`);
      await exportTmx(db, { sourceLang: pair.source ?? null, lang: pair.target ?? null }, (chunk) => writeWithBackpressure(res, chunk));
      res.end();
    },
  });
  // Importing into the memory changes what every translator is offered: coordinators.
  routes.add({
    method: 'post',
    path: '/api/memory/tmx',
    action: 'manageDocuments',
    body: tmxBody,
    async handler(req, res) {
      const { name } = TmxImport.parse(req.query);
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      res.json(await importTmx(db, { bytes, origin: name, userId: actorOf(req.auth)?.id ?? null }));
    },
  });
}
