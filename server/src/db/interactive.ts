import { LockstepError } from '@lockstep/shared';
import type pg from 'pg';
import type { Queryable } from './db.js';

/**
 * Interactive reads (translation-memory lookups, text search, QA reports) are the reads whose
 * cost depends on what the user typed or stored. On PostgreSQL they run on a pool of their own,
 * smaller than the main one and with a tighter `statement_timeout`, so however many of them
 * run at once, saves, sign-in and health still find a connection on the main pool (issue 18:
 * twelve abandoned memory lookups used to fill the pool of ten for minutes). A lookup whose
 * HTTP client went away is cancelled in the database (`pg_cancel_backend`) instead of running
 * on for nobody.
 */
export type InteractiveRunner = <T>(signal: AbortSignal | undefined, fn: (q: Queryable) => Promise<T>) => Promise<T>;

export function clientGoneError(): LockstepError {
  return new LockstepError('unavailable', 'client_closed_request', 'The client closed the request before it was answered.');
}

function busyError(): LockstepError {
  return new LockstepError(
    'unavailable',
    'interactive_reads_busy',
    'Too many searches and memory lookups are running at once. Try again shortly.',
  );
}

const CONNECT_TIMEOUT = /timeout exceeded when trying to connect/i;

/** Listener for a checked-out connection's 'error': the statement it breaks reports it. */
export function lostConnection(): void {}

/**
 * Runs `fn` in a read transaction on a connection of `share`; when `signal` aborts meanwhile,
 * the running statement is cancelled through `control` (a connection of the main pool: the
 * share may be full) and the connection is closed rather than reused, so a cancel that lands
 * late can never hit the next request's statement.
 */
export function interactiveOnPool(share: pg.Pool, control: pg.Pool, wrap: (c: pg.PoolClient) => Queryable): InteractiveRunner {
  return async (signal, fn) => {
    if (signal?.aborted) throw clientGoneError();
    let client: pg.PoolClient;
    try {
      client = await share.connect();
    } catch (err) {
      if (CONNECT_TIMEOUT.test(String((err as Error).message))) throw busyError();
      throw err;
    }
    // The client may have left while this waited for a connection.
    if (signal?.aborted) {
      client.release();
      throw clientGoneError();
    }
    client.on('error', lostConnection);
    let cancelled: Promise<unknown> | undefined;
    const onAbort = () => {
      const pid = (client as unknown as { processID: number | null }).processID;
      if (pid !== null) cancelled = control.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let broken = false;
    try {
      await client.query('BEGIN READ ONLY');
      const result = await fn(wrap(client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw signal?.aborted ? clientGoneError() : err;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (cancelled) await cancelled;
      client.off('error', lostConnection);
      client.release(broken || cancelled !== undefined);
    }
  };
}
