import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The request's id: the caller's X-Request-Id when it is a plain token, else a UUID. Echoed as X-Request-Id. */
    id: string;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * One log line per request once it is answered (or abandoned): id, method, URL, status and
 * time, at info, warn for 4xx, error for 5xx. Headers and bodies carry credentials and are
 * never logged.
 *
 * Written here rather than with pino-http, which built a child logger and ran its
 * serializers for every request: 12% of the server's CPU per save in a profile of the saves
 * bench, against ~4% for this (README, "Saves").
 */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    const done = () => {
      res.off('finish', done);
      res.off('close', done);
      const status = res.statusCode;
      // Also aborted: an answer "sent" after the client hung up mid-body (the body reader's 400).
      const aborted = !res.writableFinished || (req.destroyed && !req.complete);
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      logger[level](
        { req: { id, method: req.method, url: req.originalUrl }, res: { statusCode: status }, responseTime: Math.round(performance.now() - started) },
        aborted ? 'request aborted' : 'request completed',
      );
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
