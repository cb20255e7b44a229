import type { Queryable } from '../db/db.js';

/** Per database handle, so two app instances in one process (the tests' two "servers") stay apart. */
const listeners = new WeakMap<object, Set<() => void>>();

/**
 * Tells this process's webhook dispatcher that outbox rows have just COMMITTED on `db` (call
 * it after the commit): it sends them now instead of at its next poll. Other processes find
 * them at their next poll; the rows are in the database, so nothing is lost either way.
 */
export function outboxWritten(db: Queryable): void {
  for (const fn of listeners.get(db) ?? []) fn();
}

export function onOutboxWritten(db: Queryable, fn: () => void): () => void {
  let set = listeners.get(db);
  if (!set) listeners.set(db, (set = new Set()));
  set.add(fn);
  return () => set.delete(fn);
}
