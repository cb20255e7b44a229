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
 * building 8,000 fourteen-field rows than the database spends on the query, so each document
 * comes as one text. The time comes formatted ('-' when none): 8,000 Dates to make and format
 * cost the server ~2 ms.
 */
const PACKED = `string_agg(concat_ws(' ', l.lang, ${PROGRESS_STATES.map((s) => `l.${s}, l.${s}_words`).join(', ')},
                     coalesce(l.complete_against_revision, -1),
                     coalesce(to_char(l.last_activity AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), '-'),
                     l.open_questions), ';')
                 FILTER (WHERE l.document_id IS NOT NULL)`;

/** Counts from the packed fields, the first at `at`, every second one after it. */
function countsOf(fields: readonly string[], at: number): StateCounts {
  const untranslated = +fields[at];
  const translated = +fields[at + 2];
  const stale = +fields[at + 4];
  const approved = +fields[at + 6];
  const locked = +fields[at + 8];
  return { total: untranslated + translated + stale + approved + locked, untranslated, translated, stale, approved, locked };
}

function unpack(documentId: string, packed: string | null): ProgressRow[] {
  if (packed === null) return [];
  // Read straight from the split fields: an array of numbers in between cost a third more.
  return packed.split(';').map((pair) => {
    const fields = pair.split(' ');
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
  });
}

/**
 * Segments and source words per state for each document × language, read from the counters
 * that migration 002's triggers keep exact (one row per pair: the cost does not grow with the
 * number of translations); locked segments count once per target language. Joined with the
 * ids, not `= ANY($1)` (see `dashboardDocuments`).
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

/**
 * What a document's dashboard entry is made of changes exactly when its documents row or one
 * of its progress rows gets a new row version, and every new version carries the id of the
 * transaction that wrote it (`xmin`): a later committed change always comes from a later
 * transaction, so equal stamps mean an equal entry.
 *
 * The progress rows' part is each row's language and `xmin` in no particular order: an
 * ordered aggregate made PostgreSQL sort the 8,000 joined rows by document id to group them
 * (12 ms for 1,000 documents); unordered, they are grouped by hashing (5.5 ms).
 * Two different orders of the same rows only give two different stamps: the entry is built
 * again once, never shown stale. The language in each pair keeps two different sets of rows
 * from ever reading alike.
 */
const STAMP = `d.xmin::text || ':' || coalesce(s.rows, '')`;
const STAMP_ROWS = `(SELECT document_id, string_agg(lang || xmin::text, ',') AS rows FROM language_progress GROUP BY document_id) s ON s.document_id = d.id`;

export interface DashboardStamp {
  id: string;
  stamp: string;
}

/** Every document in dashboard order (oldest first) with the stamp of its entry. */
export async function dashboardStamps(db: Queryable): Promise<DashboardStamp[]> {
  const r = await db.query<DashboardStamp>(
    `SELECT d.id, ${STAMP} AS stamp
       FROM documents d LEFT JOIN ${STAMP_ROWS}
      ORDER BY d.created_at, d.id`,
  );
  return r.rows;
}

export interface DashboardDocument {
  id: string;
  title: string;
  revision: number;
  targetLangs: LanguageCode[];
  progress: ProgressRow[];
}

/**
 * The documents' dashboard entries as stored. A join with the ids rather than `= ANY($1)`:
 * as a prepared statement's generic plan, `ANY` of a parameter compares every row with every
 * id (7 ms of 26 for 1,000 ids here). Not a LATERAL aggregate per document either: on a
 * recently vacuumed table it was faster (15 against 20 ms for 1,000 documents), but in the
 * bench, where every progress row has just been rewritten many times over and not yet
 * vacuumed, its index scans through dead row versions took 25–106 ms against 23–51 ms.
 */
export async function dashboardDocuments(db: Queryable, ids: readonly string[]): Promise<DashboardDocument[]> {
  const r = await db.query<Omit<DashboardDocument, 'progress'> & { p: string | null }>(
    `SELECT d.id, d.title, d.current_revision AS revision, d.target_langs AS "targetLangs", ${PACKED} AS p
       FROM unnest($1::text[]) AS wanted(id)
       JOIN documents d ON d.id = wanted.id
       LEFT JOIN language_progress l ON l.document_id = d.id
      GROUP BY d.id`,
    [ids],
  );
  return r.rows.map(({ p, ...doc }) => ({ ...doc, progress: unpack(doc.id, p) }));
}
