import type { Response } from 'express';

/**
 * Aborts when the HTTP client goes away before its answer is complete, so an interactive read
 * it started is cancelled in the database (db/interactive.ts) instead of running on for nobody.
 * `close` also fires after a complete answer; only an unfinished one counts.
 */
export function clientGone(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
