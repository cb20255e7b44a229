import { createHash, randomBytes } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { alignmentKey, writeXliff, type SourceRun, type XliffUnit, type XliffVersion } from '@lockstep/shared';
import type { Db } from '../db/db.js';
import type { DocumentRow } from '../repos/documents.js';
import { listSegments, type SegmentWithTranslation } from '../repos/segments.js';
import { recordExport, type ExportedUnit } from '../repos/xliffExports.js';

export type ExportScope = 'all' | 'todo';

/**
 * The per-unit stamp of the ledger: a hash of the segment's normalised alignment key, so a
 * revision that only curls quotes or re-wraps lines does not turn an import into conflicts.
 */
export function sourceHashOf(source: string): string {
  return createHash('sha256').update(alignmentKey(source), 'utf8').digest('base64url').slice(0, 22);
}

function unitOf(s: SegmentWithTranslation): XliffUnit {
  const base = { id: s.id, source: s.sourceRuns as SourceRun[], sourceHash: sourceHashOf(s.source) };
  const t = s.translation;
  if (!s.translatable || !t) return { ...base, state: 'locked' };
  const state = t.state as XliffUnit['state'];
  return {
    ...base,
    state,
    target: state === 'untranslated' ? null : t.text,
    // The source the translator worked from, for a stale translation or a split/merge suggestion.
    previousSource: t.previousSource,
    suggestion: state === 'untranslated' ? t.suggestion : null,
  };
}

export interface XliffExport {
  exportId: string;
  filename: string;
  units: number;
  chunks: Iterable<string>;
}

/**
 * One target language of a document as XLIFF, recorded in the export ledger in the same
 * transaction that reads the segments, so the ledger says exactly what the file says.
 */
export async function exportXliff(
  db: Db,
  actorId: number | null,
  doc: DocumentRow,
  lang: string,
  opts: { version: XliffVersion; scope: ExportScope },
): Promise<XliffExport> {
  const exportId = `lx-${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`;
  const units = await db.transaction(async (tx) => {
    const rows = await listSegments(tx, {
      documentId: doc.id,
      lang,
      ...(opts.scope === 'todo' ? { state: 'needs-work' } : {}),
    });
    const ledger: ExportedUnit[] = rows.map((s) => ({
      segmentId: s.id,
      translationVersion: s.translation?.version ?? null,
      sourceHash: sourceHashOf(s.source),
    }));
    await recordExport(tx, { id: exportId, documentId: doc.id, lang, revision: doc.revision, version: opts.version, scope: opts.scope, createdBy: actorId }, ledger);
    return rows.map(unitOf);
  });
  const meta = { exportId, documentId: doc.id, revision: doc.revision, srcLang: doc.sourceLang, trgLang: lang };
  return { exportId, filename: `${doc.id}.${lang}.xlf`, units: units.length, chunks: writeXliff(meta, units, opts.version) };
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
  opts: { version: XliffVersion; scope: ExportScope },
): Promise<Uint8Array> {
  const entries: Record<string, Uint8Array> = {};
  for (const lang of doc.targetLangs) {
    const file = await exportXliff(db, actorId, doc, lang, opts);
    entries[file.filename] = strToU8([...file.chunks].join(''));
  }
  return zipSync(entries, { level: 6 });
}
