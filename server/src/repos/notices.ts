import type { Notice, PublishCounts } from '@lockstep/shared';
import type { Queryable } from '../db/db.js';

export type NoticeRow = Omit<Notice, 'createdAt'> & { createdAt: Date };

/**
 * One notice per active translator and reviewer of each language in `countsByLang` (inside
 * the publishing transaction). Coordinators and admins act on every language and follow the
 * dashboard; they get none. Returns the number of notices written.
 */
export async function insertPublishNotices(
  tx: Queryable,
  n: { documentId: string; revision: number; countsByLang: Record<string, PublishCounts> },
): Promise<number> {
  const r = await tx.query(
    `INSERT INTO notices (user_id, kind, document_id, revision, lang, counts)
     SELECT u.id, 'publish', $1, $2, l.key, l.value
       FROM jsonb_each($3::jsonb) l
       JOIN users u ON u.active AND u.role IN ('translator', 'reviewer') AND l.key = ANY (u.languages)
      ORDER BY u.id, l.key`,
    [n.documentId, n.revision, JSON.stringify(n.countsByLang)],
  );
  return r.rowCount ?? 0;
}

/** A user's notices, newest first. */
export async function listNotices(db: Queryable, userId: number, limit: number): Promise<NoticeRow[]> {
  const r = await db.query<NoticeRow>(
    `SELECT n.id::int AS id, n.kind, n.document_id AS "documentId", d.title AS "documentTitle", n.revision, n.lang,
            n.counts, n.created_at AS "createdAt", n.read_at IS NOT NULL AS read
       FROM notices n JOIN documents d ON d.id = n.document_id
      WHERE n.user_id = $1 ORDER BY n.id DESC LIMIT $2`,
    [userId, limit],
  );
  return r.rows;
}

export async function unreadCount(db: Queryable, userId: number): Promise<number> {
  const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notices WHERE user_id = $1 AND read_at IS NULL`, [userId]);
  return r.rows[0].n;
}

/** Marks the user's own notices read: those with the given ids, or all (`ids` null). Others' ids are ignored. */
export async function markRead(db: Queryable, userId: number, ids: readonly number[] | null): Promise<number> {
  const r = await db.query(
    `UPDATE notices SET read_at = now()
      WHERE user_id = $1 AND read_at IS NULL AND ($2::bigint[] IS NULL OR id = ANY ($2::bigint[]))`,
    [userId, ids],
  );
  return r.rowCount ?? 0;
}
