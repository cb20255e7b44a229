import { createHash, randomBytes } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { alignmentKey, writeXliffAsync, type XliffUnit, type XliffVersion } from '@lockstep/shared';
import type { Db, Queryable } from '../db/db.js';
import { retrying } from '../db/retrying.js';
import type { DocumentRow } from '../repos/documents.js';
import {
  closeExportCursor,
  fetchExportRows,
  openExportCursor,
  recordExport,
  type ExportRow,
} from '../repos/xliffExports.js';

export type ExportScope = 'all' | 'todo';

/**
 * Which CAT tool family the file is for (api.md "XLIFF", docs/openapi.yaml): `omegat` writes
 * every untranslated unit with its source as the target, still marked not translated
 * (OmegaT shows nothing for a unit without a target); `generic` leaves them without one.
 */
export type ExportProfile = 'generic' | 'omegat';

export interface ExportOptions {
  version: XliffVersion;
  scope: ExportScope;
  profile?: ExportProfile;
}

/**
 * The per-unit stamp of the ledger: a hash of the segment's normalised alignment key, so a
 * revision that only curls quotes or re-wraps lines does not turn an import into conflicts.
 * Export and import hash the key the segment row stores (`align_key`, `sourceHashOfKey`; the
 * ledger's statement the same in SQL, `SOURCE_HASH` in repos/xliffExports.ts), so they agree.
 */
export function sourceHashOf(source: string): string {
  return sourceHashOfKey(alignmentKey(source));
}

/** `sourceHashOf` from the key the segment row stores (`align_key`), as the ledger's SQL reads it. */
export function sourceHashOfKey(alignKey: string): string {
  return createHash('sha256').update(alignKey, 'utf8').digest('base64url').slice(0, 22);
}

function unitOf(s: ExportRow, profile: ExportProfile): XliffUnit {
  // Literals, not spreads of a shared base: spreading cost ~10 µs a unit (a tenth of an export).
  // Hashed here, not in the cursor's SQL: PGlite's sha256 (WebAssembly) cost the read ~100 ms.
  const sourceHash = sourceHashOfKey(s.alignKey);
  if (!s.translatable || s.state === null) return { id: s.id, source: s.sourceRuns, sourceHash, state: 'locked' };
  const untranslated = s.state === 'untranslated';
  const unit: XliffUnit = {
    id: s.id,
    source: s.sourceRuns,
    sourceHash,
    state: s.state,
    target: untranslated ? null : s.text,
    // The source the translator worked from, for a stale translation or a split/merge suggestion.
    previousSource: s.previousSource,
    suggestion: untranslated ? s.suggestion : null,
  };
  if (profile === 'omegat' && untranslated) unit.prefill = true;
  return unit;
}

/** Rows per FETCH: large enough that round trips do not dominate, small enough to stay flat. */
export const EXPORT_BATCH = 1000;

export interface XliffExportFile {
  exportId: string;
  filename: string;
}

/**
 * Where the file goes, chunk by chunk. The returned promise is the back-pressure: the next
 * batch is not fetched until it settles, and a rejection (the client went away) rolls the
 * export back, ledger included.
 */
export type XliffChunkSink = (chunk: string, file: XliffExportFile) => Promise<void>;

/**
 * One target language of a document as XLIFF, streamed: the ledger's units are written first,
 * in one statement from the rows themselves, then a cursor over the same rows feeds the
 * streaming writer. One REPEATABLE READ transaction, so both read one snapshot: the ledger
 * says exactly what the file says, and memory stays flat in the document's size. The
 * transaction commits after the last chunk was accepted by `sink`.
 */
export async function exportXliff(
  db: Db,
  actorId: number | null,
  doc: DocumentRow,
  lang: string,
  opts: ExportOptions,
  sink: XliffChunkSink,
): Promise<XliffExportFile & { units: number }> {
  const file: XliffExportFile = { exportId: `lx-${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`, filename: `${doc.id}.${lang}.xlf` };
  const meta = { exportId: file.exportId, documentId: doc.id, revision: doc.revision, srcLang: doc.sourceLang, trgLang: lang };
  const rows = { documentId: doc.id, lang, todoOnly: opts.scope === 'todo' };
  // Retried as every writer is on a serialization failure; the ledger is written before the
  // first chunk, so a repeat never sends twice.
  const units = await retrying(() =>
    db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const recorded = await recordExport(tx, { id: file.exportId, documentId: doc.id, lang, revision: doc.revision, version: opts.version, scope: opts.scope, createdBy: actorId }, rows);
      await openExportCursor(tx, rows);
      let written = 0;
      const counted = (async function* () {
        for await (const unit of exportUnits(tx, opts.profile ?? 'generic')) {
          written += 1;
          yield unit;
        }
      })();
      for await (const chunk of writeXliffAsync(meta, counted, opts.version)) await sink(chunk, file);
      await closeExportCursor(tx);
      // One snapshot: anything else is a bug, and a file the ledger does not match must not commit.
      if (written !== recorded) throw new Error(`export ${file.exportId}: ${written} units written, ${recorded} recorded`);
      return written;
    }),
  );
  return { ...file, units };
}

/**
 * The cursor's rows as units. The next batch is asked for before this one's units are handed
 * on, so the database reads while this thread builds the file.
 */
async function* exportUnits(tx: Queryable, profile: ExportProfile): AsyncGenerator<XliffUnit> {
  let rows = await fetchExportRows(tx, EXPORT_BATCH);
  while (rows.length > 0) {
    const next = rows.length < EXPORT_BATCH ? undefined : started(fetchExportRows(tx, EXPORT_BATCH));
    for (const row of rows) yield unitOf(row, profile);
    if (!next) return;
    rows = await next();
  }
}

/**
 * A query started now and awaited later: its failure is kept for the `await`, and does not
 * count as unhandled meanwhile (the consumer may stop early, before that `await`).
 */
function started<T>(p: Promise<T>): () => Promise<T> {
  p.catch(() => undefined);
  return () => p;
}

/**
 * Every target language as one zip, one file each (each export recorded in the ledger). The
 * files are built in memory: a zip needs each entry's size, and ten files of a statement are
 * small; per-language downloads stream.
 */
export async function exportXliffZip(
  db: Db,
  actorId: number | null,
  doc: DocumentRow,
  opts: ExportOptions,
): Promise<Uint8Array> {
  const entries: Record<string, Uint8Array> = {};
  for (const lang of doc.targetLangs) {
    const chunks: string[] = [];
    const file = await exportXliff(db, actorId, doc, lang, opts, async (chunk) => {
      chunks.push(chunk);
    });
    entries[file.filename] = strToU8(chunks.join(''));
  }
  return zipSync(entries, { level: 6 });
}
