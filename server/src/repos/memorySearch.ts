import type { MemorySearchHit } from '@lockstep/shared/api';
import type { Queryable } from '../db/db.js';

/** A concordance hit as stored: `text` still carries its inline codes. */
export type SearchRow = Omit<MemorySearchHit, 'updatedAt'> & {
  updatedAt: Date;
  /** Matching texts the search looked at (the same on every row; at most the scan limit). */
  scanned: number;
};

export interface SearchQuery {
  /** An ILIKE pattern, its wildcards escaped: `%words%`. */
  pattern: string;
  lang: string;
  scanLimit: number;
  limit: number;
  offset: number;
}

const HIT_COLUMNS = `d.source_lang AS "sourceLang", t.lang, s.document_id AS "documentId", s.id AS "segmentId", t.state,
  t.updated_at AS "updatedAt", (SELECT count(*)::int FROM found) AS scanned`;

/**
 * Done translations into `lang` of the first `scanLimit` source texts containing the pattern
 * (the trigram index of migration 006 finds them; no ORDER BY inside, so the scan stops
 * there), newest translation first, one page.
 */
export async function searchSources(db: Queryable, q: SearchQuery): Promise<SearchRow[]> {
  const r = await db.query<SearchRow>(
    `WITH found AS MATERIALIZED (
       SELECT id, plain_text FROM memory_sources WHERE plain_text ILIKE $1 LIMIT $3
     )
     SELECT m.plain_text AS source, t.text, ${HIT_COLUMNS}
       FROM found m
       JOIN segments s ON s.memory_source_id = m.id
       JOIN documents d ON d.id = s.document_id
       JOIN translations t ON t.segment_id = s.id AND t.lang = $2 AND lockstep_is_done(t.state) AND btrim(t.text) <> ''
      ORDER BY t.updated_at DESC, s.id
      LIMIT $4 OFFSET $5`,
    [q.pattern, q.lang, q.scanLimit, q.limit, q.offset],
  );
  return r.rows;
}

/** The same, searching the translations into `lang` themselves (the trigram index of 001). */
export async function searchTranslations(db: Queryable, q: SearchQuery): Promise<SearchRow[]> {
  const r = await db.query<SearchRow>(
    `WITH found AS MATERIALIZED (
       SELECT segment_id, lang, text, state, updated_at FROM translations
        WHERE lang = $2 AND lockstep_is_done(state) AND text ILIKE $1 LIMIT $3
     )
     SELECT s.plain_text AS source, t.text, ${HIT_COLUMNS}
       FROM found t
       JOIN segments s ON s.id = t.segment_id
       JOIN documents d ON d.id = s.document_id
      ORDER BY t.updated_at DESC, s.id
      LIMIT $4 OFFSET $5`,
    [q.pattern, q.lang, q.scanLimit, q.limit, q.offset],
  );
  return r.rows;
}
