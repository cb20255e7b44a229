import { invalid, LockstepError } from '@lockstep/shared';
import express, { type Request, type RequestHandler } from 'express';
import { readMultipart } from './multipart.js';

export interface FileUploadOptions {
  /** Media types accepted as the raw request body. */
  rawTypes: readonly string[];
  /** Largest file, in bytes (raw body or the one multipart file). */
  maxBytes: number;
  /** What the file is, for messages ("XLIFF file"). */
  what: string;
  /** The error code of the 415 answer. */
  mediaTypeCode: string;
}

const MAX_FORM_FIELDS = 20;
const MAX_FIELD_BYTES = 64 * 1024;

function tooLarge(opts: FileUploadOptions): LockstepError {
  const mb = Math.round(opts.maxBytes / (1024 * 1024));
  return new LockstepError('too_large', 'file_too_large', `The ${opts.what} is larger than ${mb} MB.`, { limitMb: mb });
}

/**
 * Reads the one file of a multipart/form-data body (what a browser form or `curl -F` sends)
 * into `req.body` as a Buffer. Text fields are ignored; a second file is refused rather than
 * silently dropped, so the uploader knows which file was read.
 */
function readMultipartFile(req: Request, opts: FileUploadOptions): Promise<Buffer> {
  let chunks: Buffer[] | undefined;
  return readMultipart(req, {
    limits: { files: 1, fileSize: opts.maxBytes, fields: MAX_FORM_FIELDS, fieldSize: MAX_FIELD_BYTES },
    file() {
      const received: Buffer[] = [];
      chunks = received;
      return { data: (chunk) => received.push(chunk) };
    },
    fileTooLarge: () => tooLarge(opts),
    tooManyFiles: () => invalid('too_many_files', `Send one ${opts.what} per request.`),
    finish() {
      if (!chunks) throw invalid('file_required', `The form has no file: attach the ${opts.what} as a file field (for example: curl -F file=@name.xlf).`);
      return Buffer.concat(chunks);
    },
  });
}

/** Bodies at least this large and of a known length are read by `readLargeRawBody`. */
const LARGE_BODY_BYTES = 1024 * 1024;

/** An error shaped like body-parser's, so the one error mapper answers it the same way. */
function bodyReadError(type: string, message: string): Error {
  return Object.assign(new Error(message), { type, status: 400, expose: true });
}

/**
 * A large raw body with a Content-Length, copied into one buffer of that length as its chunks
 * arrive. express.raw keeps the chunks and joins them at the end: for a 20 MB XLIFF file that
 * join (a fresh 20 MB buffer, every page touched at once) held the request thread 18–120 ms
 * (bench parse-load), while copying each chunk on arrival spreads the same work over the upload.
 * Node's HTTP parser never delivers more than Content-Length bytes; fewer means the client left.
 */
function readLargeRawBody(req: Request, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const body = Buffer.allocUnsafeSlow(length);
    let received = 0;
    const done = (err?: Error) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (err) reject(err);
      else resolve(body);
    };
    const onData = (chunk: Buffer) => {
      chunk.copy(body, received);
      received += chunk.length;
    };
    const onEnd = () => done(received === length ? undefined : bodyReadError('request.size.invalid', 'request size did not match content length'));
    const onError = () => done(bodyReadError('request.aborted', 'request aborted'));
    const onClose = () => done(bodyReadError('request.aborted', 'request aborted'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/**
 * A file upload as raw bytes in `req.body`: either the file itself as the body (one of
 * `rawTypes`) or one file field of a multipart/form-data body. Anything else is 415; a file
 * above `maxBytes` is 413.
 */
export function fileUpload(opts: FileUploadOptions): RequestHandler[] {
  const raw = express.raw({ type: [...opts.rawTypes], limit: opts.maxBytes });
  return [
    async (req, res, next) => {
      if (req.is('multipart/form-data')) {
        req.body = await readMultipartFile(req, opts);
        next();
        return;
      }
      if (!req.is([...opts.rawTypes])) {
        throw new LockstepError(
          'unsupported_media_type',
          opts.mediaTypeCode,
          `Send the ${opts.what} as ${opts.rawTypes.join(', ')}, or as a file field of multipart/form-data.`,
        );
      }
      const length = Number(req.headers['content-length']);
      const encoded = (req.headers['content-encoding'] ?? 'identity').toLowerCase() !== 'identity';
      if (!encoded && Number.isInteger(length) && length >= LARGE_BODY_BYTES && length <= opts.maxBytes) {
        req.body = await readLargeRawBody(req, length);
        next();
        return;
      }
      raw(req, res, next);
    },
  ];
}
