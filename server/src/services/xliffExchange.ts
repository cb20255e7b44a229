import {
  LockstepError,
  lockstepLanguageOf,
  may,
  unprocessable,
  XLIFF_MAX_BYTES,
  type Actor,
  type ExchangeFileReport,
  type ExchangeOverride,
  type ExchangeReport,
  type XliffReadResult,
} from '@lockstep/shared';
import type { Db } from '../db/db.js';
import type { UploadedFile, UploadLimits } from '../http/uploadFiles.js';
import { parsePool } from '../parsing/pool.js';
import type { DocumentRow } from '../repos/documents.js';
import { findExport } from '../repos/xliffExports.js';
import { applyImports, dryRunImport, type ImportItem } from './xliffImport.js';

/** The multi-file upload's limits (api.md): 50 files, 20 MB each, 100 MB together, unpacked. */
export const EXCHANGE_LIMITS: UploadLimits = { maxFiles: 50, maxFileBytes: XLIFF_MAX_BYTES, maxTotalBytes: 100 * 1024 * 1024 };

/**
 * The document a file names, most trusted first: our export ledger (the export id in
 * `<file original>`/`<file id>`), our stamp on the file, then `original` naming a document id
 * (`statement`, `statement.md`) as other tools keep it.
 */
async function documentOf(db: Db, file: XliffReadResult): Promise<{ id: string; from: 'export' | 'stamp' | 'original' } | null> {
  const first = file.files[0];
  if (!first) return null;
  const ledger = await findExport(db, first.exportId);
  if (ledger) return { id: ledger.documentId, from: 'export' };
  if (first.documentId) return { id: first.documentId, from: 'stamp' };
  const original = first.original?.replace(/^.*[\\/]/, '').replace(/\.(md|markdown|xlf|xliff)$/i, '');
  return original ? { id: original, from: 'original' } : null;
}

/** Errors a file can have on its own; anything else (parser busy, database down) fails the request. */
function fileError(err: unknown): { code: string; message: string } {
  if (err instanceof LockstepError && err.kind !== 'unavailable') return { code: err.code, message: err.message };
  throw err;
}

interface Prepared {
  report: ExchangeFileReport;
  item?: ImportItem;
}

async function prepare(db: Db, actor: Actor, doc: DocumentRow, upload: UploadedFile, override: ExchangeOverride): Promise<Prepared> {
  const report: ExchangeFileReport = {
    name: upload.name,
    bytes: upload.bytes.length,
    version: null,
    detected: { document: null, documentFrom: null, lang: null, fileLang: null },
    document: override.document ?? doc.id,
    lang: override.lang ?? null,
    overridden: { document: override.document !== undefined, lang: override.lang !== undefined },
  };
  let file: XliffReadResult;
  try {
    // Read without expectations, so what the file says is reported even when it is refused below.
    file = await parsePool().run({ kind: 'readXliff', bytes: upload.bytes, options: {} }, { move: upload.bytes });
  } catch (err) {
    return { report: { ...report, error: fileError(err) } };
  }
  report.version = file.version;
  const named = await documentOf(db, file);
  const fileLang = file.trgLang ?? null;
  report.detected = { document: named?.id ?? null, documentFrom: named?.from ?? null, lang: fileLang ? (lockstepLanguageOf(fileLang)?.code ?? null) : null, fileLang };
  report.document = override.document ?? named?.id ?? doc.id;
  report.lang = override.lang ?? report.detected.lang;
  const refuse = (code: string, message: string): Prepared => ({ report: { ...report, error: { code, message } } });

  if (lockstepLanguageOf(file.srcLang)?.code !== doc.sourceLang) {
    return refuse('wrong_source_language', `The file's source language is "${file.srcLang}", not the document's "${doc.sourceLang}".`);
  }
  if (report.document !== doc.id) {
    return refuse('other_document', `This file is for the document "${report.document}", not "${doc.id}": import it on that document's page, or choose "${doc.id}" to import it here (units are then matched by id).`);
  }
  if (!report.lang) {
    return refuse('language_required', fileLang ? `The file's language "${fileLang}" is not one of Lockstep's languages: choose the language to import it as.` : 'The file names no target language (trgLang or target-language): choose the language to import it as.');
  }
  if (!(doc.targetLangs as readonly string[]).includes(report.lang)) {
    return refuse('not_a_target_language', `"${doc.id}" is not translated into "${report.lang}" (its languages: ${doc.targetLangs.join(', ')}).`);
  }
  if (!may(actor, 'translate', report.lang)) return refuse('not_allowed', `Your account may not translate into "${report.lang}".`);
  const item: ImportItem = {
    lang: report.lang,
    file,
    overrides: { lang: override.lang !== undefined, ignoreExport: named?.id !== undefined && named.id !== doc.id },
  };
  return { report, item };
}

/**
 * The multi-file XLIFF upload (`POST /api/documents/:doc/xliff`): every file's document and
 * language read from the file (or as the uploader overrode them), then the per-unit dry run
 * of each, or the apply of all of them in one transaction. A refused file refuses the apply
 * (422 with the per-file report): never a partial import.
 */
export async function exchangeXliff(
  db: Db,
  actor: Actor,
  doc: DocumentRow,
  uploads: readonly UploadedFile[],
  overrides: Readonly<Record<string, ExchangeOverride>>,
  opts: { dryRun: boolean },
): Promise<ExchangeReport> {
  const prepared: Prepared[] = [];
  const names = new Set<string>();
  // One at a time: a zip of fifty files would otherwise take every parse thread.
  for (const upload of uploads) {
    // Names key the overrides and the page's rows: a second `doc.ko.xlf` becomes `doc.ko.xlf (2)`.
    let name = upload.name;
    for (let n = 2; names.has(name); n++) name = `${upload.name} (${n})`;
    names.add(name);
    const override = Object.hasOwn(overrides, name) ? overrides[name] : {};
    prepared.push(await prepare(db, actor, doc, { ...upload, name }, override));
  }
  const seen = new Map<string, string>();
  for (const p of prepared) {
    if (!p.item) continue;
    const first = seen.get(p.item.lang);
    if (first !== undefined) {
      p.report.error = { code: 'duplicate_language', message: `"${first}" is already imported as "${p.item.lang}": send one file per language, or choose another language for this one.` };
      p.item = undefined;
    } else seen.set(p.item.lang, p.report.name);
  }
  if (opts.dryRun) {
    for (const p of prepared) {
      if (!p.item) continue;
      try {
        p.report.report = await dryRunImport(db, actor, doc, p.item);
      } catch (err) {
        p.report.error = fileError(err);
      }
    }
    return { dryRun: true, files: prepared.map((p) => p.report) };
  }
  const refused = prepared.filter((p) => !p.item);
  if (refused.length > 0) {
    const result: ExchangeReport = { dryRun: false, files: prepared.map((p) => p.report) };
    const message = `${refused.map((p) => `"${p.report.name}": ${p.report.error?.message}`).join(' ')} Nothing was imported.`;
    if (refused.some((p) => p.report.error?.code === 'not_allowed')) throw new LockstepError('forbidden', 'not_allowed', message, result);
    throw unprocessable('files_refused', message, result);
  }
  const items = prepared.map((p) => p.item!);
  const reports = await applyImports(db, actor, doc, items);
  prepared.forEach((p, i) => (p.report.report = reports[i]));
  return { dryRun: false, files: prepared.map((p) => p.report) };
}
