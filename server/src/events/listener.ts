import pg from 'pg';
import type { Db } from '../db/db.js';
import type { Logger } from '../logger.js';
import { EVENTS_CHANNEL } from '../repos/events.js';

/** What a notification source tells the bus. */
export interface NotificationHandlers {
  /** A NOTIFY payload on the events channel (`<document>:<seq>`). */
  notify(payload: string): void;
  /** Notifications may have been lost (a new listening session): number what waits and read the table again. */
  resync(): void;
}

export interface NotificationSource {
  start(): Promise<void>;
  stop(): Promise<void>;
}

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;

/**
 * PostgreSQL: one session of its own, outside the pool (a pooled connection would be handed
 * to other queries), LISTENing on the events channel. When the session is lost it reconnects
 * with backoff, LISTENs again and asks for a resync, since anything committed meanwhile was
 * notified to nobody.
 */
export class PgListener implements NotificationSource {
  private client: pg.Client | undefined;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private delay = RECONNECT_MIN_MS;
  /** Sessions already given up (ended, failed or lost). */
  private readonly gone = new WeakSet<pg.Client>();

  constructor(
    private readonly connectionString: string,
    private readonly handlers: NotificationHandlers,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  private async connect(): Promise<void> {
    this.retryTimer = undefined;
    if (this.stopped) return;
    // The name lets an operator (and the reconnect test) find this session in pg_stat_activity.
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'lockstep-events', keepAlive: true });
    client.on('notification', (m) => {
      if (m.channel === EVENTS_CHANNEL && m.payload) this.handlers.notify(m.payload);
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (err) {
      this.lost(client, err);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.delay = RECONNECT_MIN_MS;
    this.logger.debug('listening for live events');
    this.handlers.resync();
  }

  private lost(client: pg.Client, err?: unknown): void {
    // Several of error/end/a failed connect arrive for one loss; the first one acts.
    if (this.gone.has(client)) return;
    this.gone.add(client);
    if (this.client === client) this.client = undefined;
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.logger.warn({ err: err && { message: (err as Error).message } }, `live events: listening session lost; reconnecting in ${this.delay} ms`);
    this.retryTimer = setTimeout(() => void this.connect(), this.delay);
    this.delay = Math.min(this.delay * 2, RECONNECT_MAX_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const client = this.client;
    this.client = undefined;
    if (client) {
      this.gone.add(client);
      await client.end().catch(() => undefined);
    }
  }
}

/**
 * PGlite: one in-process session, so the LISTEN is an ordinary query and its notifications
 * come from the PGlite instance itself (they would not cross to another connection, G19).
 */
export class InProcessListener implements NotificationSource {
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly db: Db,
    private readonly subscribe: (fn: (channel: string, payload: string) => void) => () => void,
    private readonly handlers: NotificationHandlers,
  ) {}

  async start(): Promise<void> {
    this.unsubscribe ??= this.subscribe((channel, payload) => {
      if (channel === EVENTS_CHANNEL) this.handlers.notify(payload);
    });
    await this.db.query(`LISTEN ${EVENTS_CHANNEL}`);
    this.handlers.resync();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    // The database may already be closed; nothing is left to stop then.
    await this.db.query(`UNLISTEN ${EVENTS_CHANNEL}`).catch(() => undefined);
  }
}

export function notificationSource(db: Db, handlers: NotificationHandlers, logger: Logger): NotificationSource | undefined {
  const n = db.notifications;
  if (!n) return undefined;
  return n.kind === 'session' ? new PgListener(n.connectionString, handlers, logger) : new InProcessListener(db, n.subscribe, handlers);
}
