import type { Request, Response } from 'express';

/** Above this much unsent output the reader is too slow: its stream ends and it resumes with Last-Event-ID. */
const MAX_BUFFERED_BYTES = 1 << 20;
/** How long EventSource waits before reconnecting (the `retry:` field). */
const RECONNECT_MS = 2_000;

export interface EventStream {
  /** One event; `id` becomes the reader's Last-Event-ID. */
  send(e: { id: number; event: string; data: unknown }): void;
  close(): void;
  readonly closed: boolean;
}

/**
 * Starts a Server-Sent Events response: headers that keep proxies from buffering or
 * compressing it, a comment every `heartbeatMs` so idle connections are not cut, each event
 * written (and so flushed) as it comes. `onClose` runs once, whoever ends the stream.
 */
export function openEventStream(req: Request, res: Response, opts: { heartbeatMs: number; onClose: () => void }): EventStream {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store, no-transform');
  res.setHeader('X-Accel-Buffering', 'no');
  // The connection ends with the stream (`Connection: close`), so a shutdown that ends the
  // streams is not then held by idle keep-alive sockets.
  res.shouldKeepAlive = false;
  res.flushHeaders();
  req.socket.setNoDelay(true);

  let closed = false;
  const write = (chunk: string) => {
    if (closed) return;
    res.write(chunk);
    if (res.writableLength > MAX_BUFFERED_BYTES) stream.close();
  };
  const heartbeat = setInterval(() => write(': heartbeat\n\n'), opts.heartbeatMs);
  const finish = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    opts.onClose();
  };
  res.on('close', finish);

  const stream: EventStream = {
    send({ id, event, data }) {
      write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close() {
      if (closed) return;
      finish();
      res.end();
    },
    get closed() {
      return closed;
    },
  };
  write(`retry: ${RECONNECT_MS}\n\n`);
  return stream;
}
