import { invalid, LockstepError } from '@lockstep/shared';
import { Unzip, UnzipInflate, UnzipPassThrough, type UnzipFile } from 'fflate';

/**
 * Unpacking the files of an upload: zips inflated with every limit checked on what a zip
 * declares and on what it really inflates to, so a zip bomb is stopped after at most one
 * inflate step past the limit, never after it has filled memory. Inflating 20 MB takes a
 * tenth of a second of CPU, so it runs on a parse thread (tasks.ts), which is why this file
 * imports nothing from the server.
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

/** Compressed bytes pushed into the inflater at once: deflate expands at most ~1032×, so one step yields ≤ ~4 MB. */
const INFLATE_STEP = 4096;
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

export function isZip(name: string, head: Uint8Array): boolean {
  return /\.zip$/i.test(name) || ZIP_MAGIC.every((b, i) => head[i] === b);
}

/** Entries that are no file of the uploader's: folders and macOS's resource forks. */
function skippedEntry(name: string): boolean {
  return name.endsWith('/') || name.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(name);
}

export class Budget {
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
function unzipInto(zipName: string, zip: Uint8Array, budget: Budget, out: UploadedFile[]): void {
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

/** The files of an upload as received, each zip replaced by its entries, within `limits`. */
export function unpackUpload(received: readonly UploadedFile[], limits: UploadLimits): UploadedFile[] {
  // Unpacked sizes start again from zero: compressed bytes were only a bound on the upload.
  const unpacked = new Budget(limits);
  const files: UploadedFile[] = [];
  for (const file of received) {
    if (isZip(file.name, file.bytes)) unzipInto(file.name, file.bytes, unpacked, files);
    else {
      unpacked.addFile(file.name);
      unpacked.add(file.name, file.bytes.length, file.bytes.length);
      files.push(file);
    }
  }
  return files;
}
