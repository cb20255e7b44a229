import {
  alignRevision,
  alignTranslation,
  htmlToMarkdown,
  translatedMarkdown,
  type SpliceSegment,
  type TranslatedMarkdown,
  type BitextInput,
  type BitextResult,
  LockstepError,
  readXliff,
  segmentMarkdown,
  type Alignment,
  type AlignInput,
  type ErrorKind,
  type LanguageCode,
  type SegmentedDocument,
  type XliffReadOptions,
  type XliffReadResult,
} from '@lockstep/shared';
import { siteZip, type SiteZipInput } from './siteZip.js';
import { unpackUpload, type UploadedFile, type UploadLimits } from './unpack.js';

/**
 * The pure parsing work of `@lockstep/shared` that can take seconds on a large upload, run on
 * a worker thread of the parse pool (pool.ts) so the request thread keeps answering. This file
 * is the workers' entry: it imports nothing from the server but this folder's unpack.ts and
 * siteZip.ts, which are as pure.
 */
export type ParseTask =
  | { kind: 'readXliff'; bytes: Uint8Array; options?: XliffReadOptions }
  | { kind: 'inspectXliff'; bytes: Uint8Array }
  | { kind: 'segmentMarkdown'; markdown: string; lang: LanguageCode }
  | { kind: 'alignRevision'; input: AlignInput }
  /** A document in a target language: its Markdown with the translations spliced in. */
  | { kind: 'translatedMarkdown'; markdown: string; segments: SpliceSegment[]; translations: Map<string, string> }
  /** The site export: every language's page with its menu, zipped (siteZip.ts). */
  | { kind: 'siteZip'; input: SiteZipInput }
  /** An upload's files with each zip replaced by its entries (unpack.ts). */
  | { kind: 'unpackUpload'; files: UploadedFile[]; limits: UploadLimits }
  /** `html`: `input.targetMarkdown` is an HTML page, converted to Markdown on the thread first. */
  | { kind: 'alignTranslation'; input: BitextInput; html?: boolean }
  /**
   * Test-only (LOCKSTEP_PARSE_TEST_TASKS=1): keeps a thread busy until the test sets `gate[0]`
   * (shared memory) to non-zero, so a test can fill the pool for as long as it needs.
   */
  | { kind: 'test'; action: 'hold'; gate: Int32Array };

/** What `POST /api/xliff/inspect` answers: the counts, not the units (which would cost a copy back). */
export type XliffSummary = Omit<XliffReadResult, 'files'>;

export interface ParseResults {
  readXliff: XliffReadResult;
  inspectXliff: XliffSummary;
  segmentMarkdown: SegmentedDocument;
  alignRevision: Alignment;
  unpackUpload: UploadedFile[];
  translatedMarkdown: TranslatedMarkdown;
  siteZip: Uint8Array;
  alignTranslation: BitextResult;
  test: null;
}

/**
 * A thrown error crosses the thread boundary as a plain Error (structured clone keeps only
 * name, message and stack), so the worker answers with the error's fields instead and the
 * pool throws the same LockstepError on the request thread.
 */
export type ParseOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; error: { kind: ErrorKind; code: string; message: string; details?: unknown } };

function perform(task: ParseTask): unknown {
  switch (task.kind) {
    case 'readXliff':
      return readXliff(task.bytes, task.options);
    case 'inspectXliff': {
      const { files: _files, ...summary } = readXliff(task.bytes);
      return summary;
    }
    case 'segmentMarkdown':
      return segmentMarkdown(task.markdown, task.lang);
    case 'alignRevision':
      return alignRevision(task.input);
    case 'translatedMarkdown':
      return translatedMarkdown(task.markdown, task.segments, task.translations);
    case 'siteZip':
      return siteZip(task.input);
    case 'unpackUpload':
      return unpackUpload(task.files, task.limits);
    case 'alignTranslation':
      return alignTranslation(task.html ? { ...task.input, targetMarkdown: htmlToMarkdown(task.input.targetMarkdown) } : task.input);
    case 'test':
      return testTask(task);
  }
}

function testTask(task: Extract<ParseTask, { kind: 'test' }>): null {
  if (process.env.LOCKSTEP_PARSE_TEST_TASKS !== '1') throw new Error('test tasks are off');
  // At most a minute, so a test that fails before it opens the gate cannot hang the thread.
  Atomics.wait(task.gate, 0, 0, 60_000);
  return null;
}

export default function runParseTask(task: ParseTask): ParseOutcome<unknown> {
  try {
    return { ok: true, value: perform(task) };
  } catch (e) {
    if (e instanceof LockstepError) {
      return { ok: false, error: { kind: e.kind, code: e.code, message: e.message, details: e.details } };
    }
    throw e;
  }
}
