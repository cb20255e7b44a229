import { PROGRESS_STATES } from '@lockstep/shared';
import type { Queryable } from '../db/db.js';

/**
 * Read-only queries for `lockstep check`: each returns the rows that break one invariant of
 * the schema (at most `limit` of them), so a consistent database returns nothing.
 */

/** One snapshot for every query of the check, so concurrent writers cannot look like damage. */
export async function beginSnapshot(tx: Queryable): Promise<void> {
  await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
}

export interface TableCounts {
  documents: number;
  revisions: number;
  segments: number;
  translations: number;
  events: number;
  progressRows: number;
}

export async function countRows(tx: Queryable): Promise<TableCounts> {
  const r = await tx.query<Record<keyof TableCounts, string>>(
    `SELECT (SELECT count(*) FROM documents) AS documents,
            (SELECT count(*) FROM revisions) AS revisions,
            (SELECT count(*) FROM segments) AS segments,
            (SELECT count(*) FROM translations) AS translations,
            (SELECT count(*) FROM translation_events) AS events,
            (SELECT count(*) FROM language_progress) AS "progressRows"`,
  );
  const row = r.rows[0];
  return {
    documents: Number(row.documents),
    revisions: Number(row.revisions),
    segments: Number(row.segments),
    translations: Number(row.translations),
    events: Number(row.events),
    progressRows: Number(row.progressRows),
  };
}

export interface HistoryMismatchRow {
  documentId: string | null;
  segmentId: string;
  lang: string;
  text: string;
  state: string;
  version: number;
  /** The newest event of this translation (by id, i.e. by time); null when it has none. */
  eventId: string | null;
  eventText: string | null;
  eventState: string | null;
  eventVersion: number | null;
}

/**
 * Translations that differ from their newest history event. A translation without events
 * must be the untouched row every segment starts with: version 1, untranslated, empty.
 */
export async function translationsUnlikeHistory(tx: Queryable, limit: number): Promise<HistoryMismatchRow[]> {
  const r = await tx.query<HistoryMismatchRow>(
    `SELECT s.document_id AS "documentId", t.segment_id AS "segmentId", t.lang, t.text, t.state, t.version,
            e.id::text AS "eventId", e.text AS "eventText", e.state AS "eventState", e.version AS "eventVersion"
       FROM translations t
       LEFT JOIN segments s ON s.id = t.segment_id
       LEFT JOIN LATERAL (
         SELECT id, text, state, version FROM translation_events x
          WHERE x.segment_id = t.segment_id AND x.lang = t.lang
          ORDER BY x.id DESC LIMIT 1) e ON true
      WHERE (e.id IS NULL AND (t.version <> 1 OR t.state <> 'untranslated' OR t.text <> ''))
         OR (e.id IS NOT NULL AND (t.text <> e.text OR t.state <> e.state OR t.version <> e.version))
      ORDER BY s.document_id, t.segment_id, t.lang
      LIMIT $1`,
    [limit],
  );
  return r.rows;
}

export interface VersionOrderRow {
  documentId: string | null;
  segmentId: string;
  lang: string;
  eventId: string;
  version: number;
  previousEventId: string;
  previousVersion: number;
}

/** History events whose version is not greater than the version of the event before them. */
export async function historyVersionsNotIncreasing(tx: Queryable, limit: number): Promise<VersionOrderRow[]> {
  const r = await tx.query<VersionOrderRow>(
    `SELECT s.document_id AS "documentId", x.segment_id AS "segmentId", x.lang, x.id::text AS "eventId", x.version,
            x.prev_id::text AS "previousEventId", x.prev_version AS "previousVersion"
       FROM (SELECT e.segment_id, e.lang, e.id, e.version,
                    lag(e.id) OVER w AS prev_id, lag(e.version) OVER w AS prev_version
               FROM translation_events e
             WINDOW w AS (PARTITION BY e.segment_id, e.lang ORDER BY e.id)) x
       LEFT JOIN segments s ON s.id = x.segment_id
      WHERE x.prev_version IS NOT NULL AND x.version <= x.prev_version
      ORDER BY s.document_id, x.segment_id, x.lang, x.id
      LIMIT $1`,
    [limit],
  );
  return r.rows;
}

export type OrphanKind =
  | 'orphan_translation'
  | 'orphan_history'
  | 'orphan_segment'
  | 'orphan_revision'
  | 'orphan_progress'
  | 'missing_translation'
  | 'missing_revision';

export interface OrphanRow {
  kind: OrphanKind;
  /** What is wrong with it, in a few words; the service turns it into a sentence. */
  what: string;
  documentId: string | null;
  segmentId: string | null;
  lang: string | null;
  eventId: string | null;
  revision: number | null;
}

/**
 * Rows that point at nothing (most are also prevented by foreign keys, but a database restored
 * from a partial dump or edited by hand has none of those guarantees) and rows that are missing.
 */
export async function orphansAndGaps(tx: Queryable, limit: number): Promise<OrphanRow[]> {
  const r = await tx.query<OrphanRow>(
    `(SELECT 'orphan_translation' AS kind, 'no segment' AS what, NULL::text AS "documentId", t.segment_id AS "segmentId",
             t.lang, NULL::text AS "eventId", NULL::int AS revision
        FROM translations t WHERE NOT EXISTS (SELECT 1 FROM segments s WHERE s.id = t.segment_id)
       LIMIT $1)
     UNION ALL
     (SELECT 'orphan_translation', 'language not a target of its document', s.document_id, t.segment_id, t.lang, NULL, NULL
        FROM translations t JOIN segments s ON s.id = t.segment_id JOIN documents d ON d.id = s.document_id
       WHERE NOT (t.lang = ANY (d.target_langs))
       LIMIT $1)
     UNION ALL
     (SELECT 'orphan_history', 'no translation', s.document_id, e.segment_id, e.lang, e.id::text, e.revision
        FROM translation_events e LEFT JOIN segments s ON s.id = e.segment_id
       WHERE NOT EXISTS (SELECT 1 FROM translations t WHERE t.segment_id = e.segment_id AND t.lang = e.lang)
       LIMIT $1)
     UNION ALL
     (SELECT 'orphan_segment', 'no document', s.document_id, s.id, NULL, NULL, s.first_revision
        FROM segments s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = s.document_id)
       LIMIT $1)
     UNION ALL
     (SELECT 'orphan_segment', 'first revision does not exist', s.document_id, s.id, NULL, NULL, s.first_revision
        FROM segments s
       WHERE EXISTS (SELECT 1 FROM documents d WHERE d.id = s.document_id)
         AND NOT EXISTS (SELECT 1 FROM revisions r WHERE r.document_id = s.document_id AND r.number = s.first_revision)
       LIMIT $1)
     UNION ALL
     (SELECT 'orphan_revision', 'no document', r.document_id, NULL, NULL, NULL, r.number
        FROM revisions r WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = r.document_id)
       LIMIT $1)
     UNION ALL
     (SELECT 'orphan_progress', 'no document', p.document_id, NULL, p.lang, NULL, NULL
        FROM language_progress p WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = p.document_id)
       LIMIT $1)
     UNION ALL
     (SELECT 'missing_revision', 'current revision does not exist', d.id, NULL, NULL, NULL, d.current_revision
        FROM documents d
       WHERE NOT EXISTS (SELECT 1 FROM revisions r WHERE r.document_id = d.id AND r.number = d.current_revision)
       LIMIT $1)
     UNION ALL
     (SELECT 'missing_translation', 'live segment without a translation row', s.document_id, s.id, l.lang, NULL, NULL
        FROM segments s JOIN documents d ON d.id = s.document_id CROSS JOIN LATERAL unnest(d.target_langs) AS l(lang)
       WHERE s.retired_in IS NULL AND s.translatable
         AND NOT EXISTS (SELECT 1 FROM translations t WHERE t.segment_id = s.id AND t.lang = l.lang)
       LIMIT $1)`,
    [limit],
  );
  return r.rows;
}

/** The counters of migration 002, one object per (document, language): segments and words per state. */
export type ProgressCounters = Record<string, number>;

export interface ProgressMismatchRow {
  documentId: string;
  lang: string;
  stored: ProgressCounters | null;
  recounted: ProgressCounters;
}

const COUNTER_COLUMNS = [...PROGRESS_STATES, ...PROGRESS_STATES.map((state) => `${state}_words` as const)];

const storedObject = `json_build_object(${COUNTER_COLUMNS.map((c) => `'${c}', p.${c}`).join(', ')})`;
const recountObject = `json_build_object(${COUNTER_COLUMNS.map((c) => `'${c}', coalesce(r.${c}, 0)`).join(', ')})`;

/** Per state, its segments and its source words, as the triggers count them. */
const recounts = [
  ...PROGRESS_STATES.map((state) => `count(*) FILTER (WHERE state = '${state}') AS ${state}`),
  ...PROGRESS_STATES.map((state) => `coalesce(sum(words) FILTER (WHERE state = '${state}'), 0) AS ${state}_words`),
].join(',\n              ');
const differs = COUNTER_COLUMNS.map((c) => `coalesce(r.${c}, 0) <> coalesce(p.${c}, 0)`).join(' OR ');

/**
 * The maintained progress counters against a recount from the tables, counted the way the
 * triggers count: live segments only, translatable ones by their translation's state, locked
 * ones once per target language. A missing counter row is the same as a row of zeros.
 */
export async function progressCountersUnlikeRecount(tx: Queryable, limit: number): Promise<ProgressMismatchRow[]> {
  const r = await tx.query<ProgressMismatchRow>(
    `WITH c AS (
       SELECT s.document_id, t.lang, t.state, s.words
         FROM segments s JOIN translations t ON t.segment_id = s.id
        WHERE s.retired_in IS NULL AND s.translatable
       UNION ALL
       SELECT s.document_id, l.lang, 'locked', s.words
         FROM segments s JOIN documents d ON d.id = s.document_id CROSS JOIN LATERAL unnest(d.target_langs) AS l(lang)
        WHERE s.retired_in IS NULL AND NOT s.translatable
     ), r AS (
       SELECT document_id, lang, ${recounts}
         FROM c GROUP BY document_id, lang
     )
     SELECT coalesce(r.document_id, p.document_id) AS "documentId", coalesce(r.lang, p.lang) AS lang,
            CASE WHEN p.document_id IS NULL THEN NULL ELSE ${storedObject} END AS stored,
            ${recountObject} AS recounted
       FROM r FULL JOIN language_progress p ON p.document_id = r.document_id AND p.lang = r.lang
      WHERE ${differs}
      ORDER BY 1, 2
      LIMIT $1`,
    [limit],
  );
  return r.rows;
}

export interface MemorySourceMismatchRow {
  documentId: string;
  segmentId: string;
  memorySourceId: string | null;
  /** What differs: 'missing', 'text', 'language' or 'hash'. */
  what: string;
}

/**
 * Segments whose translation-memory source (migration 006) is not their own text: the memory
 * would find their translations under another sentence, or not at all. Kept by a trigger, so
 * only a hand edit or a broken restore shows here.
 */
export async function segmentsUnlikeMemorySource(tx: Queryable, limit: number): Promise<MemorySourceMismatchRow[]> {
  const r = await tx.query<MemorySourceMismatchRow>(
    `SELECT s.document_id AS "documentId", s.id AS "segmentId", s.memory_source_id::text AS "memorySourceId",
            CASE WHEN m.id IS NULL THEN 'missing'
                 WHEN m.plain_text <> s.plain_text THEN 'text'
                 WHEN m.source_lang <> d.source_lang THEN 'language'
                 ELSE 'hash' END AS what
       FROM segments s
       JOIN documents d ON d.id = s.document_id
       LEFT JOIN memory_sources m ON m.id = s.memory_source_id
      WHERE m.id IS NULL OR m.plain_text <> s.plain_text OR m.source_lang <> d.source_lang
         OR m.text_hash <> sha256(convert_to(m.plain_text, 'UTF8'))
      ORDER BY s.document_id, s.id
      LIMIT $1`,
    [limit],
  );
  return r.rows;
}
