import { dbOptions, type Config } from './config.js';
import { openDb, type Db } from './db/db.js';
import { migrate } from './db/migrate.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from './demo/accounts.js';
import { DEMO_DOCUMENT_ID, seedDemoStatement } from './demo/statement.js';
import type { Logger } from './logger.js';
import { spreadDemoHistory } from './repos/demoHistory.js';
import { countUsers, findUserByEmail } from './repos/users.js';
import { ensureAdmin } from './services/accounts.js';

export interface Prepared {
  db: Db;
  /** The demo accounts exist (seeded now or on an earlier start) and demo mode is on. */
  demoAvailable: boolean;
}

/** Opens the database, applies migrations, creates the bootstrap admin and, on an empty database, the demo. */
export async function prepareDatabase(config: Config, logger: Logger): Promise<Prepared> {
  const db = await openDb(dbOptions(config));
  try {
    const applied = await migrate(db);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    const empty = (await countUsers(db)) === 0;
    if (config.adminEmail && config.adminPassword) {
      const admin = await ensureAdmin(db, config.adminEmail, config.adminPassword);
      if (admin) logger.info({ email: admin.email }, 'bootstrap admin created');
    }
    if (empty && config.demo) {
      await seedDemoAccounts(db);
      await seedDemoStatement(db);
      // `npm start` opens on a project with weeks of history behind it (the chart, "last activity").
      await db.transaction((tx) => spreadDemoHistory(tx, DEMO_DOCUMENT_ID));
    }
    const demoAvailable = config.demo && (await findUserByEmail(db, DEMO_ACCOUNTS[0].email)) !== undefined;
    return { db, demoAvailable };
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}

export function demoBanner(port: number): string {
  const lines = [
    `Lockstep demo: open http://localhost:${port} and sign in with any of these (password "${DEMO_PASSWORD}"):`,
    ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(28)} ${a.role}${a.languages.length ? ` (${a.languages.join(', ')})` : ''}`),
  ];
  return lines.join('\n');
}
