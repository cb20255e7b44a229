import type { LanguageCode } from '@lockstep/shared';
import type { Queryable } from '../db/db.js';

export interface DocumentRow {
  id: string;
  title: string;
  sourceLang: LanguageCode;
  targetLangs: LanguageCode[];
  revision: number;
  createdAt: Date;
}

const COLUMNS = `id, title, source_lang AS "sourceLang", target_langs AS "targetLangs",
  current_revision AS revision, created_at AS "createdAt"`;

export async function listDocuments(db: Queryable): Promise<DocumentRow[]> {
  return (await db.query<DocumentRow>(`SELECT ${COLUMNS} FROM documents ORDER BY created_at, id`)).rows;
}

/** When each document's current revision was published (documents at revision 0 have none). */
export async function currentRevisionTimes(db: Queryable): Promise<Map<string, Date>> {
  const r = await db.query<{ id: string; at: Date }>(
    `SELECT d.id, r.created_at AS at FROM documents d JOIN revisions r ON r.document_id = d.id AND r.number = d.current_revision`,
  );
  return new Map(r.rows.map((row) => [row.id, row.at]));
}

export async function findDocument(db: Queryable, id: string): Promise<DocumentRow | undefined> {
  return (await db.query<DocumentRow>(`SELECT ${COLUMNS} FROM documents WHERE id = $1`, [id])).rows[0];
}

/** Inserts the document at revision 0; returns false when the id is taken. */
export async function insertDocument(
  db: Queryable,
  d: { id: string; title: string; sourceLang: string; targetLangs: readonly string[]; createdBy: number | null },
): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO documents (id, title, source_lang, target_langs, created_by)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
    [d.id, d.title, d.sourceLang, d.targetLangs, d.createdBy],
  );
  return r.rowCount === 1;
}

export async function setCurrentRevision(db: Queryable, documentId: string, revision: number): Promise<void> {
  await db.query('UPDATE documents SET current_revision = $2 WHERE id = $1', [documentId, revision]);
}

/**
 * The current revision, with the document row share-locked until the commit: writers that
 * must not interleave with revision publishing (which locks it FOR UPDATE) take this.
 */
export async function shareLockDocument(tx: Queryable, documentId: string): Promise<number | undefined> {
  const r = await tx.query<{ revision: number }>('SELECT current_revision AS revision FROM documents WHERE id = $1 FOR SHARE', [documentId]);
  return r.rows[0]?.revision;
}
