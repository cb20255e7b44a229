import {
  conflict,
  decideImport,
  lockstepLanguageOf,
  may,
  readXliff,
  unprocessable,
  type Actor,
  type ImportDecision,
  type ImportReport,
  type ReadUnit,
  type SourceRun,
} from '@lockstep/shared';
import { faultPoint } from '../faults.js';
import type { Db, Queryable } from '../db/db.js';
import { shareLockDocument, type DocumentRow } from '../repos/documents.js';
import { insertEvent } from '../repos/events.js';
import { eventsCommitted } from '../events/committed.js';
import { listSegments, type SegmentWithTranslation } from '../repos/segments.js';
import { lockLanguageRows, writeChanges, writeSuggestions, type BulkChange } from '../repos/translations.js';
import { exportedUnitsWithText, findExport } from '../repos/xliffExports.js';
import { outboxWritten } from '../webhooks/outboxSignal.js';
import { announceImportApplied } from './notices.js';
import { sourceHashOf } from './xliffExport.js';

export type { ImportReport };

interface Planned {
  unit: ReadUnit;
  segment?: SegmentWithTranslation;
  decision: ImportDecision;
}

async function plan(db: Queryable, actor: Actor, doc: DocumentRow, lang: string, bytes: Uint8Array) {
  const file = readXliff(bytes, { expect: { srcLang: doc.sourceLang, trgLang: lang } });
  const warnings = [...file.warnings];
  const fileLang = file.trgLang ? lockstepLanguageOf(file.trgLang) : null;
  if (fileLang && fileLang.code !== lang) {
    throw unprocessable('wrong_language', `The file is for "${file.trgLang}", not "${lang}".`);
  }
  const exportId = file.files[0]?.exportId ?? null;
  const ledgerRecord = exportId ? await findExport(db, exportId) : undefined;
  if (ledgerRecord && (ledgerRecord.documentId !== doc.id || ledgerRecord.lang !== lang)) {
    throw unprocessable('wrong_export', `The file was exported from "${ledgerRecord.documentId}" in "${ledgerRecord.lang}", not "${doc.id}" in "${lang}".`);
  }
  if (exportId && !ledgerRecord) {
    warnings.push({ message: 'The file names no export of this server: units are matched by id, and every changed source is a conflict.' });
  }
  const ledger = ledgerRecord ? new Map((await exportedUnitsWithText(db, ledgerRecord.id, lang)).map((u) => [u.segmentId, u])) : undefined;
  const segments = new Map((await listSegments(db, { documentId: doc.id, lang })).map((s) => [s.id, s]));
  const mayApprove = may(actor, 'approve', lang);
  const planned: Planned[] = file.files.flatMap((f) =>
    f.units.map((unit) => {
      const segment = segments.get(unit.id);
      const exported = ledger?.get(unit.id);
      const decision = decideImport({
        unit,
        segment: segment && {
          source: segment.source,
          sourceRuns: segment.sourceRuns as SourceRun[],
          translatable: segment.translatable,
          sourceHash: sourceHashOf(segment.source),
        },
        current: segment?.translation,
        exported: exported && { translationVersion: exported.translationVersion, sourceHash: exported.sourceHash, text: exported.text },
        mayApprove,
      });
      return { unit, segment, decision };
    }),
  );
  return { exportId: ledgerRecord?.id ?? null, planned, warnings };
}

function report(exportId: string | null, planned: Planned[], warnings: ImportReport['warnings']): ImportReport {
  const r: ImportReport = { exportId, applied: [], unchanged: [], conflicts: [], unknown: [], rejected: [], warnings };
  for (const { unit, decision: d } of planned) {
    if (d.outcome === 'applied') r.applied.push(unit.id);
    else if (d.outcome === 'unchanged') r.unchanged.push(unit.id);
    else if (d.outcome === 'unknown') r.unknown.push(unit.id);
    else if (d.outcome === 'rejected') r.rejected.push({ unit: unit.id, reason: d.reason });
    else r.conflicts.push({ unit: unit.id, reason: d.reason });
  }
  return r;
}

/**
 * One live event for the whole import, listing every translation it changes with the version
 * it gets (each write bumps the planned version by one, or the transaction rolls back).
 * Written after the translation writes (the order of 004_events.sql); numbered after commit.
 */
/** Applied units per statement. */
const IMPORT_BATCH = 2000;

async function announceImport(tx: Queryable, actor: Actor, doc: DocumentRow, lang: string, planned: Planned[]): Promise<void> {
  const units: { segment: string; version: number; state: string }[] = [];
  const suggested: { segment: string; version: number }[] = [];
  for (const { unit, segment, decision } of planned) {
    const current = segment?.translation;
    if (!current) continue;
    if (decision.outcome === 'applied') units.push({ segment: unit.id, version: current.version + 1, state: decision.state });
    else if (decision.outcome === 'conflict') suggested.push({ segment: unit.id, version: current.version + 1 });
  }
  if (units.length === 0 && suggested.length === 0) return;
  await insertEvent(tx, { documentId: doc.id, kind: 'import', payload: { lang, units, suggested }, userId: actor.id });
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
  opts: { dryRun: boolean },
): Promise<ImportReport> {
  if (opts.dryRun) {
    const p = await plan(db, actor, doc, lang, bytes);
    return report(p.exportId, p.planned, p.warnings);
  }
  const imported = await db.transaction(async (tx) => {
    // Held to the commit: a publish (FOR UPDATE on the document) waits for the import, and the
    // language's rows are locked before the plan reads them, so saves arriving meanwhile queue
    // behind the import (and then see its versions) instead of failing the whole file with 409.
    const revision = await shareLockDocument(tx, doc.id);
    if (revision === undefined) throw conflict('document_gone', `The document "${doc.id}" no longer exists.`);
    await lockLanguageRows(tx, doc.id, lang);
    doc = { ...doc, revision };
    const p = await plan(tx, actor, doc, lang, bytes);
    const applied: BulkChange[] = [];
    const suggested: { segmentId: string; suggestion: string; expectedVersion: number }[] = [];
    for (const { unit, segment, decision } of p.planned) {
      const current = segment?.translation;
      if (!current) continue;
      if (decision.outcome === 'applied') {
        applied.push({ segmentId: unit.id, text: decision.text, state: decision.state, expectedVersion: current.version });
      } else if (decision.outcome === 'conflict') {
        suggested.push({ segmentId: unit.id, suggestion: decision.suggestion, expectedVersion: current.version });
      }
    }
    // Set-based, in batches (a statement's arrays stay a few hundred kB); the rows are locked,
    // so a shortfall means something bypassed the lock: refuse the whole file.
    let written = 0;
    for (let i = 0; i < applied.length; i += IMPORT_BATCH) {
      written += await writeChanges(tx, lang, applied.slice(i, i + IMPORT_BATCH), { kind: 'import', userId: actor.id, revision: doc.revision });
      await faultPoint('import:batch');
    }
    written += await writeSuggestions(tx, lang, suggested, { userId: actor.id, revision: doc.revision });
    if (written !== applied.length + suggested.length) {
      throw conflict('import_conflict', 'A translation changed while the file was being imported; nothing was applied. Run the import again.');
    }
    await announceImport(tx, actor, doc, lang, p.planned);
    await announceImportApplied(tx, { doc, lang, appliedWords: p.planned.flatMap((u) => (u.decision.outcome === 'applied' ? [u.segment?.words ?? 0] : [])) });
    await faultPoint('import:before-commit');
    return report(p.exportId, p.planned, p.warnings);
  });
  eventsCommitted(db, doc.id);
  outboxWritten(db);
  return imported;
}
