import type { DigestMode, Notice, PublishCounts } from '@lockstep/shared';
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
    `INSERT INTO notices (user_id, kind, document_id, revision, lang, counts, digest_day)
     SELECT u.id, 'publish', $1, $2, l.key, l.value,
            CASE WHEN u.notice_digest = 'daily' THEN (now() AT TIME ZONE 'UTC')::date END
       FROM jsonb_each($3::jsonb) l
       JOIN users u ON u.active AND u.role IN ('translator', 'reviewer') AND l.key = ANY (u.languages)
      ORDER BY u.id, l.key`,
    [n.documentId, n.revision, JSON.stringify(n.countsByLang)],
  );
  return r.rowCount ?? 0;
}

const NOTICE_COLUMNS = `n.id::int AS id, n.kind, n.document_id AS "documentId", d.title AS "documentTitle", n.revision, n.lang,
            n.counts, n.created_at AS "createdAt", n.read_at IS NOT NULL AS read`;

/** A user's notices shown one by one (not held for a digest), newest first. */
export async function listNotices(db: Queryable, userId: number, limit: number): Promise<NoticeRow[]> {
  const r = await db.query<NoticeRow>(
    `SELECT ${NOTICE_COLUMNS}
       FROM notices n JOIN documents d ON d.id = n.document_id
      WHERE n.user_id = $1 AND n.digest_day IS NULL ORDER BY n.id DESC LIMIT $2`,
    [userId, limit],
  );
  return r.rows;
}

/** Notices held for the digests of the `days` latest UTC days before `today`, newest first. */
export async function listDigestNotices(db: Queryable, userId: number, today: string, days: number): Promise<(NoticeRow & { day: string })[]> {
  const r = await db.query<NoticeRow & { day: string }>(
    `SELECT ${NOTICE_COLUMNS}, to_char(n.digest_day, 'YYYY-MM-DD') AS day
       FROM notices n JOIN documents d ON d.id = n.document_id
      WHERE n.user_id = $1 AND n.digest_day < $2::date
        AND n.digest_day >= (SELECT coalesce(min(day), $2::date) FROM (
              SELECT DISTINCT digest_day AS day FROM notices
               WHERE user_id = $1 AND digest_day < $2::date ORDER BY 1 DESC LIMIT $3) latest)
      ORDER BY n.digest_day DESC, n.id DESC`,
    [userId, today, days],
  );
  return r.rows;
}

/** Unread notices shown one by one, plus each finished day whose digest holds an unread notice. */
export async function unreadCount(db: Queryable, userId: number, today: string): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT (count(*) FILTER (WHERE digest_day IS NULL) + count(DISTINCT digest_day) FILTER (WHERE digest_day < $2::date))::int AS n
       FROM notices WHERE user_id = $1 AND read_at IS NULL`,
    [userId, today],
  );
  return r.rows[0].n;
}

/**
 * Marks the user's own notices read: those with the given ids (a digest's id stands for every
 * notice of its day), or all (`ids` null). A day still being collected is not touched; others'
 * ids are ignored.
 */
export async function markRead(db: Queryable, userId: number, ids: readonly number[] | null, today: string): Promise<number> {
  const r = await db.query(
    `UPDATE notices SET read_at = now()
      WHERE user_id = $1 AND read_at IS NULL AND (digest_day IS NULL OR digest_day < $3::date)
        AND ($2::bigint[] IS NULL OR id = ANY ($2::bigint[])
             OR digest_day IN (SELECT digest_day FROM notices WHERE user_id = $1 AND id = ANY ($2::bigint[])))`,
    [userId, ids, today],
  );
  return r.rowCount ?? 0;
}

export async function digestModeOf(db: Queryable, userId: number): Promise<DigestMode> {
  const r = await db.query<{ mode: DigestMode }>('SELECT notice_digest AS mode FROM users WHERE id = $1', [userId]);
  return r.rows[0]?.mode ?? 'each';
}

export async function setDigestMode(db: Queryable, userId: number, mode: DigestMode): Promise<void> {
  await db.query('UPDATE users SET notice_digest = $2 WHERE id = $1', [userId, mode]);
}
