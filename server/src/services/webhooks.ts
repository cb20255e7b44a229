import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { notFound, unprocessable, type WebhookEvent } from '@lockstep/shared';
import type { Db } from '../db/db.js';
import * as webhooks from '../repos/webhooks.js';
import { refusedAddress } from '../webhooks/address.js';

export interface NewWebhook {
  url: string;
  events: WebhookEvent[];
  /** The HMAC key; generated when not given. */
  secret?: string;
}

/** Why a webhook URL cannot be used whatever it resolves to, or null. */
function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'The URL is not a valid absolute URL.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `Only http and https URLs can receive webhooks, not "${url.protocol.replace(/:$/, '')}".`;
  if (url.username || url.password) return 'Put credentials in the secret, not in the URL.';
  return null;
}

/**
 * Refuses at once what can never be sent: a scheme other than http(s), credentials in the URL,
 * and (unless private addresses are allowed) a host written as a private IP or `localhost`.
 * A name is only known to be safe when it is resolved, at delivery (webhooks/send.ts).
 */
function checkUrl(raw: string, allowPrivate: boolean): void {
  const problem = webhookUrlProblem(raw);
  if (problem) throw unprocessable('webhook_url', problem);
  if (allowPrivate) return;
  const host = new URL(raw).hostname.replace(/^\[(.*)\]$/, '$1');
  const why = isIP(host) ? refusedAddress(host) : /^localhost\.?$|\.localhost\.?$/i.test(host) ? `${host} is loopback` : null;
  if (why) throw unprocessable('webhook_address', `Webhooks are not sent to private addresses: ${why}. LOCKSTEP_WEBHOOK_ALLOW_PRIVATE=1 allows them.`);
}

/** Creates a webhook; the answer carries the secret, the only time it is shown. */
export async function createWebhook(db: Db, actorId: number, input: NewWebhook, opts: { allowPrivate: boolean }) {
  checkUrl(input.url, opts.allowPrivate);
  const secret = input.secret ?? randomBytes(24).toString('base64url');
  const id = await webhooks.insertWebhook(db, { url: input.url, secret, events: [...new Set(input.events)], createdBy: actorId });
  const created = await webhooks.findWebhook(db, id);
  return { ...created!, secret };
}

export function listWebhooks(db: Db) {
  return webhooks.listWebhooks(db);
}

export async function deleteWebhook(db: Db, id: number): Promise<void> {
  const deleted = await db.transaction((tx) => webhooks.deleteWebhook(tx, id));
  if (!deleted) throw notFound('webhook_not_found', `There is no webhook ${id}.`);
}

export async function webhookDeliveries(db: Db, id: number, limit: number) {
  const hook = await webhooks.findWebhook(db, id);
  if (!hook) throw notFound('webhook_not_found', `There is no webhook ${id}.`);
  return { webhook: hook, deliveries: await webhooks.listDeliveries(db, id, limit) };
}
