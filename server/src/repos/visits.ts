import type { VisitChangeKind } from '@lockstep/shared';
import type { Queryable } from '../db/db.js';

export interface Visit {
  /** The document's newest event when the user opened the editor. */
  seq: number;
  visitedAt: Date;
}

interface VisitRow {
  seq: string;
  visitedAt: Date;
}

const visitOf = (r: VisitRow | null | undefined): Visit | null => (r ? { seq: Number(r.seq), visitedAt: new Date(r.visitedAt) } : null);

/**
 * Records that the user has seen the document's events up to `seq` in one language (never
 * moving backwards: an older tab reporting late does not undo a newer visit, but the time is
 * stamped) and returns the visit it replaces. One statement: both CTEs read the same snapshot.
 */
export async function recordVisit(
  db: Queryable,
  v: { userId: number; documentId: string; lang: string; seq: number },
): Promise<{ previous: Visit | null; current: Visit }> {
  const r = await db.query<{ previous: VisitRow | null; seq: string; visitedAt: Date }>(
    `WITH prev AS (
       SELECT seq, visited_at FROM document_visits WHERE user_id = $1 AND document_id = $2 AND lang = $3
     ), up AS (
       INSERT INTO document_visits AS v (user_id, document_id, lang, seq, visited_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (user_id, document_id, lang) DO UPDATE SET seq = GREATEST(v.seq, EXCLUDED.seq), visited_at = EXCLUDED.visited_at
       RETURNING seq, visited_at
     )
     SELECT (SELECT json_build_object('seq', seq, 'visitedAt', visited_at) FROM prev) AS previous,
            up.seq, up.visited_at AS "visitedAt"
       FROM up`,
    [v.userId, v.documentId, v.lang, v.seq],
  );
  const row = r.rows[0];
  return { previous: visitOf(row.previous), current: visitOf(row)! };
}

/** The user's last visit per language of a document. */
export async function findVisits(db: Queryable, userId: number, documentId: string): Promise<Map<string, Visit>> {
  const r = await db.query<VisitRow & { lang: string }>(
    `SELECT lang, seq, visited_at AS "visitedAt" FROM document_visits WHERE user_id = $1 AND document_id = $2`,
    [userId, documentId],
  );
  return new Map(r.rows.map((row) => [row.lang, visitOf(row)!]));
}

export interface SegmentChange {
  lang: string;
  id: string;
  changes: VisitChangeKind[];
  /** Who made the changes (names); empty for what a revision did. */
  by: string[];
}

/**
 * Live segments that changed in each language after that language's `since` event, in
 * document order: translations edited (edits, reverts, imports), approved or re-confirmed by
 * someone other than `userId`; translations a published revision made stale; segments a
 * revision added (new text to translate, with a suggestion when split or merged). Read from
 * the event log, so "since" is exact: only committed events are numbered, each numbering
 * run above the last (004_events.sql).
 */
export async function changesSince(
  db: Queryable,
  q: { documentId: string; userId: number; since: { lang: string; seq: number }[] },
): Promise<SegmentChange[]> {
  if (q.since.length === 0) return [];
  const r = await db.query<SegmentChange>(
    `WITH since AS (
       SELECT * FROM unnest($3::text[], $4::bigint[]) AS x(lang, seq)
     ), ev AS (
       SELECT e.seq, e.kind, e.payload, e.user_id FROM document_events e
        WHERE e.document_id = $1 AND e.seq > (SELECT min(seq) FROM since)
     ), revs AS (
       SELECT since.lang, (ev.payload->>'revision')::int AS revision
         FROM ev JOIN since ON ev.seq > since.seq WHERE ev.kind = 'revision'
     ), c AS (
       SELECT ev.payload->>'lang' AS lang, ev.payload->>'segment' AS segment_id, ev.user_id,
              CASE ev.payload->>'action' WHEN 'approve' THEN 'approved'
                   WHEN 'reconfirm' THEN CASE WHEN ev.payload->>'state' = 'approved' THEN 'approved' ELSE 'reconfirmed' END
                   ELSE 'edited' END AS change
         FROM ev JOIN since ON since.lang = ev.payload->>'lang' AND ev.seq > since.seq
        WHERE ev.kind = 'translation' AND ev.user_id IS DISTINCT FROM $2
       UNION ALL
       SELECT ev.payload->>'lang', u->>'segment', ev.user_id,
              CASE WHEN u->>'state' = 'approved' THEN 'approved' ELSE 'edited' END
         FROM ev JOIN since ON since.lang = ev.payload->>'lang' AND ev.seq > since.seq
              CROSS JOIN LATERAL jsonb_array_elements(ev.payload->'units') u
        WHERE ev.kind = 'import' AND ev.user_id IS DISTINCT FROM $2
       UNION ALL
       SELECT te.lang, te.segment_id, NULL, 'stale'
         FROM revs JOIN segments s ON s.document_id = $1 AND s.retired_in IS NULL
              JOIN translation_events te ON te.segment_id = s.id AND te.lang = revs.lang
        WHERE te.revision = revs.revision AND te.kind = 'stale' AND te.state = 'stale'
       UNION ALL
       SELECT revs.lang, s.id, NULL, 'new'
         FROM revs JOIN segments s ON s.document_id = $1 AND s.first_revision = revs.revision
        WHERE s.retired_in IS NULL AND s.translatable
     )
     SELECT c.lang, c.segment_id AS id, array_agg(DISTINCT c.change ORDER BY c.change) AS changes,
            coalesce(array_agg(DISTINCT u.name ORDER BY u.name) FILTER (WHERE u.name IS NOT NULL), '{}') AS by
       FROM c JOIN segments s ON s.id = c.segment_id AND s.document_id = $1 AND s.retired_in IS NULL
       LEFT JOIN users u ON u.id = c.user_id
      GROUP BY c.lang, c.segment_id, s.position
      ORDER BY c.lang, s.position`,
    [q.documentId, q.userId, q.since.map((s) => s.lang), q.since.map((s) => s.seq)],
  );
  return r.rows;
}
