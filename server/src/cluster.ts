import cluster, { type Worker } from 'node:cluster';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { demoBanner, prepareDatabase } from './startup.js';

// Workers get SIGTERM and then this long to finish their requests (each forces its own exit at 10 s).
const STOP_GRACE_MS = 12_000;

/**
 * The primary of `LOCKSTEP_WORKERS` server processes sharing one port (node:cluster hands
 * each connection to a worker in turn). One Node.js process is one core: on PostgreSQL a
 * second process lets the server use the machine's second core.
 *
 * Nothing a request depends on lives in one process only: sessions, sign-in limits and
 * dashboard stamps are in the database, and live events travel through LISTEN/NOTIFY. The
 * primary serves no requests: it migrates and seeds once before forking (so workers never
 * race to), replaces a worker that dies after it was serving, and stops them all on
 * SIGTERM/SIGINT. A worker that dies before it ever listened (a bad configuration, a
 * database that refuses it) would only die again: then the whole group stops, exit 1.
 */
export async function superviseWorkers(config: Config, logger: Logger): Promise<void> {
  const { db, demoAvailable } = await prepareDatabase(config, logger);
  await db.close();

  const served = new WeakSet<Worker>();
  let stopping = false;
  let exitCode = 0;

  const stopAll = (code: number) => {
    exitCode = Math.max(exitCode, code);
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    if (workers.length === 0) process.exit(exitCode);
    for (const w of workers) w.process.kill('SIGTERM');
    const force = setTimeout(() => {
      logger.error('server processes took longer than 12 s to stop; killing them');
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
      process.exit(1);
    }, STOP_GRACE_MS);
    force.unref();
  };

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (code !== 0) exitCode = 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    if (!served.has(worker)) {
      logger.error({ pid: worker.process.pid, code, signal }, 'a server process failed to start; stopping');
      stopAll(1);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'a server process ended; starting another');
    const replacement = cluster.fork();
    replacement.once('listening', () => served.add(replacement));
  });
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));

  await Promise.all(
    Array.from(
      { length: config.workers },
      () =>
        new Promise<void>((resolve) => {
          const worker = cluster.fork();
          worker.once('listening', () => {
            served.add(worker);
            resolve();
          });
        }),
    ),
  );
  if (stopping) return;
  logger.info({ port: config.port, db: 'postgres', workers: config.workers }, 'Lockstep is listening');
  if (demoAvailable) process.stdout.write(`\n${demoBanner(config.port)}\n\n`);
}
