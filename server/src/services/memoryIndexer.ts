import type { Db } from '../db/db.js';
import type { Logger } from '../logger.js';
import { indexPendingMemory } from './memoryIndex.js';

/**
 * How long after a writer's signal the indexer starts: writes that come close together (a
 * burst of document creations, a publish, an import) are indexed in one pass, and the request
 * that wrote has answered before the pass begins. The fuzzy lag of a new text is this plus the
 * pass (about 1 s per 1,000 texts on the shared test machine); exact matches have no lag, since
 * the text's hash row is written in the writer's own transaction (migration 006's trigger).
 */
export const INDEX_DELAY_MS = 50;

/** How often a process looks for texts nobody indexed (another process crashed after its commit). */
export const INDEX_POLL_MS = 60_000;

/**
 * The memory's background indexer of one database handle (issue 19): writers of the memory
 * signal `memoryWritten(db)` after their commit, and this runs `indexPendingMemory` off their
 * request, one pass at a time per process (a signal during a pass runs one more pass after it).
 * Several processes on one PostgreSQL share the work: each pass claims its rows with
 * `FOR UPDATE SKIP LOCKED` (repos/memoryIndex.ts), so a text is indexed once and nobody waits.
 * Server start catches up on what a crash or an upgrade left (`start()` wakes it at once) without
 * holding up the start.
 */
export class MemoryIndexer {
  private timer: NodeJS.Timeout | undefined;
  private poll: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private users = 0;
  private logger: Pick<Logger, 'info' | 'warn'> | undefined;

  constructor(
    private readonly db: Db,
    /** The wait before a pass (tests lengthen it to look inside the lag; `idle()` ends it early). */
    public delayMs = INDEX_DELAY_MS,
  ) {}

  /** An app of this process uses the indexer: log through `logger`, look every `pollMs`, catch up now. */
  start(logger: Pick<Logger, 'info' | 'warn'>, pollMs = INDEX_POLL_MS): void {
    this.users++;
    this.logger = logger;
    if (!this.poll) {
      this.poll = setInterval(() => this.wake(), pollMs);
      this.poll.unref();
    }
    this.wake(0);
  }

  /** Asks for a pass after the delay (coalesced: one timer, one pass at a time). */
  wake(delayMs = this.delayMs): void {
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) {
      if (delayMs > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => this.run(), delayMs);
    this.timer.unref();
  }

  /** Resolves when no pass is waiting or running: every text written before the call is indexed (tests, the bench). */
  async idle(): Promise<void> {
    while (this.timer || this.running) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.run();
      }
      await this.running;
    }
  }

  /** An app closes: its last pass finishes; the poll stops when no app of this process uses the indexer. */
  async stop(): Promise<void> {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0) {
      clearInterval(this.poll);
      this.poll = undefined;
      clearTimeout(this.timer);
      this.timer = undefined;
      this.again = false;
    }
    await this.running;
  }

  private run(): void {
    this.timer = undefined;
    this.running = indexPendingMemory(this.db)
      .then((done) => {
        if (done.sources || done.stale) this.logger?.info(done, 'translation memory indexed');
      })
      // The writes stand; what is left stays pending for the next signal or poll.
      .catch((err: unknown) => this.logger?.warn({ err }, 'translation memory: indexing failed; trying again at the next write or poll'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }
}

/** One indexer per database handle, so two apps of one process on one database share it. */
const indexers = new WeakMap<object, MemoryIndexer>();

export function memoryIndexer(db: Db): MemoryIndexer {
  let indexer = indexers.get(db);
  if (!indexer) indexers.set(db, (indexer = new MemoryIndexer(db)));
  return indexer;
}

/**
 * Tells this process's indexer that memory texts have just COMMITTED on `db` (call it after
 * the commit): it indexes them shortly, off the request. No await: the writer's answer never
 * waits for the index.
 */
export function memoryWritten(db: Db): void {
  memoryIndexer(db).wake();
}
