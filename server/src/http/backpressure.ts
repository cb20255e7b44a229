import type { Writable } from 'node:stream';

/** How long a client may stop reading before a streamed export gives up (and rolls back). */
export const DRAIN_TIMEOUT_MS = 60_000;

/**
 * Writes one chunk and resolves when the stream can take more: a slow client must not make
 * the server buffer a whole file. Rejects when the client went away or stopped reading for
 * `timeoutMs` — a streamed export holds a database transaction (on PGlite the only
 * connection), so it must never wait forever.
 */
export function writeWithBackpressure(out: Writable, chunk: string, timeoutMs = DRAIN_TIMEOUT_MS): Promise<void> {
  if (out.destroyed || out.writableEnded) return Promise.reject(new Error('the client went away during the download'));
  if (out.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      clearTimeout(timer);
      out.off('drain', onDrain);
      out.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('the client went away during the download'));
    const timer = setTimeout(() => done(new Error(`the client read nothing for ${timeoutMs / 1000} s`)), timeoutMs);
    out.once('drain', onDrain);
    out.once('close', onClose);
  });
}
