import type { BlockKind, LockReason, SegmentFilter, SourceRun, TranslationState } from '@lockstep/shared';
import type { Queryable } from '../db/db.js';

/** A segment's source as stored: what the segmenter produced for it. */
export interface SegmentSource {
  source: string;
  sourceRuns: SourceRun[];
  plainText: string;
  alignKey: string;
  words: number;
  translatable: boolean;
  lockReason: string | null;
  hoisted: string | null;
  /** What rebuilding the Markdown needs beyond the runs: the hoisted wrapper's URL, hard breaks. */
  blockData: unknown;
}

/** A new segment placed in a document. */
export interface NewSegmentRow extends SegmentSource {
  position: number;
  blockIndex: number;
  blockKind: string;
  derivedFrom: string[];
}

/**
 * Inserts all segments of a revision in one statement (set-based: a 10,000-segment
 * document is one round trip, not ten thousand) and returns their new ids in order.
 */
export async function insertSegments(
  db: Queryable,
  documentId: string,
  revision: number,
  segments: readonly NewSegmentRow[],
): Promise<string[]> {
  if (segments.length === 0) return [];
  const r = await db.query<{ id: string; position: number }>(
    `INSERT INTO segments (document_id, position, block_index, block_kind, source, source_runs, plain_text,
                           align_key, words, translatable, lock_reason, hoisted, block_data, derived_from, first_revision)
     SELECT $1, x."position", x."blockIndex", x."blockKind", x.source, x."sourceRuns", x."plainText",
            x."alignKey", x.words, x.translatable, x."lockReason", x.hoisted, x."blockData",
            ARRAY(SELECT jsonb_array_elements_text(x."derivedFrom")), $2
       FROM jsonb_to_recordset($3::jsonb) AS x("position" int, "blockIndex" int, "blockKind" text, source text,
            "sourceRuns" jsonb, "plainText" text, "alignKey" text, words int, translatable boolean,
            "lockReason" text, hoisted text, "blockData" jsonb, "derivedFrom" jsonb)
      ORDER BY x."position"
     RETURNING id, position`,
    [documentId, revision, JSON.stringify(segments)],
  );
  const byPosition = new Map(r.rows.map((row) => [row.position, row.id]));
  return segments.map((s) => byPosition.get(s.position)!);
}

/** A segment's translation in one language as the segment lists give it. */
export interface SegmentTranslation {
  text: string;
  state: TranslationState;
  version: number;
  basedOnRevision: number | null;
  previousSource: string | null;
  changeClass: string | null;
  suggestion: string | null;
}

/** What an XLIFF import plans with: a live segment and its translation in the file's language. */
export interface ImportSegment {
  id: string;
  index: number;
  source: string;
  sourceRuns: SourceRun[];
  words: number;
  translatable: boolean;
  /** `alignmentKey(source)` as stored: what the export ledger's source hash is of. */
  alignKey: string;
  translation: null | SegmentTranslation;
}

/**
 * The live segments of a document with their translations into `lang`, for an import's plan:
 * `listSegments`' rows without what only the editor shows (who changed a row, open questions),
 * as plain columns. Building a JSON object per row and counting questions made this read a
 * fifth of a 10,000-unit import.
 */
export async function importSegments(db: Queryable, documentId: string, lang: string): Promise<ImportSegment[]> {
  const r = await db.query<Omit<ImportSegment, 'translation'> & { version: number | null } & Record<'text' | 'state' | 'previousSource' | 'changeClass' | 'suggestion', string | null> & { basedOnRevision: number | null }>(
    `SELECT s.id, s.position AS index, s.source, s.source_runs AS "sourceRuns", s.words, s.translatable,
            s.align_key AS "alignKey", t.text, t.state, t.version, t.based_on_revision AS "basedOnRevision", t.previous_source AS "previousSource",
            t.change_class AS "changeClass", t.suggestion
       FROM segments s
       LEFT JOIN translations t ON t.segment_id = s.id AND t.lang = $2
      WHERE s.document_id = $1 AND s.retired_in IS NULL
      ORDER BY s.position`,
    [documentId, lang],
  );
  // Literals, not rest and spread: those leave 10,000 objects slow to build and to read.
  return r.rows.map((row) => ({
    id: row.id,
    index: row.index,
    source: row.source,
    sourceRuns: row.sourceRuns,
    words: row.words,
    translatable: row.translatable,
    alignKey: row.alignKey,
    translation:
      row.version === null
        ? null
        : {
            text: row.text!,
            state: row.state as TranslationState,
            version: row.version,
            basedOnRevision: row.basedOnRevision,
            previousSource: row.previousSource,
            changeClass: row.changeClass,
            suggestion: row.suggestion,
          },
  }));
}

/** One untranslated row per translatable segment and target language (version 1, no history yet). */
export async function createUntranslatedRows(
  db: Queryable,
  documentId: string,
  langs: readonly string[],
  revision: number,
): Promise<void> {
  await db.query(
    `INSERT INTO translations (segment_id, lang, state, based_on_revision)
     SELECT s.id, l.lang, 'untranslated', $3
       FROM segments s CROSS JOIN unnest($2::text[]) AS l(lang)
      WHERE s.document_id = $1 AND s.translatable AND s.retired_in IS NULL
     ON CONFLICT DO NOTHING`,
    [documentId, langs, revision],
  );
}

export interface SegmentWithTranslation {
  id: string;
  index: number;
  blockIndex: number;
  kind: BlockKind;
  source: string;
  sourceRuns: SourceRun[];
  plain: string;
  words: number;
  translatable: boolean;
  lockReason: LockReason | null;
  hoisted: string | null;
  derivedFrom: string[];
  translation: null | (SegmentTranslation & { updatedBy: string | null; updatedAt: Date });
  /** Open questions in the asked language or for all languages. */
  openQuestions: number;
}

export interface SegmentQuery {
  documentId: string;
  lang: string;
  /** A translation state, `locked`, `needs-work` (a translation not done: untranslated or stale) or `open-questions`. */
  state?: SegmentFilter;
  /** Case-insensitive substring of the source or the translation. */
  q?: string;
  /** Only segments after this position (cursor paging). */
  afterPosition?: number;
  limit?: number;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The WHERE and LIMIT of a segment list (the `s` segments, `t` translations, `open_questions` of OPEN_QUESTIONS), its parameters from $3. */
function listFilters(q: SegmentQuery, params: unknown[]): { where: string; limit: string } {
  const where = ['s.document_id = $1', 's.retired_in IS NULL'];
  if (q.state === 'locked') where.push('NOT s.translatable');
  else if (q.state === 'needs-work') where.push('NOT lockstep_is_done(t.state)');
  else if (q.state === 'open-questions') where.push('(SELECT counts FROM open_questions) ? s.id');
  else if (q.state) {
    params.push(q.state);
    where.push(`t.state = $${params.length}`);
  }
  if (q.q) {
    // Stored text is NFC: a query typed in decomposed form must still find it.
    params.push(`%${escapeLike(q.q.normalize('NFC'))}%`);
    // A segment id (`s40`, as in XLIFF files, the CLI and import reports) finds that segment too.
    params.push(q.q.trim().toLowerCase());
    where.push(`(s.plain_text ILIKE $${params.length - 1} OR t.text ILIKE $${params.length - 1} OR s.id = $${params.length})`);
  }
  if (q.afterPosition !== undefined) {
    params.push(q.afterPosition);
    where.push(`s.position > $${params.length}`);
  }
  let limit = '';
  if (q.limit !== undefined) {
    params.push(q.limit);
    limit = `LIMIT $${params.length}`;
  }
  return { where: where.join(' AND '), limit };
}

/*
 * The open questions of the document, counted per segment once (a partial index holds only
 * those) and looked up per row. Not a join with the grouped counts: on tables without fresh
 * statistics the planner took that for one row and re-grouped it for every segment (3,000
 * segments with 300 questions: 935 ms instead of ~75).
 */
const OPEN_QUESTIONS = `open_questions AS (
       SELECT coalesce(jsonb_object_agg(segment_id, n), '{}') AS counts
         FROM (SELECT segment_id, count(*)::int AS n FROM comments
                WHERE document_id = $1 AND kind = 'question' AND resolved_at IS NULL AND deleted_at IS NULL
                  AND (lang = $2 OR lang IS NULL)
                GROUP BY segment_id) g)`;

export async function listSegments(db: Queryable, q: SegmentQuery): Promise<SegmentWithTranslation[]> {
  const params: unknown[] = [q.documentId, q.lang];
  const { where, limit } = listFilters(q, params);
  const r = await db.query<SegmentWithTranslation & { t_state: string | null }>(
    `WITH ${OPEN_QUESTIONS}
     SELECT s.id, s.position AS index, s.block_index AS "blockIndex", s.block_kind AS kind, s.source,
            s.source_runs AS "sourceRuns", s.plain_text AS plain, s.words, s.translatable,
            s.lock_reason AS "lockReason", s.hoisted, s.derived_from AS "derivedFrom",
            CASE WHEN t.segment_id IS NULL THEN NULL ELSE json_build_object(
              'text', t.text, 'state', t.state, 'version', t.version, 'basedOnRevision', t.based_on_revision,
              'previousSource', t.previous_source, 'changeClass', t.change_class, 'suggestion', t.suggestion,
              'updatedBy', u.name, 'updatedAt', t.updated_at) END AS translation,
            coalesce(((SELECT counts FROM open_questions) ->> s.id)::int, 0) AS "openQuestions"
       FROM segments s
       LEFT JOIN translations t ON t.segment_id = s.id AND t.lang = $2
       LEFT JOIN users u ON u.id = t.updated_by
      WHERE ${where}
      ORDER BY s.position ${limit}`,
    params,
  );
  return r.rows;
}

/** The compact list as JSON text (`segments`), with how many rows it holds and the last one's position. */
export interface CompactSegmentsJson {
  segments: string;
  count: number;
  lastIndex: number | null;
}

/**
 * A field of a row's JSON text: `,"name":value` when `value` (SQL giving JSON text) is not
 * null, else nothing (the compact shape leaves empty fields out).
 */
const optional = (name: string, value: string) => `coalesce(',"${name}":' || ${value}, '')`;

/**
 * One segment of the compact list as JSON text (`CompactSegment`), written by concatenation:
 * on 10,000 rows about half the time of json_agg over records plus json_strip_nulls (PGlite,
 * ~150 against ~300 ms). Strings go through to_json (JSON escaping); `source_runs` is jsonb's
 * own text.
 */
const COMPACT_ROW = `'{"id":' || to_json(s.id)::text || ',"index":' || s.position || ',"blockIndex":' || s.block_index
  || ',"kind":' || to_json(s.block_kind)::text || ',"sourceRuns":' || s.source_runs::text || ',"translatable":' || s.translatable::text
  || ${optional('lockReason', 'to_json(s.lock_reason)::text')}
  || ${optional('hoisted', 'to_json(s.hoisted)::text')}
  || ${optional('derivedFrom', "to_json(nullif(s.derived_from, '{}'))::text")}
  || ${optional('openQuestions', '((SELECT counts FROM open_questions) ->> s.id)')}
  || CASE WHEN t.segment_id IS NULL THEN '' ELSE
       ',"translation":{"text":' || to_json(t.text)::text || ',"state":' || to_json(t.state)::text || ',"version":' || t.version
       || ${optional('previousSource', 'to_json(t.previous_source)::text')}
       || ${optional('suggestion', 'to_json(t.suggestion)::text')} || '}'
     END
  || '}'`;

/**
 * The same rows as `listSegments` in the compact shape (`CompactSegment`), written as one JSON
 * array by the database. A 10,000-segment list as rows took PGlite over a second to hand over
 * and the server another ~150 ms to reshape and serialize; as one text it is a fraction of
 * that. Null fields, an empty `derivedFrom` and zero open questions are left out, which with
 * the dropped fields halves the bytes.
 */
export async function compactSegmentsJson(db: Queryable, q: SegmentQuery): Promise<CompactSegmentsJson> {
  const params: unknown[] = [q.documentId, q.lang];
  const { where, limit } = listFilters(q, params);
  const r = await db.query<CompactSegmentsJson>(
    `WITH ${OPEN_QUESTIONS},
     listed AS (
       SELECT s.position, ${COMPACT_ROW} AS row
         FROM segments s
         LEFT JOIN translations t ON t.segment_id = s.id AND t.lang = $2
        WHERE ${where}
        ORDER BY s.position ${limit})
     SELECT '[' || coalesce(string_agg(row, ',' ORDER BY position), '') || ']' AS segments,
            count(*)::int AS count, max(position) AS "lastIndex"
       FROM listed`,
    params,
  );
  return r.rows[0];
}
