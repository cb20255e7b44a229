import type { Queryable } from '../db/db.js';

type Listener = (documentId: string) => void;

/** Per database handle, so two app instances in one process (the tests' two "servers") stay apart. */
const listeners = new WeakMap<object, Set<Listener>>();

/**
 * Tells this process's sequencer that a change with a live event of `documentId` has just
 * COMMITTED on `db` (call it after the commit, never inside the transaction). No database
 * round trip: writers must not NOTIFY (004_events.sql), so the process that wrote numbers its
 * own events and the sequencer's one NOTIFY per batch tells the other processes.
 */
export function eventsCommitted(db: Queryable, documentId: string): void {
  for (const fn of listeners.get(db) ?? []) fn(documentId);
}

/** Hears `eventsCommitted` for one database handle; returns the unsubscribe. */
export function onEventsCommitted(db: Queryable, fn: Listener): () => void {
  let set = listeners.get(db);
  if (!set) listeners.set(db, (set = new Set()));
  set.add(fn);
  return () => set.delete(fn);
}
