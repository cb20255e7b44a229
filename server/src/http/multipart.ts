import { invalid, type LockstepError } from '@lockstep/shared';
import busboy from 'busboy';
import type { Request } from 'express';

/*
 * Reading a multipart/form-data body with busboy, the part every upload shares: a body busboy
 * cannot start on, a file or field over its limit, a form cut off, all answer the same way,
 * and after a failure the rest of the body is read and dropped, so the client reads the answer
 * instead of seeing its upload cut off (EPIPE). What is kept of each file is the caller's.
 */

export interface MultipartLimits {
  files: number;
  /** Bytes of one file; past it `fileTooLarge` answers. */
  fileSize: number;
  fields: number;
  fieldSize: number;
}

export interface MultipartReader<T> {
  limits: MultipartLimits;
  /** A file part with a file name (a browser form with no file chosen sends one without: skipped). */
  file(name: string): { data(chunk: Buffer): void };
  field?(name: string, value: string): void;
  fileTooLarge(): LockstepError;
  tooManyFiles(): LockstepError;
  /** The body has been read without failing; what the upload gives. */
  finish(): T | Promise<T>;
}

const malformed = (err: unknown) => invalid('malformed_multipart', `The multipart body cannot be read: ${(err as Error).message}.`);

export function readMultipart<T>(req: Request, reader: MultipartReader<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      const { files, fileSize, fields, fieldSize } = reader.limits;
      parser = busboy({ headers: req.headers, limits: { files, fileSize, fields, fieldSize, parts: files + fields } });
    } catch (err) {
      // No boundary, or not multipart at all despite the header.
      reject(malformed(err));
      return;
    }
    let failed = false;
    const fail = (err: unknown): void => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      reject(err);
    };
    parser.on('file', (_field, stream, info) => {
      if (!info.filename || failed) {
        stream.resume();
        return;
      }
      const sink = reader.file(info.filename);
      stream.on('data', (chunk: Buffer) => {
        if (failed) return;
        try {
          sink.data(chunk);
        } catch (err) {
          fail(err);
        }
      });
      stream.on('limit', () => fail(reader.fileTooLarge()));
      // A form cut off inside a file is reported on the file's stream too.
      stream.on('error', (err: Error) => fail(malformed(err)));
    });
    parser.on('field', (name, value) => reader.field?.(name, value));
    parser.on('filesLimit', () => fail(reader.tooManyFiles()));
    parser.on('fieldsLimit', () => fail(invalid('too_many_fields', 'The form has too many fields.')));
    parser.on('partsLimit', () => fail(invalid('too_many_fields', 'The form has too many parts.')));
    parser.on('error', (err: Error) => fail(malformed(err)));
    // Busboy closes only after every file's stream has ended, so the files are complete then.
    parser.on('close', () => {
      if (failed) return;
      Promise.resolve()
        .then(() => reader.finish())
        .then(resolve, reject);
    });
    req.pipe(parser);
  });
}
