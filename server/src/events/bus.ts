import type { Db } from '../db/db.js';
import type { Logger } from '../logger.js';
import { eventsAfter, type StoredEvent } from '../repos/events.js';
import { onEventsCommitted } from './committed.js';
import { notificationSource, type NotificationSource } from './listener.js';
import { Sequencer } from './sequencer.js';

/** One reader of one document's events (an open event stream). */
export interface Subscriber {
  /** The newest event this reader has been given; only later ones are delivered. */
  cursor: number;
  /** Called with events in order, each batch after `cursor`. */
  deliver(events: StoredEvent[]): void;
  /** The bus is shutting down. */
  end(): void;
}

interface Feed {
  subscribers: Set<Subscriber>;
  pumping: boolean;
  again: boolean;
}

const BATCH = 500;
const RETRY_AFTER_ERROR_MS = 1_000;

/**
 * Delivers each document's numbered events to its readers in this process, and numbers the
 * events this process commits (the `Sequencer`, 004_events.sql; once listening, also what
 * the safety sweep finds). Readers never
 * get an event from the notification itself: a notification (or a resync) only wakes the
 * document's feed, which reads the events after its slowest reader's cursor from the table,
 * one read at a time per document. So replay after `Last-Event-ID`, live delivery and the
 * catch-up after a lost listening session are one code path, and nothing is skipped when
 * notifications are lost or arrive out of order.
 *
 * The notification source starts with the first reader (or `start()`) and stops on `close()`,
 * so an app that never streams opens no extra database session.
 */
export class LiveEvents {
  private readonly feeds = new Map<string, Feed>();
  private source: NotificationSource | undefined;
  private starting: Promise<void> | undefined;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly sequencer: Sequencer;
  private readonly stopHearingCommits: () => void;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {
    this.sequencer = new Sequencer(db, logger, (documentId, lastSeq) => this.numbered(documentId, lastSeq));
    // From the first moment, listening or not: this process numbers the events it commits
    // (through the pool; no session of its own), and the other processes hear the NOTIFY.
    this.stopHearingCommits = onEventsCommitted(db, (documentId) => void this.sequencer.request(documentId));
  }

  /** Starts listening for notifications (idempotent). */
  start(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.starting ??= (async () => {
      this.source = notificationSource(this.db, { notify: (p) => this.notified(p), resync: () => this.resync() }, this.logger);
      if (!this.source) this.logger.warn('live events: this database gives no notifications; streams only replay');
      this.sequencer.startSweeping();
      await this.source?.start();
    })().catch((err: unknown) => {
      // In-process listening failed (the database is closing or down): the next reader retries.
      this.logger.warn({ err: { message: (err as Error).message } }, 'live events: could not start listening');
      this.starting = undefined;
    });
    return this.starting;
  }

  /** Adds a reader; everything after its cursor is delivered, the backlog first. Returns the unsubscribe. */
  subscribe(documentId: string, subscriber: Subscriber): () => void {
    if (this.closed) {
      subscriber.end();
      return () => undefined;
    }
    let feed = this.feeds.get(documentId);
    if (!feed) {
      feed = { subscribers: new Set(), pumping: false, again: false };
      this.feeds.set(documentId, feed);
    }
    feed.subscribers.add(subscriber);
    void this.start().then(() => this.pump(documentId));
    return () => {
      const f = this.feeds.get(documentId);
      if (!f) return;
      f.subscribers.delete(subscriber);
      if (f.subscribers.size === 0 && !f.pumping) this.feeds.delete(documentId);
    };
  }

  /** How many readers are connected (all documents). */
  get readers(): number {
    let n = 0;
    for (const f of this.feeds.values()) n += f.subscribers.size;
    return n;
  }

  private notified(payload: string): void {
    const at = payload.lastIndexOf(':');
    this.numbered(payload.slice(0, at), Number(payload.slice(at + 1)));
  }

  /** The document's events were numbered up to `seq` (here or in another process). */
  private numbered(documentId: string, seq: number): void {
    const feed = this.feeds.get(documentId);
    if (!feed) return;
    // A notification for an event every reader already has (delivered by an earlier read).
    if (Number.isFinite(seq) && [...feed.subscribers].every((s) => s.cursor >= seq)) return;
    void this.pump(documentId);
  }

  /** After a (re)connect: number what waits (its notifications went to nobody) and feed every reader. */
  private resync(): void {
    void this.sequencer.sweep(0);
    for (const documentId of this.feeds.keys()) void this.pump(documentId);
  }

  /** Reads and delivers what the document's readers are missing; one read at a time per document. */
  private async pump(documentId: string): Promise<void> {
    const feed = this.feeds.get(documentId);
    if (!feed || this.closed) return;
    if (feed.pumping) {
      feed.again = true;
      return;
    }
    feed.pumping = true;
    try {
      do {
        feed.again = false;
        if (feed.subscribers.size === 0) break;
        const from = Math.min(...[...feed.subscribers].map((s) => s.cursor));
        const batch = await eventsAfter(this.db, documentId, from, BATCH);
        if (this.closed) return;
        for (const s of feed.subscribers) {
          const fresh = batch.filter((e) => e.seq > s.cursor);
          if (fresh.length === 0) continue;
          s.cursor = fresh[fresh.length - 1].seq;
          s.deliver(fresh);
        }
        if (batch.length === BATCH) feed.again = true;
      } while (feed.again);
    } catch (err) {
      // The database is unreachable: try again shortly (the readers stay connected).
      this.logger.warn({ err: { message: (err as Error).message }, documentId }, 'live events: could not read events');
      this.retryTimer ??= setTimeout(() => {
        this.retryTimer = undefined;
        this.resync();
      }, RETRY_AFTER_ERROR_MS);
    } finally {
      feed.pumping = false;
      if (feed.subscribers.size === 0 && this.feeds.get(documentId) === feed) this.feeds.delete(documentId);
    }
  }

  /** Ends every reader and stops listening. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const feed of this.feeds.values()) for (const s of feed.subscribers) s.end();
    this.feeds.clear();
    this.stopHearingCommits();
    await this.starting;
    await this.sequencer.close();
    await this.source?.stop();
  }
}
