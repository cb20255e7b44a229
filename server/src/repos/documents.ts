import type { Queryable } from '../db/db.js';

export interface DocumentRow {
  id: string;
  title: string;
  sourceLang: string;
  targetLangs: string[];
  revision: number;
  createdAt: Date;
}

const COLUMNS = `id, title, source_lang AS "sourceLang", target_langs AS "targetLangs",
  current_revision AS revision, created_at AS "createdAt"`;

export async function listDocuments(db: Queryable): Promise<DocumentRow[]> {
  return (await db.query<DocumentRow>(`SELECT ${COLUMNS} FROM documents ORDER BY created_at, id`)).rows;
}

export async function findDocument(db: Queryable, id: string): Promise<DocumentRow | undefined> {
  return (await db.query<DocumentRow>(`SELECT ${COLUMNS} FROM documents WHERE id = $1`, [id])).rows[0];
}
