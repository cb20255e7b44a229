import type { Queryable } from '../db/db.js';

/** A stored translation found for the translation memory (see shared/src/memory). */
export interface MemoryRow {
  text: string;
  source: string;
  documentId: string;
  segmentId: string;
  state: string;
  updatedAt: Date;
}

/**
 * This segment's earlier translation texts in `lang`, each once (its newest event), newest
 * first. Every change to a translation wrote an event, so the history holds every text it had.
 */
export async function ownEarlierTexts(
  db: Queryable,
  segmentId: string,
  lang: string,
  limit: number,
): Promise<{ text: string; state: string; updatedAt: Date }[]> {
  const r = await db.query<{ text: string; state: string; updatedAt: Date }>(
    `SELECT text, state, "updatedAt" FROM (
       SELECT DISTINCT ON (text) text, state, created_at AS "updatedAt", id
         FROM translation_events
        WHERE segment_id = $1 AND lang = $2 AND btrim(text) <> ''
        ORDER BY text, id DESC
     ) latest
     ORDER BY id DESC
     LIMIT $3`,
    [segmentId, lang, limit],
  );
  return r.rows;
}

export interface SimilarQuery {
  /** The plain text (inline codes removed) of the segment being translated. */
  plain: string;
  sourceLang: string;
  lang: string;
  excludeSegmentId: string;
  /** pg_trgm similarity a stored source needs to be a candidate (0–1). */
  threshold: number;
  limit: number;
}

/**
 * Other segments' current translations into `lang` (translated or approved, of any document
 * with the same source language, retired segments included) whose plain source is similar by
 * pg_trgm, most similar first. The `%` operator uses the GIN trigram index on
 * segments.plain_text; its threshold is set for this transaction only, so call this inside one.
 * Stale translations are left out: their text belongs to a source the segment no longer has.
 */
export async function similarTranslations(tx: Queryable, q: SimilarQuery): Promise<MemoryRow[]> {
  await tx.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(q.threshold)]);
  const r = await tx.query<MemoryRow>(
    `SELECT t.text, s.source, s.document_id AS "documentId", s.id AS "segmentId", t.state, t.updated_at AS "updatedAt"
       FROM segments s
       JOIN documents d ON d.id = s.document_id AND d.source_lang = $2
       JOIN translations t ON t.segment_id = s.id AND t.lang = $3 AND t.state IN ('translated', 'approved')
      WHERE s.plain_text % $1 AND s.id <> $4 AND btrim(t.text) <> ''
      ORDER BY similarity(s.plain_text, $1) DESC, t.updated_at DESC
      LIMIT $5`,
    [q.plain, q.sourceLang, q.lang, q.excludeSegmentId, q.limit],
  );
  return r.rows;
}

/** How many stored sources pass the trigram filter (the candidate set, before ranking): for the bench. */
export async function countTrigramCandidates(tx: Queryable, plain: string, threshold: number): Promise<number> {
  await tx.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(threshold)]);
  const r = await tx.query<{ n: string }>('SELECT count(*) AS n FROM segments WHERE plain_text % $1', [plain]);
  return Number(r.rows[0].n);
}
