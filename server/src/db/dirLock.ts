import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface DirLock {
  release(): void;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The data directory ${dir} is in use by another Lockstep process (pid ${pid}). ` +
        `Stop that process first, or set LOCKSTEP_DATA_DIR to a different directory.`,
    );
    this.name = 'DataDirLockedError';
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else — still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
    return Number.isFinite(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An exclusive lock on a data directory, held by pid. The lock file is created
 * atomically (link of a fully written temp file, so no reader sees it half-written);
 * a lock whose process is gone (SIGKILL, power loss) is taken over, because a
 * plain pid file would otherwise block the restart after a crash (stack.md G34).
 */
export function acquireDirLock(dir: string): DirLock {
  const lockPath = path.join(dir, 'lockstep.lock');
  const tmpPath = path.join(dir, `.lockstep.lock.${process.pid}`);
  writeFileSync(tmpPath, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(tmpPath, lockPath);
        return {
          release() {
            if (readOwner(lockPath) === process.pid) {
              try {
                unlinkSync(lockPath);
              } catch {
                /* already gone */
              }
            }
          },
        };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const owner = readOwner(lockPath);
      if (owner !== undefined && processAlive(owner)) {
        throw new DataDirLockedError(dir, owner);
      }
      // Stale (its process is gone) or unreadable: remove it and try again.
      try {
        unlinkSync(lockPath);
      } catch {
        /* another process removed it first */
      }
    }
    throw new Error(`Could not lock the data directory ${dir}; try again.`);
  } finally {
    try {
      unlinkSync(tmpPath);
    } catch {
      /* ignore */
    }
  }
}
