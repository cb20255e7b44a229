import { PROGRESS_STATES, type LanguageCode, type StateCounts } from '@lockstep/shared';
import type { Queryable } from '../db/db.js';

export interface ProgressRow {
  documentId: string;
  lang: string;
  /** Segments per state, with their total. */
  segments: StateCounts;
  /** Source words per state, with their total. */
  words: StateCounts;
  completeAgainstRevision: number | null;
  /** ISO 8601, UTC, to the millisecond. */
  lastActivity: string | null;
  /** Open questions (016_comments.sql keeps the count). */
  openQuestions: number;
}

/**
 * One language's counters as "lang n n n … revision time": node-postgres spends more on
 * building 8,000 fourteen-field rows than the database spends on the query, so they come as
 * text. The time comes formatted ('-' when none): 8,000 Dates to make and format cost the
 * server ~2 ms.
 */
const ROW = `concat_ws(' ', l.lang, ${PROGRESS_STATES.map((s) => `l.${s}, l.${s}_words`).join(', ')},
                     coalesce(l.complete_against_revision, -1),
                     coalesce(to_char(l.last_activity AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '-'),
                     l.open_questions)`;
/** A document's languages, each packed as `ROW`, as one text. */
const PACKED = `string_agg(${ROW}, ';') FILTER (WHERE l.document_id IS NOT NULL)`;

/** Counts from the packed fields, the first at `at`, every second one after it. */
function countsOf(fields: readonly string[], at: number): StateCounts {
  const untranslated = +fields[at];
  const translated = +fields[at + 2];
  const stale = +fields[at + 4];
  const approved = +fields[at + 6];
  const locked = +fields[at + 8];
  return { total: untranslated + translated + stale + approved + locked, untranslated, translated, stale, approved, locked };
}

/** One language's counters from its packed text (`ROW`). */
export function unpackRow(documentId: string, packed: string): ProgressRow {
  // Read straight from the split fields: an array of numbers in between cost a third more.
  const fields = packed.split(' ');
  const revision = +fields[11];
  return {
    documentId,
    lang: fields[0],
    segments: countsOf(fields, 1),
    words: countsOf(fields, 2),
    completeAgainstRevision: revision < 0 ? null : revision,
    lastActivity: fields[12] === '-' ? null : fields[12],
    openQuestions: +fields[13],
  };
}

function unpack(documentId: string, packed: string | null): ProgressRow[] {
  return packed === null ? [] : packed.split(';').map((row) => unpackRow(documentId, row));
}

/**
 * Segments and source words per state for each document × language, read from the counters
 * that migration 002's triggers keep exact (one row per pair: the cost does not grow with the
 * number of translations); locked segments count once per target language. Joined with the
 * ids rather than `= ANY($1)`: as a prepared statement's generic plan, `ANY` of a parameter
 * compares every row with every id (7 ms of 26 for 1,000 ids).
 */
export async function progressRows(db: Queryable, documentIds: readonly string[]): Promise<ProgressRow[]> {
  const r = await db.query<{ id: string; p: string }>(
    `SELECT l.document_id AS id, ${PACKED} AS p
       FROM unnest($1::text[]) AS wanted(id)
       JOIN language_progress l ON l.document_id = wanted.id
      GROUP BY l.document_id`,
    [documentIds],
  );
  return r.rows.flatMap((row) => unpack(row.id, row.p));
}


export interface DashboardHead {
  id: string;
  title: string;
  revision: number;
  targetLangs: LanguageCode[];
}

/** What changed since the dashboard's last look (`dashboardChanges`). */
export interface DashboardChanges {
  /** Where to look from next time: the oldest transaction still running when this was read. */
  cursor: string;
  /** Documents now, and progress rows now (the caller checks its copy against them). */
  documentCount: number;
  rowCount: number;
  /** Documents written since the cursor. */
  heads: DashboardHead[];
  /**
   * Progress rows written since the cursor, each as "document-id " + `ROW`, split off one
   * text (as a JSON array, 8,000 rows took PostgreSQL ~15 ms more to write): a piece keeps
   * all of that text in memory while it is kept.
   */
  rows: string[];
  /** Every document id in dashboard order (oldest first), when a document was written or the count differs. */
  order: string[] | null;
}

/**
 * Whether a row version was written by a transaction the look at `$1` may not have seen.
 * Every transaction not visible to a snapshot has an id at or after the snapshot's xmin (the
 * oldest one running), and a row version carries the id of the transaction that wrote it
 * (`xmin`, kept as written when the row is frozen). Ids are 32 bits and wrap around: `age`
 * (transactions since, wrapping as PostgreSQL compares ids) orders them within half the
 * circle; the caller reads everything again once its cursor is a billion behind. Cheaper
 * than comparing the ids as numbers: 8,000 ids turned into text and back cost ~2 ms.
 */
const WRITTEN_SINCE = (table: string) => `($1::text IS NULL OR age(${table}.xmin) <= age($1::text::xid))`;

/**
 * The documents and progress rows written by transactions the look from `since` may not have
 * seen, in one statement (one snapshot), with the snapshot's xmin as the next cursor. A look
 * with nothing changed scans the two tables (8,000 progress rows: ~2 ms) and reads no row.
 * With the counts the caller sees what went without leaving a row version: deleted rows.
 */
export async function dashboardChanges(db: Queryable, since: { cursor: string | null; documents: number }): Promise<DashboardChanges> {
  // The xid8 (epoch and id) as the 32-bit id it was.
  const cursor = since.cursor === null ? null : (BigInt(since.cursor) & 0xffffffffn).toString();
  const r = await db.query<{ cursor: string; documentCount: number; rowCount: number; heads: [string, string, number, LanguageCode[]][] | null; rows: string | null; order: string[] | null }>(
    `WITH d AS (SELECT count(*)::int AS n,
                       json_agg(json_build_array(d.id, d.title, d.current_revision, d.target_langs)) FILTER (WHERE ${WRITTEN_SINCE('d')}) AS heads
                  FROM documents d),
          p AS (SELECT count(*)::int AS n, string_agg(l.document_id || ' ' || ${ROW}, ';') FILTER (WHERE ${WRITTEN_SINCE('l')}) AS rows
                  FROM language_progress l)
     SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS cursor, d.n AS "documentCount", p.n AS "rowCount", d.heads, p.rows,
            CASE WHEN d.heads IS NOT NULL OR d.n <> $2 THEN (SELECT json_agg(id ORDER BY created_at, id) FROM documents) END AS "order"
       FROM d, p`,
    [cursor, since.documents],
  );
  const row = r.rows[0];
  return {
    cursor: row.cursor,
    documentCount: row.documentCount,
    rowCount: row.rowCount,
    heads: (row.heads ?? []).map(([id, title, revision, targetLangs]) => ({ id, title, revision, targetLangs })),
    rows: row.rows === null ? [] : row.rows.split(';'),
    order: row.order,
  };
}
