import DataLoader from 'dataloader';
import type { Queryable } from './db.js';

/**
 * Requests that reach the same step in the same turn of the event loop share one statement.
 * Under load many requests arrive per turn (32 concurrent editors: about 12 saves per statement);
 * PostgreSQL's cost per row of a statement over eight rows is about a quarter of a statement
 * over one, and the server pays its per-query costs once per batch. With one request at a time
 * a batch is that one request: nothing waits for company (the batch runs when this turn's
 * I/O is done, `setImmediate`, not after a timer).
 *
 * `run` answers every key in order, a value or an Error of that key's own. If the statement
 * fails with an error one key can cause (`KEY_ERRORS`), each key is run again on its own, so
 * one key's error never becomes another's. Any other failure (the connection, a deadlock, a
 * shutdown) is the batch's and goes to every key as it is: run again one by one, a database
 * that does not answer would keep the last key waiting for every key's timeout in turn.
 * Loaders are per database handle: a transaction's handle batches only its own work.
 */
export function batching<K, V>(
  run: (db: Queryable, keys: readonly K[]) => Promise<readonly (V | Error)[]>,
  opts: { maxBatchSize?: number } = {},
): (db: Queryable) => DataLoader<K, V> {
  const loaders = new WeakMap<Queryable, DataLoader<K, V>>();
  const isolated = async (db: Queryable, keys: readonly K[]): Promise<readonly (V | Error)[]> => {
    try {
      return await run(db, keys);
    } catch (err) {
      if (keys.length === 1 || !KEY_ERRORS.test(String((err as { code?: unknown }).code))) throw err;
      const answers: (V | Error)[] = [];
      for (const key of keys) answers.push(await run(db, [key]).then((a) => a[0], asError));
      return answers;
    }
  };
  return (db) => {
    let loader = loaders.get(db);
    if (!loader) {
      loader = new DataLoader<K, V>((keys) => isolated(db, keys), {
        cache: false,
        maxBatchSize: opts.maxBatchSize ?? 64,
        batchScheduleFn: (go) => setImmediate(go),
      });
      loaders.set(db, loader);
    }
    return loader;
  };
}

/** SQLSTATE classes a single row can raise: data exceptions, integrity constraints, a trigger's RAISE. */
const KEY_ERRORS = /^(22|23|P0)[0-9A-Z]{3}$/;

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
