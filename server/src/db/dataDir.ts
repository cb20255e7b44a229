import { existsSync, mkdirSync, statfsSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The embedded database's directory cannot be used; the message says what to change. */
export class DataDirError extends Error {}

// A fresh PGlite cluster takes ~25 MB before the first row; an existing one needs room for
// its WAL to grow. Refusing up front beats PGlite failing halfway through initdb.
const FRESH_MIN_FREE_MB = 64;
const EXISTING_MIN_FREE_MB = 16;

const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
};

function refuse(dir: string, err: unknown): never {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const why = WHY[code];
  if (!why) throw err;
  throw new DataDirError(
    `The data directory ${dir} cannot be written (${code}: ${why}). Give the user running Lockstep write access to it, free some space, or set LOCKSTEP_DATA_DIR to another folder.`,
  );
}

/**
 * Makes sure the data directory exists, is writable and has room, before PGlite or the lock
 * file touch it: a read-only, foreign-owned or full directory then fails at start with one
 * clear sentence instead of a stack trace from deep inside the WASM file system.
 */
export function prepareDataDir(dir: string): void {
  const fresh = !existsSync(path.join(dir, 'pg'));
  try {
    mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.write-probe.${process.pid}`);
    writeFileSync(probe, 'lockstep');
    unlinkSync(probe);
  } catch (err) {
    refuse(dir, err);
  }
  const fs = statfsSync(dir);
  const freeMb = (fs.bavail * fs.bsize) / 2 ** 20;
  const needMb = fresh ? FRESH_MIN_FREE_MB : EXISTING_MIN_FREE_MB;
  if (freeMb < needMb) {
    throw new DataDirError(
      `The disk holding the data directory ${dir} has ${freeMb.toFixed(1)} MB free; Lockstep needs at least ${needMb} MB ${fresh ? 'to create its database' : 'to run'}. Free some space or set LOCKSTEP_DATA_DIR to another disk.`,
    );
  }
}
