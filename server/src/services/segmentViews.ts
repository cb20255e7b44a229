import { staleDiff, type LanguageCode, type SegmentFilter } from '@lockstep/shared';
import type { Segment, SegmentList, Sendable } from '@lockstep/shared/api';
import type { Db, Queryable } from '../db/db.js';
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
  const { doc, filters, read } = await listQuery(db, documentId, query, signal);
  const rows = await read(listSegments);
  return {
    revision: doc.revision,
    segments: rows.map((row) => segmentView(row, doc.sourceLang)),
    ...(query.limit !== undefined ? { nextCursor: nextCursorOf(filters, rows.length, rows.at(-1)?.index) } : {}),
  };
}

interface ListQuery {
  doc: DocumentRow;
  filters: SegmentQuery;
  /** Runs a list query with the filters: a text search as an interactive read, the plain list on the pool. */
  read<T>(list: (q: Queryable, filters: SegmentQuery) => Promise<T>): Promise<T>;
}

async function listQuery(db: Db, documentId: string, query: SegmentListQuery, signal?: AbortSignal): Promise<ListQuery> {
  const doc = await requireDocument(db, documentId);
  const lang = requireTargetLang(doc, query.lang);
  const filters = { documentId: doc.id, lang, state: query.state, q: query.q, afterPosition: parseCursor(query.cursor), limit: query.limit };
  const read = <T>(list: (q: Queryable, filters: SegmentQuery) => Promise<T>) =>
    query.q ? db.interactive(signal, (q) => list(q, filters)) : list(db, filters);
  return { doc, filters, read };
}

/** A page's `nextCursor`: when it came back full, after its last row, as another page may follow. */
function nextCursorOf(filters: SegmentQuery, count: number, lastIndex: number | null | undefined): string | null {
  return count === filters.limit && lastIndex != null ? makeCursor(lastIndex) : null;
}

/**
 * The same list in the compact shape (`view=compact`, `CompactSegmentList`), as the JSON text
 * to send: the database writes the segments' array, so a 10,000-segment list is never turned
 * into rows and objects here (the editor opens with it).
 */
export async function compactSegmentList(db: Db, documentId: string, query: SegmentListQuery, signal?: AbortSignal): Promise<string> {
  const { doc, filters, read } = await listQuery(db, documentId, query, signal);
  const list = await read(compactSegmentsJson);
  const tail = query.limit !== undefined ? `,"nextCursor":${JSON.stringify(nextCursorOf(filters, list.count, list.lastIndex))}` : '';
  return `{"revision":${doc.revision},"segments":${list.segments}${tail}}`;
}
