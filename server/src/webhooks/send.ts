import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import http, { type RequestOptions } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { SIGNATURE_HEADER } from '@lockstep/shared';
import { refusedAddress } from './address.js';

export interface SendOptions {
  /** Send to loopback, private and link-local addresses too (LOCKSTEP_WEBHOOK_ALLOW_PRIVATE=1). */
  allowPrivate: boolean;
  /** The whole attempt, from resolving the name to the end of the answer. */
  timeoutMs: number;
  /** Aborts the attempt (the server is stopping). */
  signal?: AbortSignal;
}

export interface SendResult {
  /** The receiver's HTTP status, or null when there was no answer. */
  status: number | null;
  error: string | null;
}

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

class Refused extends Error {}

/**
 * Resolves the host now (at delivery, not when the URL was saved: DNS can change in between)
 * and checks every address it has; the connection then goes to the checked address only, so a
 * second lookup by the HTTP client cannot answer differently (DNS rebinding).
 */
async function checkedAddress(hostname: string, allowPrivate: boolean): Promise<{ address: string; family: number }> {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  const addresses = await lookup(host, { all: true, verbatim: true });
  if (addresses.length === 0) throw new Refused(`${host} has no address`);
  if (!allowPrivate) {
    for (const a of addresses) {
      const why = refusedAddress(a.address);
      if (why) throw new Refused(`refused: ${host} resolves to ${why} (LOCKSTEP_WEBHOOK_ALLOW_PRIVATE=1 allows it)`);
    }
  }
  return addresses[0];
}

/** One signed POST of `body` to `url`. Never throws: the outcome is in the result. Redirects are not followed. */
export async function sendWebhook(
  d: { url: string; secret: string; body: string; event: string; deliveryId: number },
  opts: SendOptions,
): Promise<SendResult> {
  const signal = opts.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(opts.timeoutMs)]) : AbortSignal.timeout(opts.timeoutMs);
  try {
    const url = new URL(d.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { status: null, error: `refused: scheme ${url.protocol}` };
    const pinned = await checkedAddress(url.hostname, opts.allowPrivate);
    const pinnedLookup: LookupFunction = (_host, options, callback) => {
      if (options.all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
      else callback(null, pinned.address, pinned.family);
    };
    const options: RequestOptions = {
      method: 'POST',
      lookup: pinnedLookup,
      signal,
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(d.body),
        'User-Agent': 'Lockstep-Webhooks',
        'X-Lockstep-Event': d.event,
        'X-Lockstep-Delivery': String(d.deliveryId),
        [SIGNATURE_HEADER]: signature(d.secret, d.body),
      },
    };
    const status = await new Promise<number>((resolve, reject) => {
      const req = (url.protocol === 'https:' ? https : http).request(url, options, (res) => {
        // The answer's body is of no use; read it to the end so the attempt ends with it.
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(d.body);
    });
    return { status, error: status >= 200 && status < 300 ? null : `HTTP ${status}` };
  } catch (err) {
    if (err instanceof Refused) return { status: null, error: err.message };
    if (signal.aborted && !opts.signal?.aborted) return { status: null, error: `no answer within ${opts.timeoutMs} ms` };
    const e = err as NodeJS.ErrnoException;
    return { status: null, error: e.code ? `${e.code}: ${e.message}` : e.message };
  }
}
