import type { KeyedTranslationRow, NewTranslationRow, SourceRun } from '@lockstep/shared';
import type { Queryable } from '../db/db.js';
import type { SegmentSource } from './segments.js';

/** The live segments of a document as alignment needs them. */
export interface LiveSegment {
  id: string;
  text: string;
  plain: string;
  runs: SourceRun[];
  blockIndex: number;
  blockKind: string;
  translatable: boolean;
  position: number;
}

export async function liveSegments(db: Queryable, documentId: string): Promise<LiveSegment[]> {
  const r = await db.query<LiveSegment>(
    `SELECT id, source AS text, plain_text AS plain, source_runs AS runs, block_index AS "blockIndex", block_kind AS "blockKind", translatable,
            position
       FROM segments WHERE document_id = $1 AND retired_in IS NULL ORDER BY position`,
    [documentId],
  );
  return r.rows;
}

/** Locks the document row so two publishes of one document run one after the other. */
export async function lockDocument(tx: Queryable, documentId: string): Promise<number | undefined> {
  const r = await tx.query<{ revision: number }>(
    'SELECT current_revision AS revision FROM documents WHERE id = $1 FOR UPDATE',
    [documentId],
  );
  return r.rows[0]?.revision;
}

export interface SegmentPlacement {
  id: string;
  position: number;
  blockIndex: number;
  blockKind: string;
  /** Set when the source text itself changed (edits, and whitespace/typography-only changes). */
  source?: SegmentSource;
}

/** Moves carried-over segments to their new place and records new source texts: one statement. */
export async function placeSegments(tx: Queryable, rows: readonly SegmentPlacement[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `UPDATE segments s SET
        position = x.position, block_index = x."blockIndex", block_kind = x."blockKind",
        source = COALESCE(x.source->>'source', s.source),
        source_runs = COALESCE(x.source->'sourceRuns', s.source_runs),
        plain_text = COALESCE(x.source->>'plainText', s.plain_text),
        align_key = COALESCE(x.source->>'alignKey', s.align_key),
        words = COALESCE((x.source->>'words')::int, s.words),
        translatable = COALESCE((x.source->>'translatable')::boolean, s.translatable),
        lock_reason = CASE WHEN x.source IS NULL THEN s.lock_reason ELSE x.source->>'lockReason' END,
        hoisted = CASE WHEN x.source IS NULL THEN s.hoisted ELSE x.source->>'hoisted' END,
        block_data = CASE WHEN x.source IS NULL THEN s.block_data ELSE x.source->'blockData' END
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, position int, "blockIndex" int, "blockKind" text, source jsonb)
      WHERE s.id = x.id`,
    [JSON.stringify(rows)],
  );
}

export async function retireSegments(tx: Queryable, ids: readonly string[], revision: number): Promise<void> {
  if (ids.length === 0) return;
  await tx.query('UPDATE segments SET retired_in = $2 WHERE id = ANY($1)', [ids, revision]);
}

/** A stored translation row (the shape the stale rule works on) with its key. */
export type TranslationRow = KeyedTranslationRow;

const TRANSLATION_COLUMNS = `segment_id AS "segmentId", lang, text, state, version, based_on_revision AS "basedOnRevision",
  previous_source AS "previousSource", state_before_stale AS "stateBeforeStale", change_class AS "changeClass", suggestion`;

export async function translationsOf(db: Queryable, segmentIds: readonly string[], forUpdate = false): Promise<TranslationRow[]> {
  if (segmentIds.length === 0) return [];
  const r = await db.query<TranslationRow>(
    `SELECT ${TRANSLATION_COLUMNS} FROM translations WHERE segment_id = ANY($1) ORDER BY segment_id, lang${forUpdate ? ' FOR UPDATE' : ''}`,
    [segmentIds],
  );
  return r.rows;
}

/**
 * Writes translation rows changed by a revision (stale marking) with their history events:
 * one statement for any number of rows (the update feeds the history insert, so the payload is
 * sent and parsed once). Each row's version is the one computed by the stale rule (old + 1);
 * the WHERE on the old version guards against a concurrent edit.
 */
export async function writeRevisedTranslations(
  tx: Queryable,
  rows: readonly (TranslationRow & { oldVersion: number })[],
  revision: number,
  userId: number | null,
): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await tx.query<{ written: number }>(
    `WITH written AS (
       UPDATE translations t SET
              text = x.text, state = x.state, version = x.version, based_on_revision = x."basedOnRevision",
              previous_source = x."previousSource", state_before_stale = x."stateBeforeStale",
              change_class = x."changeClass", suggestion = x.suggestion, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS x("segmentId" text, lang text, text text, state text, version int,
              "oldVersion" int, "basedOnRevision" int, "previousSource" text, "stateBeforeStale" text,
              "changeClass" text, suggestion text)
        WHERE t.segment_id = x."segmentId" AND t.lang = x.lang AND t.version = x."oldVersion"
        RETURNING t.segment_id, t.lang, t.text, t.state, t.version, t.previous_source),
     -- A stale event keeps the source the text was made for (migration 010: the memory scores it against that).
     events AS (
       INSERT INTO translation_events (segment_id, lang, kind, text, state, version, revision, user_id, previous_source)
       SELECT w.segment_id, w.lang, 'stale', w.text, w.state, w.version, $2, $3, CASE WHEN w.state = 'stale' THEN w.previous_source END
         FROM written w
       RETURNING 1)
     SELECT count(*)::int AS written FROM events`,
    [JSON.stringify(rows), revision, userId],
  );
  const written = r.rows[0].written;
  if (written !== rows.length) {
    // The rows were read FOR UPDATE in this transaction, so this cannot happen unless the
    // locking is broken; refusing keeps history and versions consistent.
    throw new Error(`revision wrote ${written} of ${rows.length} translation rows`);
  }
  return rows.length;
}

/**
 * The rows of new segments, written as `revisionEffects` computed them (`newSegmentRow`):
 * untranslated, and split, merged and handed-over ones with the old translations as suggestion
 * and their change class.
 */
export async function insertNewTranslations(tx: Queryable, rows: readonly (NewTranslationRow & { segmentId: string })[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO translations (segment_id, lang, text, state, version, based_on_revision, previous_source, state_before_stale,
                              change_class, suggestion)
     SELECT x."segmentId", x.lang, x.text, x.state, x.version, x."basedOnRevision", x."previousSource", x."stateBeforeStale",
            x."changeClass", x.suggestion
       FROM jsonb_to_recordset($1::jsonb) AS x("segmentId" text, lang text, text text, state text, version int, "basedOnRevision" int,
            "previousSource" text, "stateBeforeStale" text, "changeClass" text, suggestion text)`,
    [JSON.stringify(rows)],
  );
}
