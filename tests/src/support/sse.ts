import http from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** One Server-Sent Event as a browser's EventSource would see it. */
export interface SseEvent {
  id?: string;
  event: string;
  data: string;
  /** When it arrived (ms, performance.now()). */
  at: number;
}

/** Serves an Express app on an ephemeral port (event streams need a real socket, not supertest). */
export async function serve(app: Express): Promise<{ base: string; server: Server; stop: () => Promise<void> }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A minimal event-stream reader (the text/event-stream format: blocks separated by a blank
 * line, `field: value` lines, `:` comments), enough to check what a browser would receive.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  ended = false;
  private buffer = '';
  private waiters: (() => void)[] = [];

  private constructor(
    readonly status: number,
    readonly headers: http.IncomingHttpHeaders,
    private readonly req: http.ClientRequest,
    readonly body: string[],
  ) {}

  /** Opens a stream; resolves when the response headers arrive (for an error answer, after its body). */
  static open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        res.setEncoding('utf8');
        const body: string[] = [];
        const client = new SseClient(res.statusCode ?? 0, res.headers, req, body);
        res.on('data', (chunk: string) => {
          body.push(chunk);
          client.feed(chunk);
        });
        res.on('end', () => {
          client.ended = true;
          client.wake();
          if (!String(res.headers['content-type']).startsWith('text/event-stream')) resolve(client);
        });
        res.on('error', () => undefined);
        if (String(res.headers['content-type']).startsWith('text/event-stream')) resolve(client);
      });
      req.on('error', (err) => {
        if ((err as { code?: string }).code !== 'ECONNRESET') reject(err);
      });
    });
  }

  private feed(chunk: string): void {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const e: SseEvent = { event: 'message', data: '', at: performance.now() };
      const data: string[] = [];
      let isEvent = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
          this.comments.push(line.slice(1).trim());
          continue;
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') e.id = value;
        else if (field === 'event') e.event = value;
        else if (field === 'data') data.push(value);
        else continue;
        isEvent = true;
      }
      if (isEvent) {
        e.data = data.join('\n');
        this.events.push(e);
      }
    }
    this.wake();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }

  /** Resolves once `predicate` holds (checked on every arrival), or rejects after `timeoutMs`. */
  async until(predicate: (c: SseClient) => boolean, timeoutMs = 5_000, what = 'the expected events'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.events.map((e) => [e.id, e.event]))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The events of one kind, with their data parsed. */
  of(kind: string): (SseEvent & { json: Record<string, unknown> })[] {
    return this.events.filter((e) => e.event === kind).map((e) => ({ ...e, json: JSON.parse(e.data) as Record<string, unknown> }));
  }

  get lastId(): string | undefined {
    return this.events.at(-1)?.id;
  }

  close(): void {
    this.req.destroy();
  }
}
