import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Db, Queryable } from '../db/db.js';
import * as repo from '../repos/backup.js';
import { BACKUP_FORMAT_VERSION, BACKUP_MAGIC, hashTableRows, type BackupHeader, type BackupSummary } from './backupFormat.js';

/** Rows fetched per round trip: small enough to stream, large enough not to be chatty. */

/**
 * Writes a backup of the whole database to `out` (gzip, see backupFormat.ts) from one
 * REPEATABLE READ snapshot, so saves committed while it runs are either wholly in it or not
 * at all, on PGlite and PostgreSQL alike (pg_dump's guarantee, in a format both databases
 * read back). `out` is ended when the backup is complete; on an error it is destroyed, so a
 * reader never mistakes a partial file for a whole one (the end line would be missing anyway).
 */
export async function writeBackup(db: Db, out: Writable): Promise<BackupSummary> {
  const gzip = createGzip();
  gzip.pipe(out);
  const write = async (line: string): Promise<void> => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  try {
    const summary = await db.transaction(async (tx) => {
      await repo.beginSnapshot(tx);
      return writeSnapshot(tx, db.kind, write);
    });
    gzip.end();
    await once(out, 'finish');
    return summary;
  } catch (err) {
    gzip.destroy();
    out.destroy(err as Error);
    throw err;
  }
}

async function writeSnapshot(tx: Queryable, kind: Db['kind'], write: (line: string) => Promise<void>): Promise<BackupSummary> {
  const tables = await repo.tablesInDependencyOrder(tx);
  const header: BackupHeader = {
    createdAt: new Date().toISOString(),
    source: kind,
    migrations: await repo.appliedMigrations(tx),
  };
  await write(JSON.stringify([BACKUP_MAGIC, BACKUP_FORMAT_VERSION, header]));
  const summary: BackupSummary = { tables: tables.length, rows: 0, contents: {} };
  for (const table of tables) {
    await write(JSON.stringify(['table', table]));
    const content = await hashTableRows(tx, table, `backup_${table}`, write);
    summary.contents[table] = content;
    summary.rows += content.rows;
    await write(JSON.stringify(['end-table', table, content.rows, content.hash]));
  }
  for (const s of await repo.sequenceStates(tx)) await write(JSON.stringify(['sequence', s.name, s.lastValue, s.isCalled]));
  await write(JSON.stringify(['end', { tables: summary.tables, rows: summary.rows }]));
  return summary;
}

/**
 * `GET /api/admin/backup`: the backup streamed to `out`; `start` is called just before the
 * first byte (headers). PostgreSQL streams straight from the snapshot (other connections go
 * on working). PGlite has one connection, which the snapshot holds until the backup is read:
 * it is written to a temporary file first, so a slow download never holds up the editors.
 */
export async function streamBackup(db: Db, out: Writable, start: () => void): Promise<void> {
  if (db.kind === 'postgres') {
    start();
    await writeBackup(db, out);
    return;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'lockstep-backup-'));
  try {
    const file = path.join(dir, 'backup.gz');
    await writeBackup(db, createWriteStream(file));
    start();
    await pipeline(createReadStream(file), out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
