import { invalid, LockstepError } from '@lockstep/shared';
import busboy from 'busboy';
import type { Request } from 'express';
import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipFile } from 'fflate';

/**
 * Several files in one multipart/form-data body, zips unpacked: what the XLIFF exchange upload
 * reads (`POST /api/documents/:doc/xliff`). Every limit is checked while the bytes stream in,
 * on what a zip declares and on what it really inflates to, so a zip bomb is stopped after at
 * most one inflate step past the limit, never after it has filled memory.
 */
export interface UploadLimits {
  /** Files after unpacking (a zip counts its entries, not itself). */
  maxFiles: number;
  /** One file's bytes (unpacked). */
  maxFileBytes: number;
  /** All files' bytes together, unpacked; also bounds the upload itself. */
  maxTotalBytes: number;
}

export interface UploadedFile {
  /** The form's file name; a zip entry is `archive.zip/path/in/zip.xlf`. */
  name: string;
  bytes: Buffer;
}

export interface UploadedForm {
  files: UploadedFile[];
  /** Text fields by name (the last one wins). */
  fields: Record<string, string>;
}

const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 256 * 1024;
/** Compressed bytes pushed into the inflater at once: deflate expands at most ~1032×, so one step yields ≤ ~4 MB. */
const INFLATE_STEP = 4096;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

function isZip(name: string, head: Buffer): boolean {
  return /\.zip$/i.test(name) || ZIP_MAGIC.every((b, i) => head[i] === b);
}

/** Entries that are no file of the uploader's: folders and macOS's resource forks. */
function skippedEntry(name: string): boolean {
  return name.endsWith('/') || name.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(name);
}

class Budget {
  files = 0;
  total = 0;
  constructor(private readonly limits: UploadLimits) {}
  addFile(name: string): void {
    if (++this.files > this.limits.maxFiles) {
      throw invalid('too_many_files', `At most ${this.limits.maxFiles} files per upload (zip entries count one each); "${name}" is one too many.`);
    }
  }
  /** Counts bytes already received; throws as soon as a limit is passed. */
  add(name: string, fileBytes: number, more: number): void {
    this.total += more;
    if (fileBytes > this.limits.maxFileBytes) {
      throw new LockstepError('too_large', 'file_too_large', `"${name}" is larger than ${mb(this.limits.maxFileBytes)}.`);
    }
    if (this.total > this.limits.maxTotalBytes) {
      throw new LockstepError('too_large', 'upload_too_large', `The files are larger than ${mb(this.limits.maxTotalBytes)} together (unpacked).`);
    }
  }
}

/**
 * Unpacks a zip with fflate's streaming reader, checking each entry's declared size before
 * reading it and the bytes it actually inflates to while reading (declared sizes can lie).
 */
function unzipInto(zipName: string, zip: Buffer, budget: Budget, out: UploadedFile[]): void {
  const entries: { name: string; chunks: Buffer[]; size: number }[] = [];
  let failure: unknown;
  const unzip = new Unzip((entry: UnzipFile) => {
    if (failure || skippedEntry(entry.name)) return;
    const name = `${zipName}/${entry.name}`;
    try {
      budget.addFile(name);
      if (entry.originalSize !== undefined) budget.add(name, entry.originalSize, 0);
    } catch (err) {
      failure = err;
      return;
    }
    const record = { name, chunks: [] as Buffer[], size: 0 };
    entries.push(record);
    entry.ondata = (err, chunk) => {
      if (failure) return;
      if (err) {
        failure = invalid('bad_zip', `"${name}" cannot be unpacked: ${err.message}.`);
        return;
      }
      record.size += chunk.length;
      try {
        budget.add(name, record.size, chunk.length);
      } catch (e) {
        failure = e;
        entry.terminate();
        return;
      }
      record.chunks.push(Buffer.from(chunk));
    };
    try {
      entry.start();
    } catch (err) {
      failure = invalid('bad_zip', `"${name}" uses a compression method other than deflate or none (${(err as Error).message}).`);
    }
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    for (let at = 0; at < zip.length && !failure; at += INFLATE_STEP) {
      unzip.push(zip.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= zip.length);
    }
  } catch (err) {
    failure ??= invalid('bad_zip', `"${zipName}" is not a readable zip: ${(err as Error).message}.`);
  }
  if (failure) throw failure;
  if (entries.length === 0) throw invalid('empty_zip', `"${zipName}" holds no files.`);
  for (const e of entries) out.push({ name: e.name, bytes: Buffer.concat(e.chunks, e.size) });
}

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
      try {
        if (received.length === 0) {
          throw invalid('file_required', 'The form has no file: attach XLIFF files or a zip of them as file fields (for example: curl -F file=@doc.ko.xlf).');
        }
        // Unpacked sizes start again from zero: compressed bytes were only a bound on the upload.
        const unpacked = new Budget(limits);
        const files: UploadedFile[] = [];
        for (const file of received) {
          const bytes = Buffer.concat(file.chunks);
          if (isZip(file.name, bytes)) unzipInto(file.name, bytes, unpacked, files);
          else {
            unpacked.addFile(file.name);
            unpacked.add(file.name, bytes.length, bytes.length);
            files.push({ name: file.name, bytes });
          }
        }
        resolve({ files, fields });
      } catch (err) {
        reject(err);
      }
    });
    req.pipe(parser);
  });
}
