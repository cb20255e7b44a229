import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '@lockstep/server/db';
import { migrate } from '@lockstep/server/db/migrate';

/**
 * PGlite's initdb costs seconds (stack.md G17/G32): migrate one in-memory database once,
 * dump it, and let every test file start from the dump. Also lowers the password hashing cost.
 */
export default async function globalSetup(): Promise<void> {
  // Test sign-ins hash at scrypt N=2^10, not 2^15 (security/passwords.ts says why); the
  // workers and the servers they start inherit it. session.test.ts checks the default.
  process.env.LOCKSTEP_PASSWORD_COST ??= '10';
  if (process.env.DATABASE_URL) return;
  const db = await openDb({ dataDir: 'memory://' });
  await migrate(db);
  const dump = await db.dumpDataDir!();
  await db.close();
  const file = path.join(os.tmpdir(), `lockstep-test-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.LOCKSTEP_TEST_PGLITE_DUMP = file;
}
