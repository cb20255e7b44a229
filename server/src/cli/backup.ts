import { createReadStream, createWriteStream, existsSync, readdirSync, rmSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openDb } from '../db/db.js';
import { writeBackup } from '../services/backup.js';
import { BackupFileError, verifyBackupFile } from '../services/backupFormat.js';
import { checkConsistency } from '../services/consistency.js';
import { restoreBackup, RestoreTargetError } from '../services/restore.js';
import { describeReport } from './check.js';
import { CliError, CONNECTION_OPTIONS, CONNECTION_USAGE, parseOptions, required, UsageError, type Command } from './command.js';
import { clientFor } from './http.js';
import { describeTarget, localTarget, openExistingDb, type LocalTarget } from './localDb.js';

const TARGET_OPTIONS = {
  database: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

const TARGET_USAGE = [
  'Database (without --server):',
  '  --database URL   a PostgreSQL database (default: $DATABASE_URL)',
  '  --data-dir DIR   an embedded database directory (default: $LOCKSTEP_DATA_DIR, else ./data)',
].join('\n');

export const backupCommand: Command = {
  name: 'backup',
  summary: 'write a consistent snapshot of the whole database to a file',
  usage: [
    'Usage: npm run lockstep -- backup --out FILE [--server URL | --database URL | --data-dir DIR] [--force]',
    '',
    'Writes every table of one consistent snapshot (a REPEATABLE READ transaction: saves made',
    'while it runs are wholly in it or not at all) to FILE, gzip-compressed. The same file',
    'restores into the embedded database or PostgreSQL (`lockstep restore`).',
    '',
    'With --server it asks that server (GET /api/admin/backup, an admin token): the way to back',
    'up the embedded database while the server runs, since only that process may open it.',
    'Without it, it opens the database itself (PostgreSQL, or an embedded directory no server holds).',
    '',
    '  --out FILE   where to write (refused if it exists, unless --force)',
    '',
    TARGET_USAGE,
    '',
    CONNECTION_USAGE,
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { ...CONNECTION_OPTIONS, ...TARGET_OPTIONS, out: { type: 'string' }, force: { type: 'boolean' } });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const out = path.resolve(io.cwd, required(values.out, 'out'));
    if (existsSync(out) && !values.force) throw new CliError(`${out} already exists; choose another file or pass --force to replace it`);
    // Written beside the target and renamed when complete: FILE is never a partial backup.
    const partial = `${out}.partial`;
    try {
      if (values.server !== undefined) {
        const res = await clientFor(values, io).send('GET', '/api/admin/backup', {});
        if (!res.body) throw new CliError('the server sent an empty answer');
        await pipeline(Readable.fromWeb(res.body as never), createWriteStream(partial));
      } else {
        const target = localTarget(io, { database: values.database, dataDir: values['data-dir'] });
        const db = await openExistingDb(io, 'backup', target);
        try {
          await writeBackup(db, createWriteStream(partial));
        } finally {
          await db.close();
        }
      }
      const { tables, rows } = await verifyBackupFile(createReadStream(partial));
      await rename(partial, out);
      io.stdout.write(`wrote ${out}: ${tables} tables, ${rows.toLocaleString('en')} rows\n`);
      return 0;
    } catch (err) {
      await rm(partial, { force: true });
      if (err instanceof BackupFileError) throw new CliError(`the backup could not be completed: ${err.message}`);
      throw err;
    }
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'fill an empty database or data directory from a backup file',
  usage: [
    'Usage: npm run lockstep -- restore FILE [--database URL | --data-dir DIR]',
    '',
    'Restores a file written by `lockstep backup` into an EMPTY target: a new PostgreSQL',
    'database (createdb) or an empty or missing data directory. A target that holds data is',
    'refused and left alone. Every table is read back and compared with the row count and',
    'content hash recorded in the backup; then the consistency check runs. Start the server on',
    'the target afterwards (it applies any newer migrations).',
    '',
    TARGET_USAGE,
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseOptions(args, TARGET_OPTIONS);
    if (positionals.length !== 1) throw new UsageError(positionals.length ? `one backup file, not ${positionals.length}` : 'name the backup file to restore');
    const file = path.resolve(io.cwd, positionals[0]);
    if (!existsSync(file)) throw new CliError(`${file} does not exist`);
    const target = localTarget(io, { database: values.database, dataDir: values['data-dir'] });
    const emptyDir = refuseNonEmptyDir(target);
    // A foreign or cut-off file is refused before the target is touched (an embedded one would
    // be created first, which takes seconds).
    try {
      await verifyBackupFile(createReadStream(file));
    } catch (err) {
      if (err instanceof BackupFileError) throw new CliError(`nothing was restored: ${err.message}`);
      throw err;
    }
    const db = target.databaseUrl ? await openDb({ url: target.databaseUrl, poolSize: 1 }) : await openDb({ dataDir: target.dataDir });
    let ok = false;
    try {
      const summary = await restoreBackup(db, createReadStream(file));
      const report = await checkConsistency(db);
      io.stdout.write(`restored ${summary.tables} tables, ${summary.rows.toLocaleString('en')} rows into ${describeTarget(target)}; every table's content hash equals the backup's\n`);
      io.stdout.write(`${describeReport(report, describeTarget(target))}\n`);
      ok = report.ok;
      return ok ? 0 : 1;
    } catch (err) {
      if (err instanceof BackupFileError || err instanceof RestoreTargetError) throw new CliError(`nothing was restored: ${err.message}`);
      throw err;
    } finally {
      await db.close();
      // After a failure the directory holds a half-built database: empty it again, so the
      // next attempt (with another file) finds it as the user gave it.
      if (!ok && emptyDir) for (const entry of readdirSync(target.dataDir)) rmSync(path.join(target.dataDir, entry), { recursive: true, force: true });
    }
  },
};

/** An embedded target must be missing or empty (true); PostgreSQL is checked by the restore itself (false). */
function refuseNonEmptyDir(target: LocalTarget): boolean {
  if (target.databaseUrl) return false;
  if (!existsSync(target.dataDir)) return true;
  const entries = readdirSync(target.dataDir);
  if (entries.length) {
    throw new CliError(
      `nothing was restored: ${target.dataDir} is not empty (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}); restore into an empty or new directory (--data-dir DIR)`,
    );
  }
  return true;
}
