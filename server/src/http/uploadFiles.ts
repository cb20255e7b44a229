import { invalid, LockstepError } from '@lockstep/shared';
import busboy from 'busboy';
import type { Request } from 'express';
import { parsePool } from '../parsing/pool.js';
import { Budget, isZip, mb, unpackUpload, type UploadedFile, type UploadLimits } from '../parsing/unpack.js';

export type { UploadedFile, UploadLimits };

/**
 * Several files in one multipart/form-data body, zips unpacked: what the XLIFF exchange upload
 * reads (`POST /api/documents/:doc/xliff`). The upload's size is checked while the bytes stream
 * in; zips are unpacked on a parse thread (parsing/unpack.ts), which checks what they inflate to.
 */
export interface UploadedForm {
  files: UploadedFile[];
  /** Text fields by name (the last one wins). */
  fields: Record<string, string>;
}

const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 256 * 1024;

/** Reads every file field (and the text fields) of a multipart body within `limits`. */
export function readUploadedFiles(req: Request, limits: UploadLimits): Promise<UploadedForm> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          files: limits.maxFiles,
          fileSize: limits.maxTotalBytes,
          fields: MAX_FIELDS,
          fieldSize: MAX_FIELD_BYTES,
          parts: limits.maxFiles + MAX_FIELDS,
        },
      });
    } catch (err) {
      reject(invalid('malformed_multipart', `The multipart body cannot be read: ${(err as Error).message}.`));
      return;
    }
    const budget = new Budget(limits);
    const received: { name: string; chunks: Buffer[] }[] = [];
    const fields: Record<string, string> = Object.create(null) as Record<string, string>;
    let failed = false;
    const fail = (err: unknown): void => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      // Read the rest and throw it away, so the client reads the answer instead of EPIPE.
      req.resume();
      reject(err);
    };
    parser.on('file', (_field, stream, info) => {
      if (!info.filename || failed) {
        stream.resume();
        return;
      }
      const file = { name: info.filename, chunks: [] as Buffer[] };
      received.push(file);
      let size = 0;
      let zip: boolean | undefined;
      stream.on('data', (chunk: Buffer) => {
        if (failed) return;
        size += chunk.length;
        zip ??= isZip(file.name, chunk);
        try {
          // A plain file is held to the one-file limit as it arrives; a zip's compressed bytes
          // only to the total (what it inflates to is checked entry by entry when unpacked).
          budget.add(file.name, zip ? 0 : size, chunk.length);
        } catch (err) {
          fail(err);
          return;
        }
        file.chunks.push(chunk);
      });
      stream.on('limit', () => fail(new LockstepError('too_large', 'upload_too_large', `The upload is larger than ${mb(limits.maxTotalBytes)}.`)));
      stream.on('error', (err: Error) => fail(invalid('malformed_multipart', `The multipart body cannot be read: ${err.message}.`)));
    });
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('filesLimit', () => fail(invalid('too_many_files', `At most ${limits.maxFiles} files per upload.`)));
    parser.on('fieldsLimit', () => fail(invalid('too_many_fields', 'The form has too many fields.')));
    parser.on('partsLimit', () => fail(invalid('too_many_fields', 'The form has too many parts.')));
    parser.on('error', (err: Error) => fail(invalid('malformed_multipart', `The multipart body cannot be read: ${err.message}.`)));
    parser.on('close', () => {
      if (failed) return;
      if (received.length === 0) {
        reject(invalid('file_required', 'The form has no file: attach XLIFF files or a zip of them as file fields (for example: curl -F file=@doc.ko.xlf).'));
        return;
      }
      unpacked(received.map((f) => ({ name: f.name, bytes: Buffer.concat(f.chunks) })), limits).then(
        (files) => resolve({ files, fields }),
        reject,
      );
    });
    req.pipe(parser);
  });
}

/** Plain files are checked here; with a zip among them, the whole set goes to a parse thread. */
async function unpacked(received: UploadedFile[], limits: UploadLimits): Promise<UploadedFile[]> {
  if (!received.some((f) => isZip(f.name, f.bytes))) return unpackUpload(received, limits);
  const files = await parsePool().run({ kind: 'unpackUpload', files: received, limits });
  // Buffers arrive as plain Uint8Arrays from the thread.
  return files.map((f) => ({ name: f.name, bytes: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength) }));
}

