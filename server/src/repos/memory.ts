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

// Other segments' current translations into the language (translated or approved: a stale
// translation's text belongs to a source its segment no longer has), retired segments included.
const TRANSLATIONS_OF_SOURCE = `
  JOIN segments s ON s.memory_source_id = m.id AND s.id <> $4
  JOIN translations t ON t.segment_id = s.id AND t.lang = $3 AND lockstep_is_done(t.state) AND btrim(t.text) <> ''`;
const MEMORY_COLUMNS = `t.text, s.source, s.document_id AS "documentId", s.id AS "segmentId", t.state, t.updated_at AS "updatedAt"`;

/**
 * Translations of segments whose plain source is exactly `plain` (migration 006: found by the
 * text's hash in memory_sources, an index lookup), newest first.
 */
export async function exactTranslations(db: Queryable, q: MemoryQuery): Promise<MemoryRow[]> {
  const r = await db.query<MemoryRow>(
    `SELECT ${MEMORY_COLUMNS}
       FROM memory_sources m ${TRANSLATIONS_OF_SOURCE}
      WHERE m.source_lang = $2 AND m.text_hash = sha256(convert_to($1, 'UTF8')) AND m.plain_text = $1
      ORDER BY t.updated_at DESC, s.id
      LIMIT $5`,
    [q.plain, q.sourceLang, q.lang, q.excludeSegmentId, q.limit],
  );
  return r.rows;
}

/**
 * Translations of segments whose plain source is similar to `plain` by pg_trgm but not equal
 * to it (exactTranslations finds those), most similar first. The `%` operator uses the GIN
 * trigram index on memory_sources.plain_text; its threshold is set for this transaction
 * only, so call this inside one.
 */
export async function similarTranslations(tx: Queryable, q: MemoryQuery & { threshold: number; maxSources: number }): Promise<MemoryRow[]> {
  await setTrigramThreshold(tx, q.threshold);
  // At most `maxSources` source texts pass on to the joins, the scoring and the sort: the
  // bound of one lookup's work where no statement timeout applies (PGlite). Above it, the
  // texts kept are the index's first, not the most similar; a tier that full is rare.
  const r = await tx.query<MemoryRow>(
    `SELECT ${MEMORY_COLUMNS}
       FROM (SELECT id, plain_text FROM memory_sources
              WHERE source_lang = $2 AND plain_text % $1 AND plain_text <> $1
              LIMIT $6) m ${TRANSLATIONS_OF_SOURCE}
      ORDER BY similarity(m.plain_text, $1) DESC, t.updated_at DESC, s.id
      LIMIT $5`,
    [q.plain, q.sourceLang, q.lang, q.excludeSegmentId, q.limit, q.maxSources],
  );
  return r.rows;
}

async function setTrigramThreshold(tx: Queryable, threshold: number): Promise<void> {
  await tx.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(threshold)]);
}
