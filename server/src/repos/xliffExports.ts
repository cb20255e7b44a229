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

/** Records an export and every unit in it: two statements, whatever the document's size. */
export async function recordExport(tx: Queryable, e: ExportRecord, units: readonly ExportedUnit[]): Promise<void> {
  await tx.query(
    `INSERT INTO xliff_exports (id, document_id, lang, revision, version, scope, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [e.id, e.documentId, e.lang, e.revision, e.version, e.scope, e.createdBy],
  );
  if (units.length === 0) return;
  await tx.query(
    `INSERT INTO xliff_export_units (export_id, segment_id, translation_version, source_hash)
     SELECT $1, x."segmentId", x."translationVersion", x."sourceHash"
       FROM jsonb_to_recordset($2::jsonb) AS x("segmentId" text, "translationVersion" int, "sourceHash" text)`,
    [e.id, JSON.stringify(units)],
  );
}

export async function exportedUnits(db: Queryable, exportId: string): Promise<ExportedUnit[]> {
  const r = await db.query<ExportedUnit>(
    `SELECT segment_id AS "segmentId", translation_version AS "translationVersion", source_hash AS "sourceHash"
       FROM xliff_export_units WHERE export_id = $1`,
    [exportId],
  );
  return r.rows;
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
       FROM xliff_export_units u
       LEFT JOIN translation_events e ON e.segment_id = u.segment_id AND e.lang = $2 AND e.version = u.translation_version
      WHERE u.export_id = $1`,
    [exportId, lang],
  );
  return r.rows;
}
