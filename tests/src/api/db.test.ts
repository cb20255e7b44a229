import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { openTestDb, type TestDb } from '../support/testDb.js';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

describe('the test-mode transaction guard', () => {
  test('catches the outer handle used inside a transaction (a deadlock on PGlite)', async () => {
    await expect(db.transaction(async () => db.query('SELECT 1'))).rejects.toThrow(/use the tx handle/);
  });

  test('lets concurrent work outside the transaction go on', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const tx = db.transaction(async (t) => {
      await t.query('SELECT 1');
      await held;
    });
    // On PGlite the single connection is busy until the transaction ends, so only start the
    // outside query and let it finish after the release.
    const outside = db.query<{ n: number }>('SELECT 2 AS n');
    release();
    await tx;
    expect((await outside).rows[0].n).toBe(2);
  });

  test('rolls back everything when the callback throws', async () => {
    await db.query('CREATE TABLE IF NOT EXISTS guard_probe (n int)');
    await expect(
      db.transaction(async (t) => {
        await t.query('INSERT INTO guard_probe VALUES (1)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await db.query('SELECT count(*)::int AS c FROM guard_probe')).rows[0]).toEqual({ c: 0 });
    await db.query('DROP TABLE guard_probe');
  });
});
