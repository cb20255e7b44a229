import { existsSync } from 'node:fs';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import type { Config } from './config.js';
import type { Db } from './db/db.js';
import { LiveEvents } from './events/bus.js';
import { OpenStreams } from './events/streams.js';
import { accessLog } from './http/accessLog.js';
import { authenticate, sameOriginWrites } from './http/auth.js';
import { errorMiddleware, notFoundApi, wellFormedPath } from './http/errors.js';
import { RouteTable } from './http/routeTable.js';
import type { Logger } from './logger.js';
import { configureParsePool } from './parsing/pool.js';
import { accountRoutes } from './routes/accounts.js';
import { commentRoutes } from './routes/comments.js';
import { glossaryRoutes } from './routes/glossary.js';
import { adminRoutes } from './routes/admin.js';
import { documentRoutes } from './routes/documents.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { alignmentRoutes } from './routes/alignment.js';
import { markdownRoutes, siteRoutes } from './routes/markdown.js';
import { machineTranslationRoutes } from './routes/machineTranslation.js';
import { memoryRoutes } from './routes/memory.js';
import { MachineTranslation } from './mt/machineTranslation.js';
import { openApiRoutes } from './routes/openapi.js';
import { qaRoutes } from './routes/qa.js';
import { revisionRoutes } from './routes/revisions.js';
import { timelineRoutes } from './routes/timeline.js';
import { xliffRoutes } from './routes/xliff.js';
import { translationRoutes } from './routes/translations.js';
import { visitRoutes } from './routes/visits.js';
import { inboxRoutes } from './routes/inbox.js';
import { myWorkRoutes } from './routes/myWork.js';
import { webhookRoutes } from './routes/webhooks.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';
import { memoryIndexer, type MemoryIndexer } from './services/memoryIndexer.js';
import { statisticsKeeper, type StatisticsKeeper } from './services/statistics.js';

export interface AppDeps {
  db: Db;
  config: Config;
  logger: Logger;
  /** Live event streams; tests shorten the heartbeat (default 20 s) and the sign-in recheck (default 5 s). */
  events?: { heartbeatMs?: number; revalidateMs?: number };
}

export interface LockstepApp {
  app: Express;
  /** Every API route with its permission row (for the permission-table test). */
  routes: RouteTable;
  /** Live events of this process: `start()` listens at boot, otherwise the first stream starts it. */
  live: LiveEvents;
  /** The webhook delivery loop of this process: `start()` at boot (tests start it when they need it). */
  webhooks: WebhookDispatcher;
  /** The translation memory's background indexer of this process (started here; `idle()` waits for it). */
  memoryIndex: MemoryIndexer;
  statistics: StatisticsKeeper;
  /** Ends open event streams, the listening session, the webhook loop and the indexer's pass (before closing the server and the database). */
  close(): Promise<void>;
}

// The client is a static bundle with no inline scripts: everything else can be refused.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export function createApp({ db, config, logger, events }: AppDeps): LockstepApp {
  configureParsePool(config.parse, (err) => logger.error({ err }, 'a parse worker failed'));
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('etag', false);

  app.use(accessLog(logger));
  app.use(wellFormedPath);
  app.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    next();
  });
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use(cookieParser());
  app.use('/api', sameOriginWrites, authenticate(db));

  const routes = new RouteTable();
  healthRoutes(routes, db);
  openApiRoutes(routes);
  accountRoutes(routes, db, config);
  adminRoutes(routes, db);
  documentRoutes(routes, db);
  revisionRoutes(routes, db);
  timelineRoutes(routes, db);
  xliffRoutes(routes, db);
  markdownRoutes(routes, db);
  alignmentRoutes(routes, db);
  siteRoutes(routes, db);
  qaRoutes(routes, db);
  memoryRoutes(routes, db, { fuzzyMaxChars: config.memoryFuzzyMaxChars });
  machineTranslationRoutes(routes, db, new MachineTranslation(config.mt, logger));
  translationRoutes(routes, db);
  commentRoutes(routes, db);
  glossaryRoutes(routes, db);
  const live = new LiveEvents(db, logger);
  const streams = new OpenStreams(db, logger, events?.revalidateMs);
  eventRoutes(routes, db, live, streams, events);
  visitRoutes(routes, db);
  inboxRoutes(routes, db);
  myWorkRoutes(routes, db);
  webhookRoutes(routes, db, { allowPrivate: config.webhookAllowPrivate });
  routes.mount(app);
  const webhooks = new WebhookDispatcher(db, logger, {
    allowPrivate: config.webhookAllowPrivate,
    timeoutMs: config.webhookTimeoutMs,
    retryBaseMs: config.webhookRetryBaseMs,
    maxAttempts: config.webhookMaxAttempts,
    pollMs: config.webhookPollMs,
  });

  // Catches up at once on what a crash or an upgrade left unindexed, without holding up the start.
  const memoryIndex = memoryIndexer(db);
  memoryIndex.start(logger);
  // Plans made while the installation was small are made again as it grows (no autovacuum on PGlite).
  const statistics = statisticsKeeper(db, logger);
  statistics.start();

  app.use('/api', notFoundApi);
  serveClient(app, config.clientDir);
  app.use(errorMiddleware(logger));
  return {
    app,
    routes,
    live,
    webhooks,
    memoryIndex,
    statistics,
    close: async () => {
      streams.close();
      await Promise.all([live.close(), webhooks.stop(), memoryIndex.stop(), statistics.stop()]);
    },
  };
}

/** The built single-page client at `/`; every other non-API path falls back to its index.html. */
function serveClient(app: Express, clientDir: string): void {
  const index = path.join(clientDir, 'index.html');
  app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  // The build's own files are found above or not at all: a chunk missing (a deploy replaced it)
  // must fail to load, so the page that asked says so, rather than run index.html as script.
  app.use('/assets', (_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  app.get('/{*splat}', (_req, res) => {
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send('The web client is not built. Run `npm run build` (npm start does this for you).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
