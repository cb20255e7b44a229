import { isUtf8 } from 'node:buffer';
import { describeTextProblem, findTextProblem, invalid, LockstepError, unprocessable } from '@lockstep/shared';
import { parse as parseContentType } from 'content-type';
import express, { type RequestHandler } from 'express';

export const JSON_LIMIT = '1mb';
/** Revision and document bodies carry up to 5 MB of Markdown plus JSON escaping. */
export const MARKDOWN_JSON_LIMIT = '12mb';
const MAX_DEPTH = 32;

function hasBody(req: Parameters<RequestHandler>[0]): boolean {
  const length = req.headers['content-length'];
  return (length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined;
}

function checkStrings(value: unknown, path: string, depth: number): void {
  if (depth > MAX_DEPTH) throw invalid('too_deep', `The request body is nested deeper than ${MAX_DEPTH} levels.`, { limit: MAX_DEPTH });
  if (typeof value === 'string') {
    const problem = findTextProblem(value);
    if (problem) {
      throw unprocessable('invalid_text', `${path || 'The body'} ${describeTextProblem(problem)}.`, { path, ...problem });
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkStrings(v, `${path}[${i}]`, depth + 1));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      checkStrings(k, path, depth + 1);
      checkStrings(v, path ? `${path}.${k}` : k, depth + 1);
    }
  }
}

/** The declared charset, lower-case; a header too malformed to parse declares an unknown one. */
function charsetOf(header: string): string | undefined {
  try {
    return parseContentType(header).parameters.charset?.toLowerCase();
  } catch {
    return 'unreadable';
  }
}

/**
 * JSON bodies: only application/json in UTF-8 (else 415), valid UTF-8 (else 400), an object at the
 * top, no string with NUL, other C0 controls or lone surrogates (422, api.md "Text").
 */
export function jsonBody(limit = JSON_LIMIT): RequestHandler[] {
  const parse = express.json({
    limit,
    strict: true,
    verify: (_req, _res, buf) => {
      // A UTF-16 byte-order mark: UTF-16 sent without saying so, the wrong encoding rather than broken UTF-8.
      if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
        throw Object.assign(new Error('UTF-16'), { type: 'charset.unsupported', status: 415 });
      }
      if (!isUtf8(buf)) throw Object.assign(new Error('invalid UTF-8'), { type: 'entity.verify.failed', status: 400 });
    },
  });
  return [
    (req, _res, next) => {
      if (!hasBody(req)) {
        req.body = {};
        return next();
      }
      if (!req.is('application/json')) {
        throw new LockstepError('unsupported_media_type', 'json_required', 'Send the request body as application/json.');
      }
      // The body reader would decode UTF-16 and UTF-32 when told to; the contract is UTF-8 only.
      const charset = charsetOf(req.headers['content-type'] ?? '');
      if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
        throw new LockstepError('unsupported_media_type', 'unsupported_charset', `The request body must be UTF-8, not ${charset}.`);
      }
      next();
    },
    parse,
    (req, _res, next) => {
      const body: unknown = req.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw invalid('body_not_object', 'The request body must be a JSON object.');
      }
      checkStrings(body, '', 0);
      next();
    },
  ];
}
