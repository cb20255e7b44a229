import type { Queryable } from '../db/db.js';

/** The NOTIFY channel; the payload is `<document id>:<seq>` (document ids never contain ':'). */
export const EVENTS_CHANNEL = 'lockstep_events';

export type LiveEventKind = 'translation' | 'revision' | 'import';

/** One stored event as readers receive it: ids, versions and states, never texts. */
export interface StoredEvent {
  seq: number;
  kind: LiveEventKind;
  payload: Record<string, unknown>;
  userId: number | null;
  /** The name of whoever made the change. */
  by: string | null;
  at: Date;
}

/**
 * Takes the document's next event number. The counter row stays locked until the caller's
 * transaction commits, so the document's events commit in number order (see 004_events.sql:
 * take it before touching any translation row).
 */
export async function reserveSeq(tx: Queryable, documentId: string): Promise<number> {
  const r = await tx.query<{ seq: string }>(
    `INSERT INTO document_event_seqs AS c (document_id, last_seq) VALUES ($1, 1)
     ON CONFLICT (document_id) DO UPDATE SET last_seq = c.last_seq + 1
     RETURNING last_seq AS seq`,
    [documentId],
  );
  return Number(r.rows[0].seq);
}

/** Stores an event under a number from `reserveSeq`; its NOTIFY is delivered when the transaction commits. */
export async function insertEvent(
  tx: Queryable,
  e: { documentId: string; seq: number; kind: LiveEventKind; payload: Record<string, unknown>; userId: number | null },
): Promise<void> {
  await tx.query(
    `WITH e AS (
       INSERT INTO document_events (document_id, seq, kind, payload, user_id) VALUES ($1, $2, $3, $4, $5)
       RETURNING document_id, seq
     )
     SELECT pg_notify('${EVENTS_CHANNEL}', document_id || ':' || seq) FROM e`,
    [e.documentId, e.seq, e.kind, JSON.stringify(e.payload), e.userId],
  );
}

/** `reserveSeq` then `insertEvent`, for writers that know the payload before their first write. */
export async function appendEvent(
  tx: Queryable,
  e: { documentId: string; kind: LiveEventKind; payload: Record<string, unknown>; userId: number | null },
): Promise<number> {
  const seq = await reserveSeq(tx, e.documentId);
  await insertEvent(tx, { ...e, seq });
  return seq;
}

/** The document's newest event number (0 before its first event). */
export async function currentSeq(db: Queryable, documentId: string): Promise<number> {
  const r = await db.query<{ seq: string }>('SELECT last_seq AS seq FROM document_event_seqs WHERE document_id = $1', [documentId]);
  return r.rows[0] ? Number(r.rows[0].seq) : 0;
}

/**
 * Committed events after `afterSeq`, oldest first. A number reserved by a transaction still
 * in flight is not there yet, and no later number can commit before it (the counter lock).
 */
export async function eventsAfter(db: Queryable, documentId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
  const r = await db.query<Omit<StoredEvent, 'seq' | 'userId'> & { seq: string; userId: string | null }>(
    `SELECT e.seq, e.kind, e.payload, e.user_id AS "userId", u.name AS by, e.created_at AS at
       FROM document_events e LEFT JOIN users u ON u.id = e.user_id
      WHERE e.document_id = $1 AND e.seq > $2
      ORDER BY e.seq LIMIT $3`,
    [documentId, afterSeq, limit],
  );
  return r.rows.map((row) => ({ ...row, seq: Number(row.seq), userId: row.userId === null ? null : Number(row.userId) }));
}
