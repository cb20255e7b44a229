import { pino, type Logger } from 'pino';

/**
 * Structured logs. Secrets never reach them: credentials travel only in headers that
 * are redacted here and in bodies, which are never logged.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        'password',
        'token',
      ],
      censor: '[redacted]',
    },
  });
}
export type { Logger };
