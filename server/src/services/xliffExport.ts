import { createHash, randomBytes } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { alignmentKey, writeXliffAsync, type XliffUnit, type XliffVersion } from '@lockstep/shared';
import type { Db, Queryable } from '../db/db.js';
import type { DocumentRow } from '../repos/documents.js';
import {
  closeExportCursor,
  fetchExportRows,
  openExportCursor,
  recordExport,
  recordExportUnits,
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
 */
export function sourceHashOf(source: string): string {
  return createHash('sha256').update(alignmentKey(source), 'utf8').digest('base64url').slice(0, 22);
}

function unitOf(s: ExportRow, profile: ExportProfile, sourceHash: string): XliffUnit {
  const base = { id: s.id, source: s.sourceRuns, sourceHash };
  if (!s.translatable || s.state === null) return { ...base, state: 'locked' };
  const state = s.state;
  return {
    ...base,
    state,
    target: state === 'untranslated' ? null : s.text,
    // The source the translator worked from, for a stale translation or a split/merge suggestion.
    previousSource: s.previousSource,
    suggestion: state === 'untranslated' ? s.suggestion : null,
    ...(profile === 'omegat' && state === 'untranslated' ? { prefill: true } : {}),
  };
}

/** Rows per FETCH and per ledger insert: large enough that round trips do not dominate, small enough to stay flat. */
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
 * One target language of a document as XLIFF, streamed: a cursor over the segments feeds
 * the streaming writer, and the ledger rows of each batch are written in the same
 * transaction, so the ledger says exactly what the file says and memory stays flat in the
 * document's size. The transaction commits after the last chunk was accepted by `sink`.
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
  let units = 0;
  await db.transaction(async (tx) => {
    await recordExport(tx, { id: file.exportId, documentId: doc.id, lang, revision: doc.revision, version: opts.version, scope: opts.scope, createdBy: actorId });
    await openExportCursor(tx, { documentId: doc.id, lang, todoOnly: opts.scope === 'todo' });
    const counted = (async function* () {
      for await (const unit of exportUnits(tx, file.exportId, opts.profile ?? 'generic')) {
        units += 1;
        yield unit;
      }
    })();
    for await (const chunk of writeXliffAsync(meta, counted, opts.version)) await sink(chunk, file);
    await closeExportCursor(tx);
  });
  return { ...file, units };
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
 * The cursor's rows as units. Each batch's ledger rows and the next batch are asked for
 * before the batch's units are handed on, so the database writes and reads while this thread
 * builds the file (one connection runs them in order); the ledger insert is awaited before
 * the next batch is used and at the end, so a failed one still fails the export (rolled back,
 * ledger included) and the ledger says exactly what the file says.
 */
async function* exportUnits(tx: Queryable, exportId: string, profile: ExportProfile): AsyncGenerator<XliffUnit> {
  let rows = await fetchExportRows(tx, EXPORT_BATCH);
  while (rows.length > 0) {
    const hashes = rows.map((s) => sourceHashOf(s.source));
    const ledger = started(
      recordExportUnits(
        tx,
        exportId,
        rows.map((s, i) => ({ segmentId: s.id, translationVersion: s.version, sourceHash: hashes[i] })),
      ),
    );
    const next = rows.length < EXPORT_BATCH ? undefined : started(fetchExportRows(tx, EXPORT_BATCH));
    for (let i = 0; i < rows.length; i++) yield unitOf(rows[i], profile, hashes[i]);
    await ledger();
    if (!next) return;
    rows = await next();
  }
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
