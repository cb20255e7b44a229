import { randomBytes } from 'node:crypto';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDb, type Db } from '@lockstep/server/db';
import { loadMigrations, migrate } from '@lockstep/server/db/migrate';
import { sequencePending } from '@lockstep/server/repos/events';
import { memoryIndexer } from '@lockstep/server/services/memoryIndexer';

export const onPostgres = Boolean(process.env.DATABASE_URL);

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs fn on a connection to the PostgreSQL server of DATABASE_URL (creating and dropping databases). */
export async function adminQuery<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface TestDb extends Db {
  /** The connection string of this test's own database (PostgreSQL only). */
  url?: string;
}

/**
 * A fresh, migrated database for one test file: on PostgreSQL a database of its own
 * (dropped on close), else a PGlite on a copy of the global setup's migrated template.
 * `migrationsBefore`: only the migrations named before it (to test a later one's upgrade of
 * existing rows); on PGlite that is a fresh in-memory instance, which takes several seconds.
 */
export async function openTestDb(opts: { migrationsBefore?: string } = {}): Promise<TestDb> {
  const migrations = loadMigrations().filter((m) => opts.migrationsBefore === undefined || m.name < opts.migrationsBefore);
  if (process.env.DATABASE_URL) {
    const name = `lockstep_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    await adminQuery((c) => c.query(`CREATE DATABASE ${name}`));
    const url = withDatabase(process.env.DATABASE_URL, name);
    const db = await openDb({ url, strictTransactions: true });
    await migrate(db, migrations);
    const close = db.close.bind(db);
    return Object.assign(db, {
      url,
      async close() {
        await close();
        await adminQuery((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      },
    });
  }
  if (opts.migrationsBefore === undefined && process.env.LOCKSTEP_TEST_PGLITE_TEMPLATE) return openPgliteCopy();
  const db = await openDb({ dataDir: 'memory://', strictTransactions: true });
  await migrate(db, migrations);
  return db;
}

/**
 * An embedded database of its own, copied from the migrated template directory the global
 * setup made (on tmpfs where there is one) and removed on close. Opening a copied directory
 * costs PGlite ~0.4 s of CPU; loading the same database from a dump into memory cost 0.7–1.3 s
 * (it untars 42 MB into the in-memory file system), on each of ~110 test files.
 */
export async function openPgliteCopy(opts: { strictTransactions?: boolean } = { strictTransactions: true }): Promise<TestDb> {
  const template = process.env.LOCKSTEP_TEST_PGLITE_TEMPLATE;
  if (!template) throw new Error('No PGlite template: the Jest global setup (support/globalSetup.ts) makes it.');
  const dir = path.join(path.dirname(template), `db-${process.pid}-${randomBytes(6).toString('hex')}`);
  cpSync(template, dir, { recursive: true });
  const db = await openDb({ dataDir: dir, strictTransactions: opts.strictTransactions });
  const close = db.close.bind(db);
  return Object.assign(db, {
    async close() {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/**
 * Empties every table (between tests in one file), keeping the schema. The previous test's app
 * may still be numbering live events after its last answer (events/sequencer.ts runs after the
 * commit): its transaction and the TRUNCATE lock the same tables in different orders, and
 * PostgreSQL may abort the TRUNCATE as a deadlock (seen once in CI). It is then simply repeated.
 */
export async function truncateAll(db: Db): Promise<void> {
  const r = await db.query<{ t: string }>(
    `SELECT string_agg(quote_ident(tablename), ', ') AS t FROM pg_tables
      WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
  );
  if (!r.rows[0].t) return;
  for (let attempt = 1; ; attempt++) {
    try {
      await db.query(`TRUNCATE ${r.rows[0].t} RESTART IDENTITY CASCADE`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '40P01' || attempt >= 5) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

/**
 * A hash of every row of every table: "nothing changed" is proven by equal hashes.
 * `last_used_at` is access bookkeeping (authenticating touches it), not content.
 */
export async function hashAllTables(db: Db): Promise<string> {
  // Live events are numbered after their commit, in the background: settle that first, so a
  // numbering landing between two table reads is not mistaken for a change by the request.
  const pending = await db.query<{ d: string }>('SELECT DISTINCT document_id AS d FROM document_events WHERE seq IS NULL');
  for (const { d } of pending.rows) await sequencePending(db, d);
  // Likewise the memory's background indexer (services/memoryIndexer.ts): it indexes what a
  // writer committed shortly after the answer, which is the write's, not the request's under test.
  await memoryIndexer(db).idle();
  const tables = await db.query<{ t: string }>(
    `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const parts: string[] = [];
  for (const { t } of tables.rows) {
    const r = await db.query<{ h: string | null }>(
      `SELECT md5(string_agg(r, '|' ORDER BY r)) AS h
         FROM (SELECT (to_jsonb(x) - 'last_used_at')::text AS r FROM ${JSON.stringify(t)} x) rows`,
    );
    parts.push(`${t}:${r.rows[0].h ?? 'empty'}`);
  }
  return parts.join(';');
}

