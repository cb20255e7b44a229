/**
 * Errors are values of our own type at the core; the server maps `kind` to an HTTP
 * status in one place (server/src/http/errors.ts). `code` is a stable machine word the
 * client translates; `message` says what to fix.
 */
export type ErrorKind =
  | 'invalid' // 400 malformed
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'too_large' // 413
  | 'unsupported_media_type' // 415
  | 'unprocessable' // 422
  | 'rate_limited' // 429
  | 'unavailable'; // 503

export class LockstepError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'LockstepError';
  }
}

export const invalid = (code: string, message: string, details?: unknown) =>
  new LockstepError('invalid', code, message, details);
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new LockstepError('unprocessable', code, message, details);
export const notFound = (code: string, message: string) => new LockstepError('not_found', code, message);
export const forbidden = (code: string, message: string) => new LockstepError('forbidden', code, message);
export const conflict = (code: string, message: string, details?: unknown) =>
  new LockstepError('conflict', code, message, details);
