import {
  checkSourceTextLeft,
  conflict,
  decideImport,
  lockstepLanguageOf,
  may,
  unprocessable,
  type Actor,
  type ImportDecision,
  type ImportReport,
  type ReadUnit,
  type XliffReadResult,
} from '@lockstep/shared';
import { faultPoint } from '../faults.js';
import { parsePool } from '../parsing/pool.js';
import type { Db, Queryable } from '../db/db.js';
import { retrying } from '../db/retrying.js';
import { shareLockDocument, type DocumentRow } from '../repos/documents.js';
import { insertEvent } from '../repos/events.js';
import { eventsCommitted } from '../events/committed.js';
import { importSegments, type ImportSegment } from '../repos/segments.js';
import { lockLanguageRows, writeChanges, writeSuggestions, type BulkChange } from '../repos/translations.js';
import { exportedUnitsWithText, findExport } from '../repos/xliffExports.js';
import { outboxWritten } from '../webhooks/outboxSignal.js';
import { announceImportApplied } from './notices.js';
import { sourceHashOfKey } from './xliffExport.js';

export type { ImportReport };

interface Planned {
  unit: ReadUnit;
  segment?: ImportSegment;
  decision: ImportDecision;
}

/**
 * What `POST /api/xliff/inspect` reports: the reader's counts and warnings, read off the request
 * thread. The bytes are handed to the parse thread: the caller must not read them again.
 */
export function inspectXliff(bytes: Uint8Array) {
  return parsePool().run({ kind: 'inspectXliff', bytes }, { move: bytes });
}

/** The file read for this document and language, off the request thread (parsing/pool.ts). */
function readImportFile(doc: DocumentRow, lang: string, bytes: Uint8Array, move: boolean): Promise<XliffReadResult> {
  const task = { kind: 'readXliff', bytes, options: { expect: { srcLang: doc.sourceLang, trgLang: lang } } } as const;
  return parsePool().run(task, { move: move ? bytes : undefined });
}

/**
 * How the uploader overrode what the file says (the exchange upload): `lang` imports a file
 * whose `trgLang` says otherwise (with a warning); `ignoreExport` matches units by id alone,
 * for a file exported from another document that the uploader chose to import here.
 */
export interface PlanOverrides {
  lang?: boolean;
  ignoreExport?: boolean;
}

export async function plan(db: Queryable, actor: Actor, doc: DocumentRow, lang: string, file: XliffReadResult, overrides: PlanOverrides = {}) {
  const warnings = [...file.warnings];
  const fileLang = file.trgLang ? lockstepLanguageOf(file.trgLang) : null;
  if (fileLang && fileLang.code !== lang) {
    if (!overrides.lang) throw unprocessable('wrong_language', `The file is for "${file.trgLang}", not "${lang}".`, { fileLang: file.trgLang, lang });
    warnings.push({ message: `The file says its language is "${file.trgLang}"; it is imported as "${lang}", as chosen.` });
  }
  const exportId = overrides.ignoreExport ? null : (file.files[0]?.exportId ?? null);
  const ledgerRecord = exportId ? await findExport(db, exportId) : undefined;
  if (ledgerRecord && (ledgerRecord.documentId !== doc.id || ledgerRecord.lang !== lang)) {
    throw unprocessable('wrong_export', `The file was exported from "${ledgerRecord.documentId}" in "${ledgerRecord.lang}", not "${doc.id}" in "${lang}".`, {
      exportedFrom: { documentId: ledgerRecord.documentId, lang: ledgerRecord.lang },
    });
  }
  if (exportId && !ledgerRecord) {
    warnings.push({ message: 'The file names no export of this server: units are matched by id, and every changed source is a conflict.' });
  }
  const ledger = ledgerRecord ? new Map((await exportedUnitsWithText(db, ledgerRecord.id, lang)).map((u) => [u.segmentId, u])) : undefined;
  const segments = new Map((await importSegments(db, doc.id, lang)).map((s) => [s.id, s]));
  await faultPoint('import:fetched');
  const mayApprove = may(actor, 'approve', lang);
  const planned: Planned[] = file.files.flatMap((f) =>
    f.units.map((unit) => {
      const segment = segments.get(unit.id);
      const exported = ledger?.get(unit.id);
      const decision = decideImport({
        unit,
        segment: segment && {
          source: segment.source,
          sourceRuns: segment.sourceRuns,
          translatable: segment.translatable,
          sourceHash: sourceHashOfKey(segment.alignKey),
        },
        current: segment?.translation,
        exported: exported && { translationVersion: exported.translationVersion, sourceHash: exported.sourceHash, text: exported.text },
        mayApprove,
        revision: doc.revision,
      });
      return { unit, segment, decision };
    }),
  );
  // A CAT tool's pre-filled source only partly overwritten: applied, but the report says so.
  for (const { unit, segment, decision } of planned) {
    if (decision.outcome !== 'applied' || !segment) continue;
    const qa = checkSourceTextLeft({ sourceCoded: segment.source, targetCoded: decision.row.text, sourceLang: doc.sourceLang, targetLang: lang, sourceRuns: segment.sourceRuns });
    for (const w of qa) warnings.push({ unit: unit.id, message: w.message });
  }
  await faultPoint('import:planned');
  return { exportId: ledgerRecord?.id ?? null, planned, warnings };
}

export function report(exportId: string | null, planned: Planned[], warnings: ImportReport['warnings']): ImportReport {
  const r: ImportReport = { exportId, units: [], applied: [], unchanged: [], conflicts: [], unknown: [], rejected: [], warnings };
  for (const { unit, segment, decision: d } of planned) {
    // Two literals rather than a conditional spread (which made 10,000 slow objects); the
    // keys stay in this order in the answer.
    const position = segment ? segment.index + 1 : null;
    const source = segment?.source ?? null;
    const before = segment?.translation?.text ?? null;
    r.units.push(
      'reason' in d && d.reason
        ? { unit: unit.id, position, outcome: d.outcome, reason: d.reason, source, before, after: unit.target }
        : { unit: unit.id, position, outcome: d.outcome, source, before, after: unit.target },
    );
    if (d.outcome === 'applied') r.applied.push(unit.id);
    else if (d.outcome === 'unchanged') {
      r.unchanged.push(unit.id);
      if (d.warning && d.reason) r.warnings.push({ unit: unit.id, message: d.reason });
    }
    else if (d.outcome === 'unknown') r.unknown.push(unit.id);
    else if (d.outcome === 'rejected') r.rejected.push({ unit: unit.id, reason: d.reason });
    else r.conflicts.push({ unit: unit.id, reason: d.reason });
  }
  return r;
}

/** Applied units per statement. */
const IMPORT_BATCH = 2000;

/**
 * One live event for the whole import, listing every translation it changes with the version
 * it gets (each write bumps the planned version by one, or the transaction rolls back).
 * Written after the translation writes (the order of 004_events.sql); numbered after commit.
 */
async function announceImport(tx: Queryable, actor: Actor, doc: DocumentRow, lang: string, planned: Planned[]): Promise<void> {
  const units: { segment: string; version: number; state: string }[] = [];
  const suggested: { segment: string; version: number }[] = [];
  for (const { unit, segment, decision } of planned) {
    const current = segment?.translation;
    if (!current) continue;
    if (decision.outcome === 'applied') units.push({ segment: unit.id, version: decision.row.version, state: decision.row.state });
    else if (decision.outcome === 'conflict') suggested.push({ segment: unit.id, version: current.version + 1 });
  }
  if (units.length === 0 && suggested.length === 0) return;
  await insertEvent(tx, { documentId: doc.id, kind: 'import', payload: { lang, units, suggested }, userId: actor.id });
}

/** One file to import, read, for one language. */
export interface ImportItem {
  lang: string;
  file: XliffReadResult;
  overrides?: PlanOverrides;
}

/** What importing the file would do; nothing is written. */
export async function dryRunImport(db: Queryable, actor: Actor, doc: DocumentRow, item: ImportItem): Promise<ImportReport> {
  const p = await plan(db, actor, doc, item.lang, item.file, item.overrides);
  return report(p.exportId, p.planned, p.warnings);
}

/**
 * Imports a translator's XLIFF file for one language (xliff.md, api.md): every unit is
 * applied, unchanged, a conflict (kept as a suggestion, never applied), unknown or rejected,
 * with a reason. The dry run writes nothing; the apply writes everything in one transaction,
 * re-planned inside it, and refuses the whole file (409) if a translation moved meanwhile.
 */
export async function importXliff(
  db: Db,
  actor: Actor,
  doc: DocumentRow,
  lang: string,
  bytes: Uint8Array,
  /** `moveBytes`: the caller will not read `bytes` again (a request body), so they are moved to the parse thread. */
  opts: { dryRun: boolean; moveBytes?: boolean },
): Promise<ImportReport> {
  // Read before the transaction: a large file takes seconds, and the locks below wait for nothing.
  const file = await readImportFile(doc, lang, bytes, opts.moveBytes === true);
  await faultPoint('import:read');
  if (opts.dryRun) return dryRunImport(db, actor, doc, { lang, file });
  const [imported] = await applyImports(db, actor, doc, [{ lang, file }]);
  return imported;
}

/**
 * Applies files of different languages of one document in one transaction: all of them or,
 * if any unit write finds its row moved, none (409). Each file is re-planned inside it.
 */
export async function applyImports(db: Db, actor: Actor, doc: DocumentRow, items: readonly ImportItem[]): Promise<ImportReport[]> {
  // Re-planned inside each attempt, so a deadlock victim is run again rather than refused.
  const reports = await retrying(() => db.transaction(async (tx) => {
    // Held to the commit: a publish (FOR UPDATE on the document) waits for the import, and the
    // language's rows are locked before the plan reads them, so saves arriving meanwhile queue
    // behind the import (and then see its versions) instead of failing the whole file with 409.
    const revision = await shareLockDocument(tx, doc.id);
    if (revision === undefined) throw conflict('document_gone', `The document "${doc.id}" no longer exists.`);
    // Languages locked in one order, so two multi-language imports cannot deadlock.
    for (const lang of [...new Set(items.map((i) => i.lang))].sort()) await lockLanguageRows(tx, doc.id, lang);
    await faultPoint('import:locked');
    const current = { ...doc, revision };
    const out: ImportReport[] = [];
    for (const item of items) out.push(await applyOne(tx, actor, current, item));
    await faultPoint('import:before-commit');
    return out;
  }));
  await faultPoint('import:committed');
  eventsCommitted(db, doc.id);
  outboxWritten(db);
  return reports;
}

async function applyOne(tx: Queryable, actor: Actor, doc: DocumentRow, { lang, file, overrides }: ImportItem): Promise<ImportReport> {
  const p = await plan(tx, actor, doc, lang, file, overrides);
  const applied: BulkChange[] = [];
  const suggested: { segmentId: string; suggestion: string; expectedVersion: number }[] = [];
  for (const { unit, segment, decision } of p.planned) {
    const current = segment?.translation;
    if (!current) continue;
    if (decision.outcome === 'applied') {
      applied.push({ segmentId: unit.id, row: decision.row, expectedVersion: current.version });
    } else if (decision.outcome === 'conflict') {
      suggested.push({ segmentId: unit.id, suggestion: decision.suggestion, expectedVersion: current.version });
    }
  }
  // Set-based, in batches (a statement's arrays stay a few hundred kB); the rows are locked,
  // so a shortfall means something bypassed the lock: refuse the whole file.
  let written = 0;
  for (let i = 0; i < applied.length; i += IMPORT_BATCH) {
    written += await writeChanges(tx, lang, applied.slice(i, i + IMPORT_BATCH), { kind: 'import', userId: actor.id });
    await faultPoint('import:batch');
  }
  written += await writeSuggestions(tx, lang, suggested, { userId: actor.id, revision: doc.revision });
  await faultPoint('import:suggested');
  if (written !== applied.length + suggested.length) {
    throw conflict('import_conflict', 'A translation changed while the file was being imported; nothing was applied. Run the import again.');
  }
  await announceImport(tx, actor, doc, lang, p.planned);
  await announceImportApplied(tx, { doc, lang, appliedWords: p.planned.flatMap((u) => (u.decision.outcome === 'applied' ? [u.segment?.words ?? 0] : [])) });
  await faultPoint('import:announced');
  return report(p.exportId, p.planned, p.warnings);
}
