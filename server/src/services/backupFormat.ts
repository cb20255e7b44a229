import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Queryable } from '../db/db.js';
import * as repo from '../repos/backup.js';

/**
 * The backup file: gzip of one JSON value per line.
 *
 *   ["lockstep-backup", 1, {createdAt, source, migrations}]     header
 *   ["table", name]                                            then its rows:
 *   {…}                                                        one row: the jsonb text of the row
 *   ["end-table", name, rowCount, contentHash]
 *   ["sequence", name, lastValue, isCalled]
 *   ["end", {tables, rows}]                                    a file without it was cut off
 *
 * Control lines are arrays and rows objects, so no row can pass for a control line. The same
 * format comes from PGlite and PostgreSQL and goes into either (a way to move an embedded
 * installation onto a PostgreSQL server).
 */
export const BACKUP_MAGIC = 'lockstep-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupHeader {
  createdAt: string;
  source: 'pglite' | 'postgres';
  /** The migrations the backed-up schema had: a restore builds exactly that schema. */
  migrations: string[];
}

export interface BackupSummary {
  tables: number;
  rows: number;
  /** Per table: rows and content hash, as computed in the snapshot. */
  contents: Record<string, TableContent>;
}

export interface TableContent {
  rows: number;
  hash: string;
}

const MOD = 1n << 256n;

/**
 * An order-independent hash of a table's rows: the sum of the rows' SHA-256 values modulo
 * 2^256. A cursor returns rows in any order, and a restored table is read back in another;
 * the sum does not care, while a changed, missing or extra row changes it.
 */
export class TableHasher {
  private sum = 0n;
  rows = 0;

  add(rowText: string): void {
    this.sum = (this.sum + BigInt(`0x${createHash('sha256').update(rowText).digest('hex')}`)) % MOD;
    this.rows++;
  }

  digest(): string {
    return this.sum.toString(16).padStart(64, '0');
  }
}

const FETCH_ROWS = 1000;

/**
 * Reads every row of `table` through a cursor and returns its count and content hash: what a
 * backup records per table (`each` writes the row out) and what a restore reads back to compare.
 */
export async function hashTableRows(tx: Queryable, table: string, cursor: string, each?: (row: string) => Promise<void>): Promise<TableContent> {
  const hasher = new TableHasher();
  await repo.openRowCursor(tx, cursor, table);
  for (;;) {
    const rows = await repo.fetchRows(tx, cursor, FETCH_ROWS);
    for (const row of rows) {
      hasher.add(row);
      if (each) await each(row);
    }
    if (rows.length < FETCH_ROWS) break;
  }
  await repo.closeCursor(tx, cursor);
  return { rows: hasher.rows, hash: hasher.digest() };
}

/** A backup file that cannot be restored: the message says why. */
export class BackupFileError extends Error {}

/**
 * Reads a whole backup file without a database: the tables and rows it holds, and whether it
 * is complete (ends with its end line). A download cut off by the network fails here.
 */
export async function verifyBackupFile(input: NodeJS.ReadableStream): Promise<{ tables: number; rows: number; header: BackupHeader }> {
  const gunzip = createGunzip();
  const damaged = (err: Error) => new BackupFileError(`the file is not a Lockstep backup, or it is damaged (${err.message})`);
  // Both the pipeline and the line reader report a broken gzip stream: the first report wins.
  const piped = pipeline(input, gunzip);
  piped.catch(() => undefined);
  let header: BackupHeader | undefined;
  let tables = 0;
  let rows = 0;
  let ended = false;
  try {
    for await (const line of createInterface({ input: gunzip, crlfDelay: Infinity })) {
      if (line.startsWith('{')) {
        rows++;
        continue;
      }
      let v: unknown[];
      try {
        v = JSON.parse(line) as unknown[];
      } catch {
        throw new BackupFileError(header ? 'a line of the backup is damaged' : 'the file is not a Lockstep backup (its first line is not a backup header)');
      }
      if (!header) {
        if (v[0] !== BACKUP_MAGIC) throw new BackupFileError('the file is not a Lockstep backup');
        header = v[2] as BackupHeader;
      } else if (v[0] === 'end-table') tables++;
      else if (v[0] === 'end') ended = true;
    }
    await piped;
  } catch (err) {
    gunzip.destroy();
    throw err instanceof BackupFileError ? err : damaged(err as Error);
  }
  if (!header) throw new BackupFileError('the file is empty');
  if (!ended) throw new BackupFileError(`the backup is incomplete after ${tables} tables and ${rows} rows (it has no end line)`);
  return { tables, rows, header };
}
