import type { Queryable } from '../db/db.js';

export interface RevisionRow {
  number: number;
  markdown: string;
  impact: Record<string, unknown>;
  createdAt: Date;
  createdBy: string | null;
}

export async function insertRevision(
  db: Queryable,
  r: { documentId: string; number: number; markdown: string; impact: unknown; createdBy: number | null },
): Promise<void> {
  await db.query(
    `INSERT INTO revisions (document_id, number, markdown, impact, icu_version, created_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [r.documentId, r.number, r.markdown, JSON.stringify(r.impact), process.versions.icu ?? null, r.createdBy],
  );
}

export async function listRevisions(db: Queryable, documentId: string): Promise<Omit<RevisionRow, 'markdown'>[]> {
  const r = await db.query<Omit<RevisionRow, 'markdown'>>(
    `SELECT r.number, r.impact, r.created_at AS "createdAt", u.name AS "createdBy"
       FROM revisions r LEFT JOIN users u ON u.id = r.created_by
      WHERE r.document_id = $1 ORDER BY r.number DESC`,
    [documentId],
  );
  return r.rows;
}

export async function findRevision(db: Queryable, documentId: string, number: number): Promise<RevisionRow | undefined> {
  const r = await db.query<RevisionRow>(
    `SELECT r.number, r.markdown, r.impact, r.created_at AS "createdAt", u.name AS "createdBy"
       FROM revisions r LEFT JOIN users u ON u.id = r.created_by
      WHERE r.document_id = $1 AND r.number = $2`,
    [documentId, number],
  );
  return r.rows[0];
}
