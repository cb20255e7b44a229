import { LockstepError } from '@lockstep/shared';
import type { Queryable } from '../db/db.js';
import type { Logger } from '../logger.js';
import { liveTokenIds } from '../repos/authTokens.js';

/** Live-event streams one user may hold open in one server process (a tab each, and then some). */
export const MAX_STREAMS_PER_USER = 20;
/** How often each process asks the database whether its streams' sign-ins are still valid. */
export const DEFAULT_REVALIDATE_MS = 5_000;

interface Held {
  tokenId: number;
  close(): void;
}

/**
 * The open event streams of this process, by user. A stream is authorised once, when it
 * opens; afterwards sign-out, a revoked token or a deactivated user are only known to the
 * database (and may be decided in another process), so every `revalidateMs` one query asks
 * which of the held tokens are still live, and the streams of the others are closed.
 */
export class OpenStreams {
  private readonly byUser = new Map<number, Set<Held>>();
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(
    private readonly db: Queryable,
    private readonly logger: Logger,
    private readonly revalidateMs = DEFAULT_REVALIDATE_MS,
  ) {}

  /** Registers a stream about to open, or refuses it (429) when the user holds the maximum. Returns the release. */
  admit(userId: number, tokenId: number, close: () => void): () => void {
    let held = this.byUser.get(userId);
    if ((held?.size ?? 0) >= MAX_STREAMS_PER_USER) {
      throw new LockstepError(
        'rate_limited',
        'too_many_streams',
        `You already have ${MAX_STREAMS_PER_USER} live-update connections open. Close some tabs or windows of Lockstep and try again.`,
        { retryAfterSeconds: 10, limit: MAX_STREAMS_PER_USER },
      );
    }
    if (!held) this.byUser.set(userId, (held = new Set()));
    const entry: Held = { tokenId, close };
    held.add(entry);
    this.timer ??= setInterval(() => void this.revalidate(), this.revalidateMs).unref();
    return () => {
      held.delete(entry);
      if (held.size === 0 && this.byUser.get(userId) === held) this.byUser.delete(userId);
      if (this.byUser.size === 0) this.stopTimer();
    };
  }

  /** Closes the streams whose token the database no longer accepts. */
  async revalidate(): Promise<void> {
    if (this.checking || this.byUser.size === 0) return;
    this.checking = true;
    try {
      const all = [...this.byUser.values()].flatMap((held) => [...held]);
      const live = new Set(await liveTokenIds(this.db, [...new Set(all.map((h) => h.tokenId))]));
      for (const h of all) if (!live.has(h.tokenId)) h.close();
    } catch (err) {
      // The database is unreachable: nothing is known to be revoked; ask again next round.
      this.logger.warn({ err: { message: (err as Error).message } }, 'live events: could not recheck stream sign-ins');
    } finally {
      this.checking = false;
    }
  }

  close(): void {
    this.stopTimer();
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
