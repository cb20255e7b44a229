import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { SESSION_COOKIE } from './auth.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The request's id: the caller's X-Request-Id when it is a plain token, else a UUID. Echoed as X-Request-Id. */
    id: string;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

// Query parameters whose values are credentials (`?token=` of an event stream, a password
// pasted into a URL, `client_secret`, `apiKey`, `signature`…): logged as [redacted].
// A name is judged by its words (`client_secret`, `apiKey`, `X-Amz-Signature`), so that
// `assignee` or `monkey` are not mistaken for one.
const SECRET_WORD = /^(token|access|refresh|password|passwd|pass|pwd|secret|key|apikey|sig|signature|auth|authorization|credentials?|session|cookie|csrf|otp)$/;

function namesASecret(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((w) => SECRET_WORD.test(w));
}

/** The URL as logged: the path, and the query with secret-looking parameters' values redacted. */
/**
 * A 401 for a request that carried no credentials at all: every page load of a signed-out
 * browser asks "who am I?" (GET /api/users/me) and gets one. That is not worth a warning;
 * credentials that did not work (a token, a session cookie) are.
 */
function signedOutProbe(req: Request, status: number): boolean {
  return status === 401 && !req.headers.authorization && !(req.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`);
}

export function redactedUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      let name = pair.slice(0, eq);
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed name is logged as written; its value is judged by the raw name.
      }
      return namesASecret(name) ? `${pair.slice(0, eq)}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

/**
 * One log line per request once it is answered (or abandoned): id, method, URL, status and
 * time, at info, warn for 4xx, error for 5xx. Headers and bodies carry credentials and are
 * never logged; credentials in the query string are redacted (`redactedUrl`).
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
      const level = status >= 500 ? 'error' : status >= 400 && !signedOutProbe(req, status) ? 'warn' : 'info';
      logger[level](
        { req: { id, method: req.method, url: redactedUrl(req.originalUrl) }, res: { statusCode: status }, responseTime: Math.round(performance.now() - started) },
        aborted ? 'request aborted' : 'request completed',
      );
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
