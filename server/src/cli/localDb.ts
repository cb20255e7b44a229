import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { openDb, type Db } from '../db/db.js';
import { DataDirLockedError } from '../db/dirLock.js';
import { CliError, type CliIo } from './command.js';

/** Where a local command works: a PostgreSQL database or an embedded data directory. */
export interface LocalTarget {
  databaseUrl?: string;
  dataDir: string;
}

export function localTarget(io: CliIo, overrides: { database?: string; dataDir?: string } = {}): LocalTarget {
  const config = loadConfig(io.env);
  if (overrides.database) return { databaseUrl: overrides.database, dataDir: config.dataDir };
  if (overrides.dataDir) return { dataDir: path.resolve(io.cwd, overrides.dataDir) };
  return { databaseUrl: config.databaseUrl, dataDir: config.dataDir };
}

/** What a target is called in messages, without a password. */
export function describeTarget(t: LocalTarget): string {
  return t.databaseUrl ? `the PostgreSQL database ${redact(t.databaseUrl)}` : `the embedded database in ${t.dataDir}`;
}

/**
 * Opens the database a local command (check, backup) reads. The embedded one belongs to one
 * process: while a server holds it, the message names the `--server` form of the command.
 */
export async function openExistingDb(io: CliIo, command: string, target: LocalTarget = localTarget(io)): Promise<Db> {
  if (target.databaseUrl) return openDb({ url: target.databaseUrl, poolSize: 1 });
  // Opening an empty directory would create a new database: there is nothing to read.
  if (!existsSync(path.join(target.dataDir, 'pg'))) {
    throw new CliError(`there is no database in ${target.dataDir} (LOCKSTEP_DATA_DIR); set LOCKSTEP_DATA_DIR or DATABASE_URL`);
  }
  try {
    return await openDb({ dataDir: target.dataDir });
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      throw new CliError(
        `the data directory ${target.dataDir} is in use by a running Lockstep server (pid ${err.pid}), ` +
          'and the embedded database allows one process at a time.\n' +
          `${command === 'check' ? 'Check' : 'Run it'} through that server instead (as an admin):\n` +
          `  npm run lockstep -- ${command} --server ${io.env.LOCKSTEP_URL || `http://localhost:${io.env.PORT || 3000}`}`,
      );
    }
    throw err;
  }
}

/** The connection string without its password. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
