import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '@lockstep/server/db';
import { migrate } from '@lockstep/server/db/migrate';

/**
 * PGlite's initdb costs seconds (stack.md G17/G32): migrate one embedded database once, in a
 * directory on tmpfs where the machine has one, and let every test file open a copy of it
 * (testDb.ts). Also lowers the password hashing cost.
 */
export default async function globalSetup(): Promise<void> {
  // Test sign-ins hash at scrypt N=2^10, not 2^15 (security/passwords.ts says why); the
  // workers and the servers they start inherit it. session.test.ts checks the default.
  process.env.LOCKSTEP_PASSWORD_COST ??= '10';
  if (process.env.DATABASE_URL) return;
  const base = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const root = mkdtempSync(path.join(base, 'lockstep-test-'));
  const template = path.join(root, 'template');
  const db = await openDb({ dataDir: template });
  await migrate(db);
  await db.close();
  process.env.LOCKSTEP_TEST_PGLITE_TEMPLATE = template;
}
