import { DEFAULT_MEMORY_LIMIT, MAX_MEMORY_LIMIT } from '@lockstep/shared';
import { z } from 'zod';
import type { Db } from '../db/db.js';
import { clientGone } from '../http/clientGone.js';
import { param, type RouteTable } from '../http/routeTable.js';
import { memorySuggestions } from '../services/memory.js';

const MemoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_MEMORY_LIMIT).default(DEFAULT_MEMORY_LIMIT),
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
}
