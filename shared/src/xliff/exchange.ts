import type { ImportReport } from './importRules.js';

/**
 * The multi-file XLIFF upload (api.md "XLIFF", `POST /api/documents/:doc/xliff`): what each
 * file says it is, what it is imported as, and its per-unit report.
 */

/** What the uploader chose instead of what the file says, per file name. */
export interface ExchangeOverride {
  /** Import the file as this language whatever its `trgLang`/`target-language` says. */
  lang?: string;
  /** Import a file that names another document into this one (units matched by id). */
  document?: string;
}

export interface ExchangeFileReport {
  /** The uploaded file's name; a zip entry's is `archive.zip/entry.xlf`. The key of overrides. */
  name: string;
  bytes: number;
  /** The XLIFF version read; null when the file could not be read. */
  version: string | null;
  /** What the file itself says. */
  detected: {
    document: string | null;
    /** `export`: our export ledger; `stamp`: our attribute on the file; `original`: `<file original>`. */
    documentFrom: 'export' | 'stamp' | 'original' | null;
    /** The Lockstep language of the file's target language. */
    lang: string | null;
    /** The target language as the file wrote it (`ko-KR`). */
    fileLang: string | null;
  };
  /** What it is (or would be) imported as. */
  document: string;
  lang: string | null;
  overridden: { document: boolean; lang: boolean };
  /** Why this file cannot be imported (the apply then refuses every file). */
  error?: { code: string; message: string };
  report?: ImportReport;
}

export interface ExchangeReport {
  dryRun: boolean;
  files: ExchangeFileReport[];
}
