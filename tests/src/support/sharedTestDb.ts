import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { openTestDb, truncateAll, type TestDb } from './testDb.js';

// Kept apart from testDb.ts because it registers Jest hooks: the benches import testDb.ts
// outside Jest, where '@jest/globals' cannot load (tests/src/bench/benchLoads.test.ts).
/**
 * For a test file on one database emptied before each test: opens it before all tests and
 * closes it after. The returned function gives the database from the first test on.
 */
export function sharedTestDb(): () => TestDb {
  let db: TestDb | undefined;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    await truncateAll(db!);
  });
  return () => db!;
}
