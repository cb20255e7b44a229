import { invalid, LockstepError } from '@lockstep/shared';
import type { Request } from 'express';
import { readMultipart } from './multipart.js';
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
  const budget = new Budget(limits);
  const received: { name: string; chunks: Buffer[] }[] = [];
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  return readMultipart(req, {
    limits: { files: limits.maxFiles, fileSize: limits.maxTotalBytes, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES },
    file(name) {
      const file = { name, chunks: [] as Buffer[] };
      received.push(file);
      let size = 0;
      let zip: boolean | undefined;
      return {
        data(chunk) {
          size += chunk.length;
          zip ??= isZip(file.name, chunk);
          // A plain file is held to the one-file limit as it arrives; a zip's compressed bytes
          // only to the total (what it inflates to is checked entry by entry when unpacked).
          budget.add(file.name, zip ? 0 : size, chunk.length);
          file.chunks.push(chunk);
        },
      };
    },
    field(name, value) {
      fields[name] = value;
    },
    fileTooLarge: () => new LockstepError('too_large', 'upload_too_large', `The upload is larger than ${mb(limits.maxTotalBytes)}.`),
    tooManyFiles: () => invalid('too_many_files', `At most ${limits.maxFiles} files per upload.`),
    async finish() {
      if (received.length === 0) {
        throw invalid('file_required', 'The form has no file: attach XLIFF files or a zip of them as file fields (for example: curl -F file=@doc.ko.xlf).');
      }
      return { files: await unpacked(received.map((f) => ({ name: f.name, bytes: Buffer.concat(f.chunks) })), limits), fields };
    },
  });
}

/** Plain files are checked here; with a zip among them, the whole set goes to a parse thread. */
async function unpacked(received: UploadedFile[], limits: UploadLimits): Promise<UploadedFile[]> {
  if (!received.some((f) => isZip(f.name, f.bytes))) return unpackUpload(received, limits);
  const files = await parsePool().run({ kind: 'unpackUpload', files: received, limits });
  // Buffers arrive as plain Uint8Arrays from the thread.
  return files.map((f) => ({ name: f.name, bytes: Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength) }));
}

