import { LockstepError, type ErrorKind } from '@lockstep/shared';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../logger.js';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

export const RETRY_AFTER_SECONDS_WHEN_DB_DOWN = 5;

// Connection-level failures: the database is down or restarting, not the request's fault.
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
const UNAVAILABLE_SQLSTATE_CLASSES = ['08', '57P', '53']; // connection exception, operator intervention, insufficient resources

export function isDatabaseUnavailable(err: unknown): boolean {
  // Not `instanceof Error`: errors from Node's core can come from another realm (vm, Jest).
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_ERRNO.has(code)) return true;
    if (UNAVAILABLE_SQLSTATE_CLASSES.some((c) => code.startsWith(c))) return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i.test(
    String((err as { message?: unknown }).message ?? ''),
  );
}

/** SQLSTATE 57014 query_canceled: a statement stopped by `statement_timeout` (db/interactive.ts, db.ts). */
function isStatementTimeout(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '57014';
}

// body-parser's error types, by what the client did wrong.
const BODY_PARSER: Record<string, [number, string, string]> = {
  'entity.too.large': [413, 'body_too_large', 'The request body is larger than this route accepts.'],
  'entity.parse.failed': [400, 'malformed_json', 'The request body is not valid JSON.'],
  'encoding.unsupported': [415, 'unsupported_encoding', 'The request body must be UTF-8.'],
  'charset.unsupported': [415, 'unsupported_charset', 'The request body must be UTF-8.'],
  'request.aborted': [400, 'request_aborted', 'The request body ended early.'],
  'request.size.invalid': [400, 'request_size_invalid', 'The request body does not match its Content-Length.'],
  'entity.verify.failed': [400, 'invalid_utf8', 'The request body is not valid UTF-8.'],
  'parameters.too.many': [413, 'too_many_parameters', 'The request has too many parameters.'],
};

// Data exceptions (class 22) can only come from values that slipped past validation;
// they are the client's input, so a 400 rather than a 500.
const DATA_EXCEPTION = /^22/;

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

export const notFoundApi: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('route_not_found', `There is no API route ${req.method} ${req.baseUrl}${req.path}.`));
};

/**
 * A path whose percent escapes do not decode to UTF-8 (`/%FF`, `/a%E4%B8`) names nothing:
 * 400 here, before the routers' own decoding throws a URIError deep inside them (a 500).
 */
export const wellFormedPath: RequestHandler = (req, _res, next) => {
  try {
    decodeURIComponent(req.path);
  } catch {
    throw new LockstepError('invalid', 'malformed_url', 'The URL has a percent escape that is not valid UTF-8 (such as %FF).');
  }
  next();
};

/** The one place where errors become HTTP responses; what it logs carries the request's id. */
export const errorMiddleware = (logger: Logger): ErrorRequestHandler => (err, req, res, _next) => {
  const log = () => logger.child({ reqId: req.id });
  if (res.headersSent) {
    log().error({ err }, 'error after the response started');
    res.destroy();
    return;
  }
  if (err instanceof LockstepError) {
    const status = STATUS[err.kind];
    const retry = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (err.kind === 'rate_limited' && retry) res.setHeader('Retry-After', String(retry));
    if (err.kind === 'unavailable') res.setHeader('Retry-After', String(retry ?? RETRY_AFTER_SECONDS_WHEN_DB_DOWN));
    res.status(status).json(errorBody(err.code, err.message, err.details));
    return;
  }
  if (err instanceof ZodError) {
    res.status(400).json(
      errorBody(
        'invalid_body',
        'The request is not in the expected shape: ' +
          err.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
        err.issues.map((i) => ({ path: i.path, message: i.message })),
      ),
    );
    return;
  }
  const type = (err as { type?: unknown }).type;
  if (typeof type === 'string' && BODY_PARSER[type]) {
    const [status, code, message] = BODY_PARSER[type];
    res.status(status).json(errorBody(code, message));
    return;
  }
  // Any other client error from the body reader (e.g. a gzip body that does not inflate) is
  // marked by http-errors with a 4xx status and `expose`.
  const clientStatus = (err as { status?: unknown; expose?: unknown }).status;
  if (typeof clientStatus === 'number' && clientStatus >= 400 && clientStatus < 500 && (err as { expose?: unknown }).expose === true) {
    res.status(clientStatus).json(errorBody('unreadable_body', 'The request body could not be read.'));
    return;
  }
  if (isStatementTimeout(err)) {
    log().warn({ err: { message: (err as Error).message } }, 'statement cancelled by its time limit');
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS_WHEN_DB_DOWN));
    res.status(503).json(errorBody('statement_timeout', 'The database took too long to answer this request and stopped it. Try again shortly, or narrow the request.'));
    return;
  }
  if (isDatabaseUnavailable(err)) {
    log().warn({ err: { message: (err as Error).message, code: (err as { code?: unknown }).code } }, 'database unavailable');
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS_WHEN_DB_DOWN));
    res.status(503).json(errorBody('database_unavailable', 'The database is not reachable right now. Try again shortly.'));
    return;
  }
  const sqlState = (err as { code?: unknown }).code;
  if (typeof sqlState === 'string' && DATA_EXCEPTION.test(sqlState)) {
    log().warn({ err }, 'data exception from input');
    res.status(400).json(errorBody('invalid_value', 'A value in the request is not valid.'));
    return;
  }
  log().error({ err }, 'unhandled error');
  res.status(500).json(errorBody('internal', 'Something went wrong on the server; it has been logged.'));
};
