import { EngineError } from './engine.js';

/** An engine's answer larger than this is refused: a sentence's translation is a few kilobytes. */
const MAX_ANSWER_BYTES = 1 << 20;

export interface EngineCall {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/**
 * One HTTP call to an engine, its JSON answer parsed. Redirects are refused (an engine URL is
 * the administrator's, and a redirect would carry an API key elsewhere); a non-2xx answer is
 * an `EngineError` with the engine's own message when it sent one. `signal` carries the
 * time limit and the caller's departure.
 */
export async function callEngine(url: URL, call: EngineCall, signal: AbortSignal): Promise<unknown> {
  const res = await fetch(url, { method: call.method, headers: { Accept: 'application/json', ...call.headers }, body: call.body, redirect: 'error', signal });
  const text = await readLimited(res);
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new EngineError(`${url.pathname} answered ${res.status} with a body that is not JSON`);
  }
  if (!res.ok) throw new EngineError(`${url.pathname} answered ${res.status}${messageOf(body)}`);
  return body;
}

function messageOf(body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const b = body as Record<string, unknown>;
  const m = b.message ?? b.error ?? b.responseDetails;
  return typeof m === 'string' ? `: ${m.slice(0, 200)}` : '';
}

async function readLimited(res: Response): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > MAX_ANSWER_BYTES) {
    await res.body?.cancel();
    throw new EngineError(`answer of ${declared} bytes is over the limit`);
  }
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_ANSWER_BYTES) throw new EngineError('answer over the size limit');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `base` with `path` appended to its own path (a base URL may carry a prefix: `https://host/mt/`). */
export function endpoint(base: string, path: string, query?: Record<string, string>): URL {
  const url = new URL(base);
  url.pathname = url.pathname.replace(/\/+$/, '') + path;
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
  return url;
}

/** A string field of an object, or an `EngineError` naming what was missing. */
export function stringField(value: unknown, field: string, where: string): string {
  const v = value && typeof value === 'object' ? (value as Record<string, unknown>)[field] : undefined;
  if (typeof v !== 'string') throw new EngineError(`${where} has no "${field}" text`);
  return v;
}
