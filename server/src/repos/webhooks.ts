import type { WebhookEvent } from '@lockstep/shared';
import type { Queryable } from '../db/db.js';

export interface WebhookRow {
  id: number;
  url: string;
  events: WebhookEvent[];
  createdAt: Date;
  createdBy: string | null;
}

/** A delivery claimed for sending: the body exactly as stored, and what to sign it with. */
export interface ClaimedDelivery {
  id: number;
  webhookId: number;
  event: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
}

export interface DeliveryRow {
  id: number;
  event: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  createdAt: Date;
  deliveredAt: Date | null;
  nextAttemptAt: Date | null;
  payload: unknown;
  log: { attempt: number; status: number | null; error: string | null; durationMs: number; at: Date }[];
}

const COLUMNS = `w.id::int AS id, w.url, w.events, w.created_at AS "createdAt", u.name AS "createdBy"`;

export async function insertWebhook(db: Queryable, w: { url: string; secret: string; events: readonly string[]; createdBy: number }): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO webhooks (url, secret, events, created_by) VALUES ($1, $2, $3, $4) RETURNING id::int AS id`,
    [w.url, w.secret, w.events, w.createdBy],
  );
  return r.rows[0].id;
}

export async function listWebhooks(db: Queryable): Promise<WebhookRow[]> {
  const r = await db.query<WebhookRow>(
    `SELECT ${COLUMNS} FROM webhooks w LEFT JOIN users u ON u.id = w.created_by WHERE w.deleted_at IS NULL ORDER BY w.id`,
  );
  return r.rows;
}

export async function findWebhook(db: Queryable, id: number): Promise<WebhookRow | undefined> {
  const r = await db.query<WebhookRow>(
    `SELECT ${COLUMNS} FROM webhooks w LEFT JOIN users u ON u.id = w.created_by WHERE w.id = $1 AND w.deleted_at IS NULL`,
    [id],
  );
  return r.rows[0];
}

/** Deletes a webhook (its log stays) and gives up its pending deliveries. False if there was none. */
export async function deleteWebhook(tx: Queryable, id: number): Promise<boolean> {
  const r = await tx.query(`UPDATE webhooks SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL`, [id]);
  if (!r.rowCount) return false;
  await tx.query(`UPDATE webhook_outbox SET state = 'failed' WHERE webhook_id = $1 AND state = 'pending'`, [id]);
  return true;
}

/** Queues `body` for every webhook subscribed to `event` (inside the transaction of what it reports). */
export async function enqueue(tx: Queryable, event: WebhookEvent, body: string): Promise<number> {
  const r = await tx.query(
    `INSERT INTO webhook_outbox (webhook_id, event, body)
     SELECT id, $1, $2 FROM webhooks WHERE deleted_at IS NULL AND $1 = ANY (events)`,
    [event, body],
  );
  return r.rowCount ?? 0;
}

/**
 * Claims up to `limit` due deliveries for this process. SKIP LOCKED lets several processes
 * claim at once without waiting for or taking each other's rows; pushing `next_attempt_at`
 * by `leaseMs` keeps the rows this process is sending from being due elsewhere until the
 * attempt has had its time (a process that dies mid-send leaves them due again after it).
 */
export async function claimDue(db: Queryable, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const r = await db.query<ClaimedDelivery>(
    `UPDATE webhook_outbox o
        SET next_attempt_at = now() + $2 * interval '1 millisecond', attempts = o.attempts + 1
       FROM webhooks w
      WHERE w.id = o.webhook_id
        AND o.id IN (SELECT id FROM webhook_outbox
                      WHERE state = 'pending' AND next_attempt_at <= now()
                      ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING o.id::int AS id, o.webhook_id::int AS "webhookId", o.event, o.body, o.attempts, w.url, w.secret`,
    [limit, leaseMs],
  );
  return r.rows;
}

/** Logs one attempt and where the delivery stands after it: delivered, due again at `retryInMs`, or failed for good. */
export async function recordAttempt(
  tx: Queryable,
  a: { outboxId: number; attempt: number; status: number | null; error: string | null; durationMs: number; outcome: 'delivered' | 'failed' | { retryInMs: number } },
): Promise<void> {
  await tx.query(
    `INSERT INTO webhook_attempts (outbox_id, attempt, status, error, duration_ms) VALUES ($1, $2, $3, $4, $5)`,
    [a.outboxId, a.attempt, a.status, a.error, a.durationMs],
  );
  if (a.outcome === 'delivered' || a.outcome === 'failed') {
    await tx.query(
      `UPDATE webhook_outbox SET state = $2, delivered_at = CASE WHEN $2 = 'delivered' THEN now() END WHERE id = $1 AND state = 'pending'`,
      [a.outboxId, a.outcome],
    );
  } else {
    await tx.query(
      `UPDATE webhook_outbox SET next_attempt_at = now() + $2 * interval '1 millisecond' WHERE id = $1 AND state = 'pending'`,
      [a.outboxId, a.outcome.retryInMs],
    );
  }
}

/** A webhook's deliveries, newest first, each with its attempts (the delivery log). */
export async function listDeliveries(db: Queryable, webhookId: number, limit: number): Promise<DeliveryRow[]> {
  const r = await db.query<DeliveryRow & { body: string }>(
    `SELECT o.id::int AS id, o.event, o.state, o.attempts, o.created_at AS "createdAt", o.delivered_at AS "deliveredAt",
            CASE WHEN o.state = 'pending' THEN o.next_attempt_at END AS "nextAttemptAt", o.body,
            coalesce((SELECT jsonb_agg(jsonb_build_object('attempt', a.attempt, 'status', a.status, 'error', a.error,
                                                          'durationMs', a.duration_ms, 'at', a.at) ORDER BY a.attempt, a.id)
                        FROM webhook_attempts a WHERE a.outbox_id = o.id), '[]'::jsonb) AS log
       FROM webhook_outbox o WHERE o.webhook_id = $1 ORDER BY o.id DESC LIMIT $2`,
    [webhookId, limit],
  );
  return r.rows.map(({ body, ...row }) => ({ ...row, payload: JSON.parse(body) as unknown }));
}
