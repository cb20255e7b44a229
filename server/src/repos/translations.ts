import type { EventKind, LanguageCode, SourceRun, TranslationRowState, TranslationState } from '@lockstep/shared';
import type { Queryable } from '../db/db.js';

export type { EventKind, TranslationState };

export interface TranslationChange {
  segmentId: string;
  lang: string;
  kind: EventKind;
  userId: number | null;
  /** The version the writer started from; the update happens only if it is still current. */
  expectedVersion: number;
  /** The whole row after the change, as the workflow rule (`nextStep`) returned it. */
  row: TranslationRowState;
}

/** A translation as stored, with the name of whoever changed it last. */
export interface TranslationRow extends TranslationRowState {
  updatedBy: string | null;
  updatedAt: Date;
}

export interface AppliedChange {
  translation: TranslationRow;
  eventId: number;
}

const ROW_COLUMNS = `text, state, version, based_on_revision AS "basedOnRevision", previous_source AS "previousSource",
  state_before_stale AS "stateBeforeStale", change_class AS "changeClass", suggestion, updated_at AS "updatedAt"`;

/**
 * The row columns a change writes, from `input i` (see `rowInput`): every value is the pure
 * rule's (`nextStep`); the statement adds only who and when.
 */
const WRITE_ROW = `text = i.text, state = i.state, version = i.version, based_on_revision = i.based_on_revision,
              previous_source = i.previous_source, state_before_stale = i.state_before_stale,
              change_class = i.change_class, suggestion = i.suggestion, updated_at = now()`;

/** `unnest` of the row columns from parameter `$first` on, and the arrays to pass there, in order. */
function rowInput(rows: readonly TranslationRowState[], first: number): { sql: string; params: unknown[] } {
  const types = ['text', 'text', 'int', 'int', 'text', 'text', 'text', 'text'];
  return {
    sql: types.map((t, k) => `$${first + k}::${t}[]`).join(', '),
    params: [
      rows.map((r) => r.text),
      rows.map((r) => r.state),
      rows.map((r) => r.version),
      rows.map((r) => r.basedOnRevision),
      rows.map((r) => r.previousSource),
      rows.map((r) => r.stateBeforeStale),
      rows.map((r) => r.changeClass),
      rows.map((r) => r.suggestion),
    ],
  };
}
const ROW_INPUT_NAMES = 'text, state, version, based_on_revision, previous_source, state_before_stale, change_class, suggestion';

/**
 * Writes translation changes, each with its history event and its live event, in one
 * statement (so in one transaction whatever the caller does): the version check is in the
 * UPDATE's WHERE clause, so two writers from one version cannot both succeed. Each row is
 * written as the change gives it (the rule is `nextStep`'s). One answer per change, in
 * order: undefined when its version no longer matched (or its segment was retired or locked
 * meanwhile). At most one change per translation: a second one would not see the first
 * (callers split them: `changeWriter` in services/translations.ts).
 *
 * Several changes in one statement is what makes saves cheap: PostgreSQL's cost per row of a
 * statement of eight is about a quarter of a statement of one (pgbench, this statement).
 *
 * The live events are written without a number and without a NOTIFY, after the translation
 * rows (so their ids, their place in the sequencer's order, are drawn once the rows are
 * locked): writers of one document share no lock (004_events.sql). The caller tells the
 * sequencer after the commit (events/committed.ts).
 */
export async function writeChangeBatch(
  tx: Queryable,
  changes: readonly TranslationChange[],
): Promise<(AppliedChange | undefined)[]> {
  if (changes.length === 0) return [];
  const row = rowInput(changes.map((c) => c.row), 6);
  const r = await tx.query<TranslationRow & { eventId: string; ord: string }>(
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::int[], ${row.sql})
                WITH ORDINALITY AS i(segment_id, lang, kind, user_id, expected_version, ${ROW_INPUT_NAMES}, ord)
     ), locked AS (
       -- Rows locked in (segment, language) order before any is written, the order of
       -- lockLanguageRows: a batch and an import waiting on each other's rows deadlocked
       -- when the update met its rows in storage order.
       SELECT t.segment_id, t.lang FROM translations t JOIN input i USING (segment_id, lang)
        ORDER BY t.segment_id, t.lang FOR UPDATE OF t
     ), u AS (
       UPDATE translations t
          SET ${WRITE_ROW}, updated_by = i.user_id
         FROM input i JOIN locked l USING (segment_id, lang)
        WHERE t.segment_id = i.segment_id AND t.lang = i.lang AND t.version = i.expected_version
          AND EXISTS (SELECT 1 FROM segments s WHERE s.id = i.segment_id AND s.retired_in IS NULL AND s.translatable)
        RETURNING i.ord, i.kind, t.segment_id, t.lang, t.text, t.state, t.version, t.based_on_revision,
                  t.previous_source, t.state_before_stale, t.change_class, t.suggestion, t.updated_by, t.updated_at
     ), e AS (
       INSERT INTO translation_events (segment_id, lang, kind, text, state, version, revision, user_id, created_at)
       SELECT segment_id, lang, kind, text, state, version, based_on_revision, updated_by, updated_at FROM u
       RETURNING id, segment_id, lang
     ), live AS (
       INSERT INTO document_events (document_id, kind, payload, user_id, created_at)
       SELECT s.document_id, 'translation',
              jsonb_build_object('segment', u.segment_id, 'lang', u.lang, 'version', u.version, 'state', u.state,
                                 'action', u.kind, 'historyId', e.id),
              u.updated_by, u.updated_at
         FROM u JOIN e USING (segment_id, lang) JOIN segments s ON s.id = u.segment_id
     )
     SELECT u.ord, ${ROW_COLUMNS}, (SELECT name FROM users WHERE id = u.updated_by) AS "updatedBy", e.id AS "eventId"
       FROM u JOIN e USING (segment_id, lang)`,
    [
      changes.map((c) => c.segmentId),
      changes.map((c) => c.lang),
      changes.map((c) => c.kind),
      changes.map((c) => c.userId),
      changes.map((c) => c.expectedVersion),
      ...row.params,
    ],
  );
  const out: (AppliedChange | undefined)[] = changes.map(() => undefined);
  for (const { ord, eventId, ...translation } of r.rows) out[Number(ord) - 1] = { translation, eventId: Number(eventId) };
  return out;
}

/** One change (see `writeChangeBatch`); undefined when its version no longer matched. */
export async function writeChange(tx: Queryable, c: TranslationChange): Promise<AppliedChange | undefined> {
  return (await writeChangeBatch(tx, [c]))[0];
}

/** Everything a write to one translation has to check, from one query. */
export interface TranslationTarget {
  /** The document's current revision, source and target languages. */
  revision: number;
  sourceLang: LanguageCode;
  targetLangs: string[];
  segment: null | {
    retiredIn: number | null;
    translatable: boolean;
    lockReason: string | null;
    source: string;
    sourceRuns: SourceRun[];
    plain: string;
  };
  translation: TranslationRow | null;
}

export interface TranslationRef {
  documentId: string;
  segmentId: string;
  lang: string;
}

/**
 * For each ref, the document, the segment (only if it belongs to that document) and the
 * segment's translation into `lang`, in order; undefined when the document does not exist.
 */
export async function findTranslationTargets(db: Queryable, refs: readonly TranslationRef[]): Promise<(TranslationTarget | undefined)[]> {
  const r = await db.query<{
    ord: string;
    revision: number;
    sourceLang: LanguageCode;
    targetLangs: string[];
    segment: TranslationTarget['segment'];
    translation: (Omit<TranslationRow, 'updatedAt'> & { updatedAt: string }) | null;
  }>(
    `SELECT r.ord, d.current_revision AS revision, d.source_lang AS "sourceLang", d.target_langs AS "targetLangs",
            CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object(
              'retiredIn', s.retired_in, 'translatable', s.translatable, 'lockReason', s.lock_reason,
              'source', s.source, 'sourceRuns', s.source_runs, 'plain', s.plain_text) END AS segment,
            CASE WHEN t.segment_id IS NULL THEN NULL ELSE json_build_object(
              'text', t.text, 'state', t.state, 'version', t.version, 'basedOnRevision', t.based_on_revision,
              'previousSource', t.previous_source, 'stateBeforeStale', t.state_before_stale,
              'changeClass', t.change_class, 'suggestion', t.suggestion, 'updatedBy', u.name,
              'updatedAt', t.updated_at) END AS translation
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS r(document_id, segment_id, lang, ord)
       JOIN documents d ON d.id = r.document_id
       LEFT JOIN segments s ON s.id = r.segment_id AND s.document_id = d.id
       LEFT JOIN translations t ON t.segment_id = s.id AND t.lang = r.lang
       LEFT JOIN users u ON u.id = t.updated_by`,
    [refs.map((x) => x.documentId), refs.map((x) => x.segmentId), refs.map((x) => x.lang)],
  );
  const out: (TranslationTarget | undefined)[] = refs.map(() => undefined);
  for (const { ord, ...row } of r.rows) {
    const t = row.translation;
    out[Number(ord) - 1] = { ...row, translation: t && { ...t, updatedAt: new Date(t.updatedAt) } };
  }
  return out;
}

/** One ref of `findTranslationTargets`. */
export async function findTranslationTarget(db: Queryable, documentId: string, segmentId: string, lang: string): Promise<TranslationTarget | undefined> {
  return (await findTranslationTargets(db, [{ documentId, segmentId, lang }]))[0];
}

/** The translation as it is now (after a lost race, for the 409 answer). */
export async function findTranslation(db: Queryable, segmentId: string, lang: string): Promise<TranslationRow | undefined> {
  const r = await db.query<TranslationRow>(
    `SELECT ${ROW_COLUMNS}, (SELECT name FROM users WHERE id = t.updated_by) AS "updatedBy"
       FROM translations t WHERE segment_id = $1 AND lang = $2`,
    [segmentId, lang],
  );
  return r.rows[0];
}

/** One row of a set-based write (`writeChanges`). */
export interface BulkChange {
  segmentId: string;
  expectedVersion: number;
  /** The whole row after the change, as the workflow rule (`nextStep`) returned it. */
  row: TranslationRowState;
}

/**
 * `writeChange` for many rows of one language in one statement (an XLIFF import): the same
 * version check and history events, but the progress trigger fires once for
 * the whole set. One statement per row made a 10,000-unit import take minutes, since every
 * statement rewrote the same progress row again inside one transaction. Returns how many rows
 * were written; fewer than given means a version moved (the caller refuses the whole file).
 */
export async function writeChanges(
  tx: Queryable,
  lang: string,
  changes: readonly BulkChange[],
  common: { kind: EventKind; userId: number },
): Promise<number> {
  if (changes.length === 0) return 0;
  const row = rowInput(changes.map((c) => c.row), 3);
  const r = await tx.query<{ n: number }>(
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::int[], ${row.sql}) AS i(segment_id, expected_version, ${ROW_INPUT_NAMES})
     ), u AS (
       UPDATE translations t
          SET ${WRITE_ROW}, updated_by = $${3 + row.params.length}
         FROM input i
        WHERE t.segment_id = i.segment_id AND t.lang = $${5 + row.params.length} AND t.version = i.expected_version
          AND EXISTS (SELECT 1 FROM segments s WHERE s.id = i.segment_id AND s.retired_in IS NULL AND s.translatable)
        RETURNING t.segment_id, t.lang, t.text, t.state, t.version, t.based_on_revision, t.updated_by, t.updated_at
     ), e AS (
       INSERT INTO translation_events (segment_id, lang, kind, text, state, version, revision, user_id, created_at)
       SELECT segment_id, lang, $${4 + row.params.length}::text, text, state, version, based_on_revision, updated_by, updated_at FROM u
     )
     SELECT count(*)::int AS n FROM u`,
    [changes.map((c) => c.segmentId), changes.map((c) => c.expectedVersion), ...row.params, common.userId, common.kind, lang],
  );
  return r.rows[0].n;
}

/**
 * Keeps imported texts that could not be applied (conflicts) as their segments' suggestions: a
 * change to each row, so it bumps the version and writes a `suggestion` event. One statement;
 * returns how many rows were written.
 */
export async function writeSuggestions(
  tx: Queryable,
  lang: string,
  items: readonly { segmentId: string; suggestion: string; expectedVersion: number }[],
  common: { userId: number | null; revision: number },
): Promise<number> {
  if (items.length === 0) return 0;
  const r = await tx.query<{ n: number }>(
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) AS i(segment_id, suggestion, expected_version)
     ), u AS (
       UPDATE translations t SET suggestion = i.suggestion, version = t.version + 1, updated_at = now()
         FROM input i
        WHERE t.segment_id = i.segment_id AND t.lang = $4 AND t.version = i.expected_version
        RETURNING t.segment_id, t.lang, t.text, t.state, t.version
     ), e AS (
       INSERT INTO translation_events (segment_id, lang, kind, text, state, version, revision, user_id)
       SELECT segment_id, lang, 'suggestion', text, state, version, $6, $5 FROM u
     )
     SELECT count(*)::int AS n FROM u`,
    [items.map((i) => i.segmentId), items.map((i) => i.suggestion), items.map((i) => i.expectedVersion), lang, common.userId, common.revision],
  );
  return r.rows[0].n;
}

/**
 * Locks every live translation row of one document and language, in segment order (the one
 * order every multi-row writer uses, so two of them cannot deadlock), until the commit.
 */
export async function lockLanguageRows(tx: Queryable, documentId: string, lang: string): Promise<void> {
  await tx.query(
    `SELECT 1 FROM translations t JOIN segments s ON s.id = t.segment_id
      WHERE s.document_id = $1 AND t.lang = $2 AND s.retired_in IS NULL
      ORDER BY t.segment_id FOR UPDATE OF t`,
    [documentId, lang],
  );
}
