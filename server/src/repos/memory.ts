import type { LanguageCode } from '@lockstep/shared';
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

/** One of this segment's earlier texts, with what the history says about the source it was made for. */
export interface EarlierText {
  text: string;
  state: string;
  updatedAt: Date;
  /** A stale event came after the text: it was made for an earlier source than the segment's current one. */
  sourceChangedSince: boolean;
  /** That earlier source (coded text), when the stale event recorded it (migration 010); else null. */
  madeFor: string | null;
}

/**
 * This segment's earlier translation texts in `lang`, each once (its newest event), newest
 * first. Every change to a translation wrote an event, so the history holds every text it had.
 * The first event after a text's newest one that marked the translation stale says which
 * source the text was made for (a stale episode keeps its original source, staleRules.ts).
 */
export async function ownEarlierTexts(db: Queryable, segmentId: string, lang: string, limit: number): Promise<EarlierText[]> {
  const r = await db.query<EarlierText>(
    `SELECT latest.text, latest.state, latest."updatedAt",
            boundary.id IS NOT NULL AS "sourceChangedSince", boundary.previous_source AS "madeFor"
       FROM (
         SELECT DISTINCT ON (text) text, state, created_at AS "updatedAt", id
           FROM translation_events
          WHERE segment_id = $1 AND lang = $2 AND btrim(text) <> ''
          ORDER BY text, id DESC
       ) latest
       LEFT JOIN LATERAL (
         SELECT b.id, b.previous_source FROM translation_events b
          WHERE b.segment_id = $1 AND b.lang = $2 AND b.kind = 'stale' AND b.state = 'stale' AND b.id >= latest.id
          ORDER BY b.id
          LIMIT 1
       ) boundary ON true
      ORDER BY latest.id DESC
      LIMIT $3`,
    [segmentId, lang, limit],
  );
  return r.rows;
}

export interface MemoryQuery {
  /** The plain text (inline codes removed) of the segment being translated. */
  plain: string;
  sourceLang: LanguageCode;
  lang: string;
  excludeSegmentId: string;
  limit: number;
}

const MEMORY_COLUMNS = `t.text, s.document_id AS "documentId", s.id AS "segmentId", t.state, t.updated_at AS "updatedAt"`;

/** A translation of a memory source: which source, and for an imported TMX unit, its file. */
export type SourceTranslation = MemoryRow & { sourceId: string; importedFrom: string | null };

/**
 * Other segments' translations into `lang` of the memory sources `sourceIds`, retired segments
 * included: done translations of segments whose source is that text, and stale translations
 * whose PREVIOUS source is (migration 017: a stale text translates the source it was made
 * for, so it is offered, and scored, under that one; `source` is it), and units imported
 * from TMX files (`importedFrom`: the file's name; no document or segment).
 */
export async function translationsOfSources(
  db: Queryable,
  q: { sourceIds: readonly string[]; lang: string; excludeSegmentId: string; limit: number },
): Promise<SourceTranslation[]> {
  if (q.sourceIds.length === 0) return [];
  const r = await db.query<SourceTranslation>(
    `SELECT * FROM (
       SELECT ${MEMORY_COLUMNS}, s.source, s.memory_source_id::text AS "sourceId", NULL AS "importedFrom"
         FROM segments s
         JOIN translations t ON t.segment_id = s.id AND t.lang = $2 AND lockstep_is_done(t.state) AND btrim(t.text) <> ''
        WHERE s.memory_source_id = ANY($1::bigint[]) AND s.id <> $3
       UNION ALL
       SELECT ${MEMORY_COLUMNS}, t.previous_source AS source, t.previous_memory_source_id::text AS "sourceId", NULL AS "importedFrom"
         FROM translations t
         JOIN segments s ON s.id = t.segment_id
        WHERE t.previous_memory_source_id = ANY($1::bigint[]) AND t.lang = $2 AND t.state = 'stale'
          AND btrim(t.text) <> '' AND s.id <> $3
       UNION ALL
       SELECT i.text, '' AS "documentId", '' AS "segmentId", 'translated' AS state, i.imported_at AS "updatedAt",
              m.plain_text AS source, i.memory_source_id::text AS "sourceId", i.origin AS "importedFrom"
         FROM memory_imports i
         JOIN memory_sources m ON m.id = i.memory_source_id
        WHERE i.memory_source_id = ANY($1::bigint[]) AND i.lang = $2
     ) found
     ORDER BY "updatedAt" DESC, "segmentId"
     LIMIT $4`,
    [q.sourceIds, q.lang, q.excludeSegmentId, q.limit],
  );
  return r.rows;
}
