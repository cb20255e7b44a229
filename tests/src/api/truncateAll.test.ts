import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { onPostgres, openTestDb, truncateAll, type TestDb } from '../support/testDb.js';

// The test harness itself: truncateAll between tests must survive a transaction that is still
// running from the previous test (the live-event sequencer numbers events after the answer)
// and locks the same tables in another order — a deadlock PostgreSQL resolves by aborting one
// side. Only PostgreSQL has two connections to deadlock.
const describePg = onPostgres ? describe : describe.skip;

describePg('truncateAll', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  test('a TRUNCATE aborted as a deadlock is repeated, and every table ends up empty', async () => {
    await db.query(`INSERT INTO documents (id, title, source_lang, target_langs, current_revision) VALUES ('d', 'D', 'en', '{ko}', 1)`);
    const tables = (await db.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`)).rows.map((r) => r.t);
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      // The other transaction holds the table TRUNCATE will want last, then asks for the one
      // it takes first: each waits for the other.
      await other.query('BEGIN');
      await other.query(`LOCK TABLE ${tables[tables.length - 1]} IN ROW EXCLUSIVE MODE`);
      const truncating = truncateAll(db);
      await new Promise((r) => setTimeout(r, 200));
      const otherSide = other
        .query(`LOCK TABLE ${tables[0]} IN ROW EXCLUSIVE MODE`)
        .then(async () => {
          await other.query('COMMIT');
          return undefined;
        })
        .catch(async (err: { code?: string }) => {
          await other.query('ROLLBACK');
          return err.code;
        });
      await truncating;
      const outcome = await otherSide;
      // Whichever side PostgreSQL aborted, the harness went on and emptied the tables.
      expect(outcome === undefined || outcome === '40P01').toBe(true);
      const counts = await db.query<{ n: number }>(tables.map((t) => `SELECT count(*)::int AS n FROM ${t}`).join(' UNION ALL '));
      expect(counts.rows).toHaveLength(tables.length);
      expect(counts.rows.every((r) => r.n === 0)).toBe(true);
    } finally {
      await other.end();
    }
  }, 20_000);
});
