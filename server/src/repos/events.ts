import type { Db, Queryable } from '../db/db.js';

/** The NOTIFY channel of numbered events; the payload is `<document id>:<newest seq>` (document ids never contain ':'). Also named in 008_sequencer_one_trip.sql. */
export const EVENTS_CHANNEL = 'lockstep_events';

export type LiveEventKind = 'translation' | 'revision' | 'import' | 'comment';

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
 * Stores an event without a number, in the writer's transaction. Takes no lock another
 * writer waits for and sends no NOTIFY (004_events.sql): write it after the change's
 * translation rows, and after the commit tell the sequencer (events/committed.ts).
 */
export async function insertEvent(
  tx: Queryable,
  e: { documentId: string; kind: LiveEventKind; payload: Record<string, unknown>; userId: number | null },
): Promise<void> {
  await tx.query('INSERT INTO document_events (document_id, kind, payload, user_id) VALUES ($1, $2, $3, $4)', [
    e.documentId,
    e.kind,
    JSON.stringify(e.payload),
    e.userId,
  ]);
}

/**
 * The sequencer: numbers the document's committed, unnumbered events, in `id` order, above
 * every number given before, holding the document's counter row; notifies the new newest
 * number. Returns it, or undefined when there was nothing to number (the common case,
 * answered without a lock or a write). One statement: the work is the function of
 * 008_sequencer_one_trip.sql (the rules behind it are in 004_events.sql).
 */
export async function sequencePending(db: Db, documentId: string): Promise<number | undefined> {
  const r = await db.query<{ last: string | null }>('SELECT lockstep_number_events($1) AS last', [documentId]);
  const last = r.rows[0]?.last;
  return last === null || last === undefined ? undefined : Number(last);
}

/** Documents with events still unnumbered `olderThanMs` after they were written (the sequencer's safety sweep). */
export async function documentsWithPendingEvents(db: Queryable, olderThanMs: number): Promise<string[]> {
  const r = await db.query<{ documentId: string }>(
    `SELECT DISTINCT document_id AS "documentId" FROM document_events
      WHERE seq IS NULL AND created_at <= now() - make_interval(secs => $1::double precision / 1000)`,
    [olderThanMs],
  );
  return r.rows.map((row) => row.documentId);
}

/** The document's newest event number (0 before its first numbered event). */
export async function currentSeq(db: Queryable, documentId: string): Promise<number> {
  const r = await db.query<{ seq: string }>('SELECT last_seq AS seq FROM document_event_seqs WHERE document_id = $1', [documentId]);
  return r.rows[0] ? Number(r.rows[0].seq) : 0;
}

/**
 * Numbered events after `afterSeq`, oldest first. Numbers are given only to committed events,
 * in runs that commit in number order, so nothing below a number seen here can appear later.
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
