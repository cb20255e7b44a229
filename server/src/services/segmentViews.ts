import { staleDiff, type LanguageCode, type SegmentFilter } from '@lockstep/shared';
import type { Segment, SegmentList, Sendable } from '@lockstep/shared/api';
import type { Db } from '../db/db.js';
import type { DocumentRow } from '../repos/documents.js';
import { compactSegmentsJson, listSegments, type SegmentQuery, type SegmentWithTranslation } from '../repos/segments.js';
import { makeCursor, parseCursor, requireDocument, requireTargetLang } from './documents.js';

/**
 * A segment as the API shows it: a stale translation carries the word diff from the source
 * its translator worked from to the current source (api.md), computed on plain text.
 */
export function segmentView(row: SegmentWithTranslation, sourceLang: LanguageCode): Sendable<Segment> {
  const { plain, ...rest } = row;
  const t = row.translation;
  if (!t) return { ...rest, translation: null };
  const diff = t.state === 'stale' && t.previousSource !== null ? staleDiff(t.previousSource, plain, sourceLang) : null;
  return { ...rest, translation: { ...t, diff } };
}

export interface SegmentListQuery {
  lang: string;
  state?: SegmentFilter;
  q?: string;
  /** An opaque cursor this server returned (`nextCursor`). */
  cursor?: string;
  limit?: number;
}

/**
 * A document's segments in one language, filtered and paged (api.md): with `limit`, a
 * `nextCursor` when a page may follow. A text search is an interactive read (a bounded share of
 * the pool, a tighter time limit, cancelled through `signal` when the client leaves); the plain
 * list is what the editor needs to open at all.
 */
export async function segmentList(db: Db, documentId: string, query: SegmentListQuery, signal?: AbortSignal): Promise<Sendable<SegmentList>> {
  const { doc, filters } = await listQuery(db, documentId, query);
  const rows = query.q ? await db.interactive(signal, (q) => listSegments(q, filters)) : await listSegments(db, filters);
  const last = rows.at(-1);
  const nextCursor = query.limit !== undefined && rows.length === query.limit && last ? makeCursor(last.index) : null;
  return {
    revision: doc.revision,
    segments: rows.map((row) => segmentView(row, doc.sourceLang)),
    ...(query.limit !== undefined ? { nextCursor } : {}),
  };
}

async function listQuery(db: Db, documentId: string, query: SegmentListQuery): Promise<{ doc: DocumentRow; filters: SegmentQuery }> {
  const doc = await requireDocument(db, documentId);
  const lang = requireTargetLang(doc, query.lang);
  return { doc, filters: { documentId: doc.id, lang, state: query.state, q: query.q, afterPosition: parseCursor(query.cursor), limit: query.limit } };
}

/**
 * The same list in the compact shape (`view=compact`, `CompactSegmentList`), as the JSON text
 * to send: the database writes the segments' array, so a 10,000-segment list is never turned
 * into rows and objects here (the editor opens with it).
 */
export async function compactSegmentList(db: Db, documentId: string, query: SegmentListQuery, signal?: AbortSignal): Promise<string> {
  const { doc, filters } = await listQuery(db, documentId, query);
  const list = query.q ? await db.interactive(signal, (q) => compactSegmentsJson(q, filters)) : await compactSegmentsJson(db, filters);
  let tail = '';
  if (query.limit !== undefined) {
    const nextCursor = list.count === query.limit && list.lastIndex !== null ? makeCursor(list.lastIndex) : null;
    tail = `,"nextCursor":${JSON.stringify(nextCursor)}`;
  }
  return `{"revision":${doc.revision},"segments":${list.segments}${tail}}`;
}
