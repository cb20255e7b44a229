import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { prepareDataDir } from './dataDir.js';
import { acquireDirLock, type DirLock } from './dirLock.js';
import { clientGoneError, interactiveOnPool, lostConnection, type InteractiveRunner } from './interactive.js';

export interface QueryResult<R> {
  rows: R[];
  rowCount: number | null;
}

export interface Queryable {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

export type DbKind = 'pglite' | 'postgres';

export interface Db extends Queryable {
  readonly kind: DbKind;
  /**
   * Runs fn inside BEGIN/COMMIT. Inside fn use only `tx`: PGlite is a single
   * connection, so touching the outer handle there deadlocks (stack.md G15/G33).
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs an interactive read (memory lookup, text search, QA report) in a read transaction: on
   * PostgreSQL on its own share of connections with a tighter time limit, cancelled when
   * `signal` aborts (the HTTP client left); see interactive.ts. On PGlite, the one connection.
   */
  interactive: InteractiveRunner;
  /** Checks that the database answers; throws the driver's connection error if not. */
  ping(): Promise<void>;
  /** PGlite only: a dump of the whole data directory (tests load it instead of re-running initdb). */
  dumpDataDir?(): Promise<Blob>;
  /**
   * How to hear NOTIFY (live events): PostgreSQL gives the connection string for one session
   * of its own outside the pool; PGlite is one in-process session whose notifications arrive
   * here (they never cross PGlite connections, stack.md G19). The LISTEN itself is a query.
   */
  readonly notifications?: { kind: 'session'; connectionString: string } | { kind: 'inProcess'; subscribe(fn: (channel: string, payload: string) => void): () => void };
  close(): Promise<void>;
}

export interface OpenDbOptions {
  /** postgres://… — when set, a PostgreSQL server is used. */
  url?: string;
  /** Directory for embedded PGlite; `memory://` for an in-memory database. */
  dataDir?: string;
  /** A PGlite data dump (from `dumpDataDir`) to start from instead of running initdb. */
  loadDataDir?: Blob | File;
  /** Pool size for PostgreSQL (PGlite is always one connection). */
  poolSize?: number;
  /** When true, use of the outer handle inside a transaction throws (catches G15 on PostgreSQL too). */
  strictTransactions?: boolean;
  /** PostgreSQL: every statement's time limit (`statement_timeout`, ms; 0 = none). PGlite ignores it. */
  statementTimeoutMs?: number;
  /** PostgreSQL: the time limit of interactive reads (memory, search, QA), ms. */
  interactiveTimeoutMs?: number;
  /** PostgreSQL: connections interactive reads may use, besides the main pool's. */
  interactivePoolSize?: number;
}

const CONNECT_TIMEOUT_MS = 5_000;
/** Long enough for publishing or importing a 100k-segment document statement by statement. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;
/** A memory lookup, a search or a QA report that takes longer helps nobody waiting at the editor. */
export const DEFAULT_INTERACTIVE_TIMEOUT_MS = 5_000;
export const DEFAULT_POOL_SIZE = 10;
export const DEFAULT_INTERACTIVE_POOL_SIZE = 3;

/**
 * Parameterised data statements run as named prepared statements (a name derived from the
 * text, so equal texts share one per connection): PostgreSQL then parses and plans each once
 * per connection instead of on every call, which halved the translation-target lookup on the
 * save path (0.40 → 0.20 ms). Other statements (DDL, cursors, SET) go as plain queries.
 */
const PREPARABLE = /^\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH)\b/i;
const statementNames = new Map<string, string>();
// Our statements are a fixed set (a few hundred texts); should some code ever build texts
// without bound, the ones past this stay unnamed rather than fill every connection's cache.
const MAX_NAMED_STATEMENTS = 2_000;

export function toQuery(text: string, params: readonly unknown[] | undefined): pg.QueryConfig {
  if (!params || params.length === 0 || !PREPARABLE.test(text)) return { text, values: params as unknown[] | undefined };
  let name = statementNames.get(text);
  if (name === undefined) {
    if (statementNames.size >= MAX_NAMED_STATEMENTS) return { text, values: params as unknown[] };
    name = `ls_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return { name, text, values: params as unknown[] };
}

function wrapClient(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    query: (text, params) => client.query(toQuery(text, params)) as never,
  };
}

export function poolDb(
  pool: pg.Pool,
  kind: DbKind,
  opts: {
    onClose?: () => Promise<void>;
    strictTransactions?: boolean;
    dump?: () => Promise<Blob>;
    notifications?: Db['notifications'];
    /** A pool of its own for interactive reads (PostgreSQL); without it they share `pool`. */
    interactivePool?: pg.Pool;
  } = {},
): Db {
  // An idle client whose server went away emits 'error' on the pool; without a listener
  // Node would crash the process. The next query gets a fresh connection instead.
  pool.on('error', () => undefined);
  // Per async context, not per process: concurrent requests each outside a transaction are
  // fine; only code running inside this handle's own transaction callback is caught. Only
  // when asked (the tests): once an AsyncLocalStorage has run, every promise of the process
  // pays for carrying its context.
  const insideTransaction = opts.strictTransactions ? new AsyncLocalStorage<true>() : undefined;
  const guard = (): void => {
    if (insideTransaction?.getStore()) {
      throw new Error('outer database handle used inside a transaction: use the tx handle (deadlocks on PGlite)');
    }
  };
  opts.interactivePool?.on('error', () => undefined);
  const inGuard = <T>(fn: () => Promise<T>) => (insideTransaction ? insideTransaction.run(true, fn) : fn());
  const onShare = opts.interactivePool && interactiveOnPool(opts.interactivePool, pool, wrapClient);
  const db: Db = {
    kind,
    interactive(signal, fn) {
      guard();
      if (onShare) return onShare(signal, (tx) => inGuard(() => fn(tx)));
      // PGlite: one connection, and a running statement cannot be interrupted; what bounds
      // an interactive read there is its input (services/memory.ts).
      if (signal?.aborted) return Promise.reject(clientGoneError());
      return db.transaction(fn);
    },
    query(text, params) {
      guard();
      return pool.query(toQuery(text, params)) as never;
    },
    async transaction(fn) {
      guard();
      const client = await pool.connect();
      // Between two statements the connection can be lost (the server restarts); pg then emits
      // 'error' on the checked-out client, which would crash the process without a listener.
      // The next statement fails instead, and so does the transaction.
      client.on('error', lostConnection);
      let broken = false;
      try {
        await client.query('BEGIN');
        const tx = wrapClient(client);
        const result = await inGuard(() => fn(tx));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw err;
      } finally {
        // A connection whose ROLLBACK failed is in an unknown state: destroy it.
        client.off('error', lostConnection);
        client.release(broken);
      }
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await opts.interactivePool?.end();
      await pool.end();
      await opts.onClose?.();
    },
    ...(opts.dump ? { dumpDataDir: opts.dump } : {}),
    ...(opts.notifications ? { notifications: opts.notifications } : {}),
  };
  return db;
}

/** Opens PostgreSQL when `url` is given, else embedded PGlite in `dataDir` (default `./data`). */
export async function openDb(opts: OpenDbOptions = {}): Promise<Db> {
  if (opts.url) {
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? DEFAULT_POOL_SIZE,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      statement_timeout: opts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    });
    const interactivePool = new pg.Pool({
      connectionString: opts.url,
      max: opts.interactivePoolSize ?? DEFAULT_INTERACTIVE_POOL_SIZE,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      statement_timeout: opts.interactiveTimeoutMs ?? DEFAULT_INTERACTIVE_TIMEOUT_MS,
    });
    return poolDb(pool, 'postgres', {
      interactivePool,
      strictTransactions: opts.strictTransactions,
      notifications: { kind: 'session', connectionString: opts.url },
    });
  }
  return openPglite(opts);
}

async function openPglite(opts: OpenDbOptions): Promise<Db> {
  // Imported lazily: the WASM package is large and PostgreSQL deployments never need it.
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');

  const root = opts.dataDir ?? 'data';
  let lock: DirLock | undefined;
  let pgDataDir: string;
  if (root.startsWith('memory://')) {
    pgDataDir = root;
  } else {
    const abs = path.resolve(root);
    prepareDataDir(abs);
    // PGlite has no inter-process lock: a second process on the same directory loses
    // committed rows (stack.md G16). Our own lock turns that into a clear error.
    lock = acquireDirLock(abs);
    pgDataDir = path.join(abs, 'pg');
  }
  let lite;
  try {
    lite = await PGlite.create({
      dataDir: pgDataDir,
      // Always the same extensions, or a reopened directory cannot find pg_trgm (G13).
      extensions: { pg_trgm },
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    });
  } catch (err) {
    lock?.release();
    throw err;
  }
  const pool = new pg.Pool({
    ...(createPgConfig(lite) as pg.PoolConfig),
    max: 1,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  return poolDb(pool, 'pglite', {
    strictTransactions: opts.strictTransactions,
    dump: () => lite.dumpDataDir('none'),
    notifications: { kind: 'inProcess', subscribe: (fn) => lite.onNotification(fn) },
    onClose: async () => {
      await lite.close();
      lock?.release();
    },
  });
}
