/**
 * The one way the client talks to the server. The browser session is the HttpOnly cookie;
 * the CSRF token that cookie-authenticated writes need lives only in this module's memory.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The server's stable error code (design/api.md), or one of ours: `network`, `bad_response`. */
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** The whole error body: a 409 carries the server's `current` translation beside `error`. */
    readonly payload?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Any failure as an ApiError: what `request` and `fetchFile` throw already is one; anything else
 * thrown on the way (a bug, a browser refusal) is shown as a network problem with its text.
 */
export function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(0, 'network', String(err));
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: string | undefined;
let onSignedOut: ((error: ApiError) => void) | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when a request shows that the session has ended (expired or revoked elsewhere). */
export function onSessionEnded(handler: ((error: ApiError) => void) | undefined): void {
  onSignedOut = handler;
}

interface RequestOptions {
  body?: unknown;
  /** A body sent as it is (a file), with its media type, instead of JSON. */
  raw?: { body: Blob | string; type: string };
  /** A multipart form (files); the browser writes its Content-Type with the boundary. */
  form?: FormData;
  signal?: AbortSignal;
  /** 401 is an expected answer here (sign-in, the first "who am I"), not a lost session. */
  expectUnauthenticated?: boolean;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.raw) headers['Content-Type'] = options.raw.type;
  if (WRITES.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.form ?? (options.raw ? options.raw.body : options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }

  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    if (payload === undefined) throw new ApiError(response.status, 'bad_response', `${method} ${path}: no JSON body`);
    return payload as T;
  }
  const error = errorFrom(response.status, payload);
  if (response.status === 401 && !options.expectUnauthenticated) onSignedOut?.(error);
  throw error;
}

function errorFrom(status: number, payload: unknown): ApiError {
  const error = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (error && typeof error.code === 'string') {
    const message = typeof error.message === 'string' ? error.message : error.code;
    return new ApiError(status, error.code, message, error.details, payload);
  }
  return new ApiError(status, 'bad_response', `HTTP ${status}`, undefined, payload);
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, { signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
};

/**
 * A file the API sends (XLIFF, a zip), fetched with the session cookie so that a refusal comes
 * back as the usual error instead of a downloaded error page.
 */
export async function fetchFile(path: string): Promise<{ blob: Blob; filename?: string; headers: Headers }> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin' });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  if (!response.ok) {
    const error = errorFrom(response.status, await response.json().catch(() => undefined));
    if (response.status === 401) onSignedOut?.(error);
    throw error;
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1];
  return { blob: await response.blob(), filename, headers: response.headers };
}

/** Builds `/api/…` paths from parts, encoding each one. */
export function apiPath(parts: readonly (string | number)[], query?: Record<string, string>): string {
  const path = '/api/' + parts.map((p) => encodeURIComponent(String(p))).join('/');
  const search = query ? new URLSearchParams(query).toString() : '';
  return search ? `${path}?${search}` : path;
}
