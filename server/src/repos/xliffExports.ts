import type { SourceRun, TranslationState } from '@lockstep/shared';
import type { Queryable } from '../db/db.js';

export interface ExportRecord {
  id: string;
  documentId: string;
  lang: string;
  revision: number;
  version: '1.2' | '2.0';
  scope: 'all' | 'todo';
  createdBy: number | null;
}

export interface ExportedUnit {
  segmentId: string;
  translationVersion: number | null;
  sourceHash: string;
}

/**
 * The ledger's per-unit stamp of a segment's source, in SQL: `sourceHashOf(source)`
 * (services/xliffExport.ts) from the stored `align_key`, which is `alignmentKey(source)`
 * (services/documents.ts `segmentSource`). sha256, base64url, first 22 characters (of 44,
 * so never the padding), as `sourceHashOfKey` computes it of the same column.
 */
export const SOURCE_HASH = (segments: string) =>
  `left(translate(encode(sha256(convert_to(${segments}.align_key, 'UTF8')), 'base64'), '+/', '-_'), 22)`;

/** The segments an export writes, with their translations (`$1` document, `$2` language, `$3` to-do only). */
const EXPORTED = `segments s
       LEFT JOIN translations t ON t.segment_id = s.id AND t.lang = $2
      WHERE s.document_id = $1 AND s.retired_in IS NULL
        AND (NOT $3::boolean OR NOT lockstep_is_done(t.state))`;

/**
 * An export's ledger: its row and its units (segment, translation version, source hash; three
 * parallel arrays, migration 031), in one statement straight from the rows. Run in the snapshot
 * the export's cursor then reads (a REPEATABLE READ transaction), it says exactly what the file
 * says without the rows ever leaving the database for it. Returns how many units it recorded.
 */
export async function recordExport(tx: Queryable, e: ExportRecord, q: { documentId: string; lang: string; todoOnly: boolean }): Promise<number> {
  const r = await tx.query<{ units: number }>(
    `INSERT INTO xliff_exports (id, document_id, lang, revision, version, scope, created_by, unit_segment_ids, unit_versions, unit_source_hashes)
     SELECT $4, $1, $2, $5, $6, $7, $8,
            coalesce(array_agg(s.id), '{}'), coalesce(array_agg(t.version), '{}'), coalesce(array_agg(${SOURCE_HASH('s')}), '{}')
       FROM ${EXPORTED}
     RETURNING cardinality(unit_segment_ids) AS units`,
    [q.documentId, q.lang, q.todoOnly, e.id, e.revision, e.version, e.scope, e.createdBy],
  );
  return r.rows[0].units;
}

/** What an export needs of one segment and its translation in the file's language. */
export interface ExportRow {
  id: string;
  source: string;
  sourceRuns: SourceRun[];
  translatable: boolean;
  /** Null when the segment has no translation row in this language. */
  state: TranslationState | null;
  text: string | null;
  version: number | null;
  previousSource: string | null;
  suggestion: string | null;
  /** `alignmentKey(source)` as stored: what the ledger's source hash is of. */
  alignKey: string;
}

/**
 * The export's rows come through a server-side cursor, fetched in batches, so neither the
 * server process nor the driver ever holds the whole document. Plain DECLARE/FETCH (not a
 * driver cursor) runs the same on PGlite and PostgreSQL; the cursor lives until the
 * transaction ends, and reads one snapshot, as the single SELECT it replaces did.
 */
const CURSOR = 'xliff_export_rows';

export async function openExportCursor(tx: Queryable, q: { documentId: string; lang: string; todoOnly: boolean }): Promise<void> {
  await tx.query(
    `DECLARE ${CURSOR} NO SCROLL CURSOR FOR
     SELECT s.id, s.source, s.source_runs AS "sourceRuns", s.translatable,
            t.state, t.text, t.version, t.previous_source AS "previousSource", t.suggestion, s.align_key AS "alignKey"
       FROM ${EXPORTED}
      ORDER BY s.position`,
    [q.documentId, q.lang, q.todoOnly],
  );
}

/** The next `size` rows of the open cursor; fewer (or none) at the end. */
export async function fetchExportRows(tx: Queryable, size: number): Promise<ExportRow[]> {
  if (!Number.isSafeInteger(size) || size < 1) throw new Error(`batch size ${size}`);
  // FETCH takes no bind parameter for its count; `size` is a checked integer.
  return (await tx.query<ExportRow>(`FETCH ${size} FROM ${CURSOR}`)).rows;
}

export async function closeExportCursor(tx: Queryable): Promise<void> {
  await tx.query(`CLOSE ${CURSOR}`);
}

export async function findExport(db: Queryable, exportId: string): Promise<ExportRecord | undefined> {
  const r = await db.query<ExportRecord>(
    `SELECT id, document_id AS "documentId", lang, revision, version, scope, created_by AS "createdBy"
       FROM xliff_exports WHERE id = $1`,
    [exportId],
  );
  return r.rows[0];
}

/**
 * The ledger of an export with the translation text each unit had when exported: the history
 * event at the exported version ('' for a translation that had no text yet).
 */
export async function exportedUnitsWithText(
  db: Queryable,
  exportId: string,
  lang: string,
): Promise<(ExportedUnit & { text: string })[]> {
  const r = await db.query<ExportedUnit & { text: string }>(
    `SELECT u.segment_id AS "segmentId", u.translation_version AS "translationVersion", u.source_hash AS "sourceHash",
            COALESCE(e.text, '') AS text
       FROM xliff_exports x
       CROSS JOIN LATERAL unnest(x.unit_segment_ids, x.unit_versions, x.unit_source_hashes) AS u(segment_id, translation_version, source_hash)
       LEFT JOIN translation_events e ON e.segment_id = u.segment_id AND e.lang = $2 AND e.version = u.translation_version
      WHERE x.id = $1`,
    [exportId, lang],
  );
  return r.rows;
}
