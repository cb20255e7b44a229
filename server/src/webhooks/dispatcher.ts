import type { Db } from '../db/db.js';
import type { Logger } from '../logger.js';
import { claimDue, recordAttempt, type ClaimedDelivery } from '../repos/webhooks.js';
import { onOutboxWritten } from './outboxSignal.js';
import { sendWebhook } from './send.js';

export interface DispatcherOptions {
  allowPrivate: boolean;
  /** One attempt's time limit (resolving, connecting, the answer). */
  timeoutMs: number;
  /** The wait after the first failed attempt; it doubles after each further one (capped at 6 h). */
  retryBaseMs: number;
  /** Attempts before a delivery is given up as failed. */
  maxAttempts: number;
  /** How often the outbox is looked at for rows other processes wrote or retries came due. */
  pollMs: number;
}

/** Deliveries one process sends at once: a receiver that hangs holds one of them, not the loop. */
const MAX_IN_FLIGHT = 8;
const MAX_BACKOFF_MS = 6 * 3600_000;

export function backoffMs(retryBaseMs: number, failedAttempts: number): number {
  return Math.min(MAX_BACKOFF_MS, retryBaseMs * 2 ** Math.max(0, failedAttempts - 1));
}

/**
 * The delivery loop of one server process: claims due outbox rows (repos/webhooks.ts, safe
 * with several processes), sends each outside any transaction, logs the attempt and schedules
 * the retry. Publishing and importing only write outbox rows; nothing here runs inside their
 * transactions or their requests, so a receiver that is slow, failing or gone costs them nothing.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private pumping: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly stopping = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly opts: DispatcherOptions,
  ) {}

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => this.wake(), this.opts.pollMs);
    this.timer.unref();
    this.unsubscribe = onOutboxWritten(this.db, () => this.wake());
    this.wake();
  }

  /** Looks for due rows now (coalesced: one look at a time, and one more if woken meanwhile). */
  wake(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump()
      .catch((err: unknown) => this.logger.warn({ err }, 'webhook outbox: could not claim deliveries; trying again at the next poll'))
      .finally(() => {
        this.pumping = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Resolves when nothing is being claimed or sent (tests). */
  async idle(): Promise<void> {
    while (this.pumping || this.inFlight.size) await Promise.all([this.pumping, ...this.inFlight]);
  }

  /** Ends the loop; attempts in flight are abandoned unrecorded and sent again after their lease by a live process. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.unsubscribe?.();
    for (const t of this.retryTimers) clearTimeout(t);
    this.stopping.abort();
    await Promise.all([this.pumping, ...this.inFlight]);
  }

  private async pump(): Promise<void> {
    // The lease outlasts an attempt's own time limit, so a live sender always records first.
    const leaseMs = 2 * this.opts.timeoutMs + 5_000;
    while (!this.stopped) {
      const room = MAX_IN_FLIGHT - this.inFlight.size;
      if (room <= 0) return; // a finishing delivery wakes the loop again
      const claimed = await claimDue(this.db, room, leaseMs);
      for (const d of claimed) {
        const p: Promise<void> = this.deliver(d)
          .catch((err: unknown) => this.logger.warn({ err, delivery: d.id }, 'webhook delivery: could not record the attempt; sent again after its lease'))
          .finally(() => {
            this.inFlight.delete(p);
            this.wake();
          });
        this.inFlight.add(p);
      }
      if (claimed.length < room) return;
    }
  }

  private async deliver(d: ClaimedDelivery): Promise<void> {
    const started = performance.now();
    const result = await sendWebhook(
      { url: d.url, secret: d.secret, body: d.body, event: d.event, deliveryId: d.id },
      { allowPrivate: this.opts.allowPrivate, timeoutMs: this.opts.timeoutMs, signal: this.stopping.signal },
    );
    if (this.stopped) return;
    const durationMs = Math.round(performance.now() - started);
    const delivered = result.error === null;
    const retryInMs = backoffMs(this.opts.retryBaseMs, d.attempts);
    const outcome = delivered ? 'delivered' : d.attempts >= this.opts.maxAttempts ? 'failed' : { retryInMs };
    await this.db.transaction((tx) => recordAttempt(tx, { outboxId: d.id, attempt: d.attempts, status: result.status, error: result.error, durationMs, outcome }));
    const log = { delivery: d.id, webhook: d.webhookId, event: d.event, attempt: d.attempts, status: result.status, durationMs };
    if (delivered) this.logger.info(log, 'webhook delivered');
    else this.logger.warn({ ...log, error: result.error, outcome: typeof outcome === 'string' ? outcome : `retry in ${retryInMs} ms` }, 'webhook delivery failed');
    if (typeof outcome === 'object') {
      const t = setTimeout(() => {
        this.retryTimers.delete(t);
        this.wake();
      }, retryInMs);
      t.unref();
      this.retryTimers.add(t);
    }
  }
}
