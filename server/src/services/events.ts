import type { Db } from '../db/db.js';
import { currentSeq, sequencePending, type StoredEvent } from '../repos/events.js';
import { requireDocument } from './documents.js';

/**
 * A reader further behind than this gets a `reset` (reload the view) instead of a replay:
 * replaying thousands of row updates costs more than reading the segment list again.
 */
export const REPLAY_LIMIT = 5_000;

export interface StreamStart {
  documentId: string;
  /** Events after this one are sent. */
  cursor: number;
  /** Why the reader cannot resume from its `Last-Event-ID` (it reloads instead); null when it can. */
  reset: null | 'unknown_event_id' | 'too_far_behind';
}

/**
 * Where a reader's event stream starts: after its `Last-Event-ID`, or after the newest event
 * when it has none. 404 for an unknown document, before anything is streamed.
 */
export async function startStream(db: Db, documentId: string, lastEventId: number | undefined): Promise<StreamStart> {
  await requireDocument(db, documentId);
  // Number what is waiting first (cheap when nothing is): the stream must not depend on a
  // process that listens having done it, and a fresh reader's cursor should include it.
  await sequencePending(db, documentId);
  const newest = await currentSeq(db, documentId);
  if (lastEventId === undefined) return { documentId, cursor: newest, reset: null };
  // An id this document never reached (another database, a restored backup): resume is impossible.
  if (lastEventId > newest) return { documentId, cursor: newest, reset: 'unknown_event_id' };
  if (newest - lastEventId > REPLAY_LIMIT) return { documentId, cursor: newest, reset: 'too_far_behind' };
  return { documentId, cursor: lastEventId, reset: null };
}

/** An event as it goes on the wire: the payload's ids and versions, who and when. Never texts. */
export function eventData(e: StoredEvent): Record<string, unknown> {
  return { seq: e.seq, kind: e.kind, ...e.payload, userId: e.userId, by: e.by, at: e.at };
}
