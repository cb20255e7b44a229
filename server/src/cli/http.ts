import { CliError, UsageError, type CliIo } from './command.js';

/** An error answer of the server, with its stable code (api.md "Conventions"). */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly serverMessage: string,
    readonly details?: unknown,
  ) {
    super(`${serverMessage} (${code}, HTTP ${status})${hintFor(status)}`);
    this.name = 'ApiError';
  }
}

function hintFor(status: number): string {
  if (status === 401) {
    return '\nSign in first: export LOCKSTEP_TOKEN=$(npm run -s lockstep -- login --email you@example.org)';
  }
  return '';
}

export const DEFAULT_SERVER = 'http://localhost:3000';

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as is, with `contentType`. */
  body?: Uint8Array | string;
  contentType?: string;
  /** Sent as multipart/form-data (fetch writes the boundary and each part's headers). */
  form?: FormData;
  /** Sign-in itself needs no token. */
  anonymous?: boolean;
}

/** Node's fetch wraps the socket error; its code says what happened (ECONNREFUSED, ENOTFOUND…). */
function networkCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown; message?: unknown; errors?: { code?: unknown }[] } }).cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code ?? cause?.message;
  return typeof code === 'string' && code ? code : undefined;
}

/** The Lockstep HTTP API, with a bearer token and readable errors. */
export class LockstepClient {
  readonly server: string;

  constructor(
    server: string,
    private readonly token: string | undefined,
  ) {
    let url: URL;
    try {
      url = new URL(server);
    } catch {
      throw new UsageError(`--server must be a URL like ${DEFAULT_SERVER}, not "${server}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new UsageError(`--server must be an http:// or https:// URL, not "${server}"`);
    }
    this.server = url.origin + url.pathname.replace(/\/+$/, '');
  }

  async send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
    const url = new URL(this.server + path);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (!opts.anonymous) {
      if (!this.token) {
        throw new CliError(
          'no token: pass --token or set LOCKSTEP_TOKEN, for example\n' +
            '  export LOCKSTEP_TOKEN=$(npm run -s lockstep -- login --email you@example.org)',
        );
      }
      headers.Authorization = `Bearer ${this.token}`;
    }
    let body: Uint8Array | string | FormData | undefined;
    if (opts.form !== undefined) {
      body = opts.form;
    } else if (opts.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.body !== undefined) {
      headers['Content-Type'] = opts.contentType ?? 'application/octet-stream';
      body = opts.body;
    }
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body });
    } catch (err) {
      const code = networkCode(err);
      throw new CliError(`cannot reach server at ${this.server} (${code ?? (err as Error).message}); is it running, and is --server right?`);
    }
    if (!res.ok) throw await errorOf(res);
    return res;
  }

  async json<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.send(method, path, opts);
    try {
      return (await res.json()) as T;
    } catch {
      throw new CliError(`the server at ${this.server} did not answer with JSON; is it a Lockstep server?`);
    }
  }

  /** A file download's bytes. The name the server suggests is not used: the CLI names its files itself. */
  async download(path: string, query: RequestOptions['query'] = {}): Promise<{ bytes: Buffer }> {
    const res = await this.send('GET', path, { query });
    return { bytes: Buffer.from(await res.arrayBuffer()) };
  }
}

async function errorOf(res: Response): Promise<CliError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    if (body.error && typeof body.error.code === 'string' && typeof body.error.message === 'string') {
      return new ApiError(res.status, body.error.code, body.error.message, body.error.details);
    }
  } catch {
    /* not our error shape: described below */
  }
  const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  return new CliError(`HTTP ${res.status} ${res.statusText}${snippet ? `: ${snippet}` : ''}`);
}

/** The client for `--server`/`--token`, falling back to LOCKSTEP_URL/LOCKSTEP_TOKEN. */
export function clientFor(values: { server?: string; token?: string }, io: CliIo): LockstepClient {
  return new LockstepClient(values.server ?? (io.env.LOCKSTEP_URL || DEFAULT_SERVER), values.token ?? (io.env.LOCKSTEP_TOKEN || undefined));
}

/** A path segment (document ids are slugs, but a typo must not become another path). */
export const seg = (s: string): string => encodeURIComponent(s);
