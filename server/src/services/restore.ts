import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Db, Queryable } from '../db/db.js';
import { loadMigrations, migrate } from '../db/migrate.js';
import * as repo from '../repos/backup.js';
import { BACKUP_FORMAT_VERSION, BACKUP_MAGIC, BackupFileError, hashTableRows, type BackupHeader, type BackupSummary } from './backupFormat.js';

/** The database to restore into is not empty (or has a newer schema): the message says what to do. */
export class RestoreTargetError extends Error {}

/** Rows per INSERT, and the most characters of row text one INSERT carries. */
const INSERT_ROWS = 500;
const INSERT_CHARS = 4_000_000;

type Lines = AsyncIterator<string>;

/**
 * Fills an empty database from a backup (backupFormat.ts): builds the backup's schema with
 * the migrations it names, then loads every row in one transaction with the tables' own
 * triggers off (the rows already hold what the triggers keep: progress counters, memory links),
 * sets the sequences, and reads each table back: its row count and content hash must equal
 * the ones taken in the backup's snapshot, or nothing is kept.
 */
export async function restoreBackup(db: Db, input: Readable): Promise<BackupSummary> {
  const gunzip = createGunzip();
  const failed = new Promise<never>((_, reject) => {
    gunzip.on('error', (err) => reject(new BackupFileError(`the file is not a Lockstep backup, or it is damaged (${err.message})`)));
    input.on('error', reject);
  });
  failed.catch(() => undefined);
  const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = (): Promise<IteratorResult<string>> => Promise.race([lines.next(), failed]);
  try {
    const header = await readHeader(next);
    const wanted = await prepareTarget(db, header);
    await migrate(db, wanted);
    return await db.transaction(async (tx) => {
      await tx.query('SET LOCAL statement_timeout = 0');
      await repo.clearMigrationRecords(tx);
      const tables = await repo.tablesInDependencyOrder(tx);
      for (const t of tables) await repo.setUserTriggers(tx, t, false);
      const summary = await loadRows(tx, new Set(tables), next);
      for (const t of tables) await repo.setUserTriggers(tx, t, true);
      return summary;
    });
  } finally {
    gunzip.destroy();
  }
}

async function readHeader(next: () => Promise<IteratorResult<string>>): Promise<BackupHeader> {
  const first = await next();
  let parsed: unknown;
  try {
    parsed = first.done ? undefined : JSON.parse(first.value);
  } catch {
    /* described below */
  }
  if (!Array.isArray(parsed) || parsed[0] !== BACKUP_MAGIC) throw new BackupFileError('the file is not a Lockstep backup (its first line is not a backup header)');
  if (parsed[1] !== BACKUP_FORMAT_VERSION) {
    throw new BackupFileError(`the backup has format version ${String(parsed[1])}; this Lockstep reads version ${BACKUP_FORMAT_VERSION}`);
  }
  const header = parsed[2] as BackupHeader;
  if (!header || !Array.isArray(header.migrations)) throw new BackupFileError('the backup header lists no migrations');
  return header;
}

/** The migrations to build the backup's schema with, once the target is known to be empty. */
async function prepareTarget(db: Db, header: BackupHeader) {
  const known = loadMigrations();
  const unknown = header.migrations.filter((m) => !known.some((k) => k.name === m));
  if (unknown.length) {
    throw new BackupFileError(`the backup was taken by a newer Lockstep (migrations ${unknown.join(', ')} are unknown here): restore it with that version or a later one`);
  }
  const applied = await repo.appliedMigrations(db);
  const newer = applied.filter((m) => !header.migrations.includes(m));
  const full = applied.length ? await repo.nonEmptyTables(db) : [];
  if (full.length) {
    throw new RestoreTargetError(`the target database is not empty (${full.join(', ')} hold rows): restore into a new, empty database or data directory`);
  }
  if (newer.length) {
    throw new RestoreTargetError(`the target database already has a newer schema (${newer.join(', ')}) than the backup: restore into a new, empty database`);
  }
  return known.filter((m) => header.migrations.includes(m.name));
}

async function loadRows(tx: Queryable, targetTables: Set<string>, next: () => Promise<IteratorResult<string>>): Promise<BackupSummary> {
  const summary: BackupSummary = { tables: 0, rows: 0, contents: {} };
  let table: string | undefined;
  let columns: string[] = [];
  let batch: string[] = [];
  let batchChars = 0;
  let lineNo = 1;
  const flush = async (): Promise<void> => {
    if (table && batch.length) await repo.insertRows(tx, table, columns, batch);
    batch = [];
    batchChars = 0;
  };
  for (let r = await next(); !r.done; r = await next()) {
    lineNo++;
    const line = r.value;
    if (line.startsWith('{')) {
      if (!table) throw new BackupFileError(`line ${lineNo}: a row outside any table`);
      batch.push(line);
      batchChars += line.length;
      if (batch.length >= INSERT_ROWS || batchChars >= INSERT_CHARS) await flush();
      continue;
    }
    const control = parseControl(line, lineNo);
    if (control[0] === 'table') {
      const name = String(control[1]);
      if (!targetTables.has(name)) throw new BackupFileError(`line ${lineNo}: the backup has a table "${name}" that its schema does not create`);
      table = name;
      columns = await repo.writableColumns(tx, name);
    } else if (control[0] === 'end-table') {
      await flush();
      if (!table || control[1] !== table) throw new BackupFileError(`line ${lineNo}: the end of a table that was not begun`);
      const content = await hashTableRows(tx, table, `restore_${table}`);
      if (content.rows !== control[2] || content.hash !== control[3]) {
        throw new BackupFileError(`table ${table}: ${content.rows} rows restored with hash ${content.hash.slice(0, 12)}…, the backup recorded ${String(control[2])} rows with ${String(control[3]).slice(0, 12)}…`);
      }
      summary.contents[table] = content;
      summary.tables++;
      summary.rows += content.rows;
      table = undefined;
    } else if (control[0] === 'sequence') {
      await repo.setSequence(tx, { name: String(control[1]), lastValue: String(control[2]), isCalled: control[3] === true });
    } else if (control[0] === 'end') {
      return summary;
    } else {
      throw new BackupFileError(`line ${lineNo}: unknown entry "${String(control[0])}"`);
    }
  }
  throw new BackupFileError(`the backup is incomplete: it ends ${table ? `inside table ${table}` : `after ${summary.tables} tables`} without its end line (was the download cut off?)`);
}

function parseControl(line: string, lineNo: number): unknown[] {
  try {
    const v: unknown = JSON.parse(line);
    if (Array.isArray(v)) return v;
  } catch {
    /* described below */
  }
  throw new BackupFileError(`line ${lineNo} of the backup is damaged`);
}

