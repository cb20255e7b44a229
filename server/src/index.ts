import cluster from 'node:cluster';
import { createApp } from './app.js';
import { superviseWorkers } from './cluster.js';
import { ConfigError, dbOptions, loadConfig, type Config } from './config.js';
import { DataDirError } from './db/dataDir.js';
import { openDb, type Db } from './db/db.js';
import { DataDirLockedError } from './db/dirLock.js';
import { createAppServer, listen } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { lowerV8HelperThreads } from './parsing/helperThreads.js';
import { demoBanner, prepareDatabase } from './startup.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (config.workers > 1 && cluster.isPrimary) return superviseWorkers(config, logger);
  if (cluster.isWorker) {
    // The primary has migrated and seeded the database before forking: a worker only connects.
    return serve(config, logger, await openDb(dbOptions(config)), false);
  }
  const { db, demoAvailable } = await prepareDatabase(config, logger);
  return serve(config, logger, db, demoAvailable);
}

/** One server process: the app on the port until SIGTERM or SIGINT. */
async function serve(config: Config, logger: Logger, db: Db, demoAvailable: boolean): Promise<void> {
  // Before the first parse: the parse threads' garbage collection runs on these threads.
  if (config.v8HelpersNice > 0) {
    const lowered = lowerV8HelperThreads(config.v8HelpersNice);
    if (lowered.skipped) logger.warn({ reason: lowered.skipped }, "V8's helper threads keep the server's priority");
    else logger.debug({ tids: lowered.tids, nice: config.v8HelpersNice }, "V8's helper threads lowered");
  }
  const lockstep = createApp({ db, config, logger });
  const { app } = lockstep;
  // One listening session per process, held from the start so the first reader waits for nothing.
  await lockstep.live.start();
  lockstep.webhooks.start();

  const server = createAppServer(app);
  await listen(server, config.port, config.host);
  // Under a primary, the primary announces the whole group once every worker listens.
  if (!cluster.isWorker) {
    logger.info({ port: config.port, db: db.kind, dataDir: db.kind === 'pglite' ? config.dataDir : undefined }, 'Lockstep is listening');
    if (demoAvailable) process.stdout.write(`\n${demoBanner(config.port)}\n\n`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Finish requests in flight, then close the database so PGlite flushes to disk.
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close(async () => {
      try {
        await lockstep.close();
        await db.close();
        process.exit(0);
      } catch (err) {
        logger.error({ err }, 'error while closing the database');
        process.exit(1);
      }
    });
    // Open event streams would hold server.close() until the forced exit: end them now.
    void lockstep.close();
    server.closeIdleConnections();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** A listen error a person can fix (the port), said in one line instead of a stack trace. */
function listenProblem(err: unknown): string | undefined {
  const e = err as { code?: unknown; port?: unknown; address?: unknown };
  if (e?.code === 'EADDRINUSE') return `port ${e.port} on ${e.address} is already in use (EADDRINUSE): stop what uses it, or set PORT to a free port.`;
  if (e?.code === 'EACCES') return `not allowed to listen on port ${e.port} (EACCES): use a port above 1023, or set PORT.`;
  return undefined;
}

main().catch((err: unknown) => {
  const listen = listenProblem(err);
  if (err instanceof DataDirLockedError || err instanceof DataDirError || err instanceof ConfigError) {
    process.stderr.write(`lockstep: ${err.message}\n`);
  } else if (listen) {
    process.stderr.write(`lockstep: ${listen}\n`);
  } else {
    process.stderr.write(`lockstep: could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
