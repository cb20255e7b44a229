import type { Db } from '../db/db.js';
import type { Logger } from '../logger.js';
import { documentsWithPendingEvents, sequencePending } from '../repos/events.js';

/** How often the safety sweep looks for events nobody numbered (a lost notification, a failed run). */
const SWEEP_EVERY_MS = 2_000;
/** Younger events are left to the notification path, which is about to number them. */
const SWEEP_MIN_AGE_MS = 1_000;

interface Run {
  /** Asked again while running: one more run follows, whatever the number of requests. */
  again: boolean;
  done: Promise<void>;
}

/**
 * Runs the sequencer (repos/events.ts `sequencePending`) for this process: when a writer's
 * notification says a document has unnumbered events, after a (re)connect, and from a slow
 * sweep. Every process does this for every document; the counter row serializes them and a
 * run that finds its work done by another process costs one indexed read. Requests coalesce:
 * at most one run per document at a time here, plus one re-run if more requests arrived.
 */
export class Sequencer {
  private readonly runs = new Map<string, Run>();
  private sweepTimer: NodeJS.Timeout | undefined;
  /** The sweep in progress (one at a time). */
  private sweeping: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    /** Events of the document were numbered up to `lastSeq` (this process's readers can be fed at once). */
    private readonly numbered: (documentId: string, lastSeq: number) => void,
  ) {}

  /** Numbers the document's pending events soon; resolves when the run it joined has finished. */
  request(documentId: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    const current = this.runs.get(documentId);
    if (current) {
      current.again = true;
      return current.done;
    }
    const run: Run = { again: true, done: Promise.resolve() };
    this.runs.set(documentId, run);
    run.done = (async () => {
      try {
        while (run.again && !this.closed) {
          run.again = false;
          const lastSeq = await sequencePending(this.db, documentId);
          if (lastSeq !== undefined) this.numbered(documentId, lastSeq);
        }
      } catch (err) {
        // The database is unreachable or closing: the sweep (or the next reconnect) tries again.
        if (!this.closed) this.logger.warn({ err: { message: (err as Error).message }, documentId }, 'live events: could not number events');
      } finally {
        this.runs.delete(documentId);
      }
    })();
    return run.done;
  }

  /** Numbers every document's events older than `minAgeMs`, one document at a time (0 after a reconnect: all of them). */
  sweep(minAgeMs: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.sweeping ??= (async () => {
      try {
        for (const documentId of await documentsWithPendingEvents(this.db, minAgeMs)) await this.request(documentId);
      } catch (err) {
        if (!this.closed) this.logger.warn({ err: { message: (err as Error).message } }, 'live events: could not look for unnumbered events');
      } finally {
        this.sweeping = undefined;
      }
    })();
    return this.sweeping;
  }

  /** Starts the periodic safety sweep (idempotent); it never keeps the process alive. */
  startSweeping(): void {
    if (this.closed || this.sweepTimer) return;
    this.sweepTimer = setInterval(() => void this.sweep(SWEEP_MIN_AGE_MS), SWEEP_EVERY_MS);
    this.sweepTimer.unref();
  }

  /** Stops sweeping and waits for the runs in flight (before the database closes). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    await Promise.all([this.sweeping, ...[...this.runs.values()].map((r) => r.done)]);
  }
}
