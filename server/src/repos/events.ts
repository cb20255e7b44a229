import type { Db, Queryable } from '../db/db.js';

/** The NOTIFY channel of numbered events; the payload is `<document id>:<newest seq>` (document ids never contain ':'). */
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
 * The sequencer (004_events.sql): numbers the document's committed, unnumbered events, in
 * `id` order, above every number given before, in a short transaction of its own that holds
 * the document's counter row; notifies the new newest number. Returns it, or undefined when
 * there was nothing to number (the common case, answered without a lock or a write).
 *
 * Two statements on purpose: under READ COMMITTED the second one's snapshot is taken after
 * the counter lock is granted, so it sees everything the previous holder numbered and
 * committed (one statement would read with a snapshot from before the wait).
 */
export async function sequencePending(db: Db, documentId: string): Promise<number | undefined> {
  // A column outside the index on purpose: a plain index scan marks the entries of numbered
  // (now dead) row versions as killed, so the next check skips them; an index-only scan would
  // visit every one of them again, each time, until VACUUM.
  const pending = await db.query('SELECT created_at FROM document_events WHERE document_id = $1 AND seq IS NULL LIMIT 1', [documentId]);
  if (pending.rows.length === 0) return undefined;
  return db.transaction(async (tx) => {
    const locked = await tx.query<{ last: string }>(
      `INSERT INTO document_event_seqs AS c (document_id, last_seq) VALUES ($1, 0)
       ON CONFLICT (document_id) DO UPDATE SET last_seq = c.last_seq
       RETURNING last_seq AS last`,
      [documentId],
    );
    const r = await tx.query<{ last: string }>(
      `WITH pending AS (
         SELECT id, row_number() OVER (ORDER BY id) AS n, created_at FROM document_events WHERE document_id = $1 AND seq IS NULL
       ), numbered AS (
         UPDATE document_events e SET seq = $2::bigint + p.n FROM pending p WHERE e.id = p.id
         RETURNING e.seq
       ), bumped AS (
         UPDATE document_event_seqs c SET last_seq = n.last
           FROM (SELECT max(seq) AS last FROM numbered) n
          WHERE c.document_id = $1 AND n.last IS NOT NULL
         RETURNING c.last_seq AS last
       )
       SELECT last, pg_notify('${EVENTS_CHANNEL}', $1 || ':' || last) FROM bumped`,
      [documentId, Number(locked.rows[0].last)],
    );
    return r.rows[0] ? Number(r.rows[0].last) : undefined;
  });
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
