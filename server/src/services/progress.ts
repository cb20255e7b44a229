import { completeFraction, emptyCounts, type LanguageProgress, type StateCounts } from '@lockstep/shared';
import type { Queryable } from '../db/db.js';
import * as documents from '../repos/documents.js';
import * as progress from '../repos/progress.js';

type DocumentHead = Pick<documents.DocumentRow, 'id' | 'targetLangs' | 'revision'>;

/** api.md "Progress" for one document: every target language, zeros where nothing is stored. */
export function languagesOf(doc: DocumentHead, rows: readonly progress.ProgressRow[]): Record<string, LanguageProgress> {
  const stored = new Map(rows.map((r) => [r.lang, r]));
  const langs: Record<string, LanguageProgress> = {};
  for (const lang of doc.targetLangs) {
    const row = stored.get(lang);
    const segments = row?.segments ?? emptyCounts();
    const complete = completeFraction(segments);
    langs[lang] = {
      segments,
      words: row?.words ?? emptyCounts(),
      complete,
      // Complete now is complete against the current revision; otherwise the newest revision
      // it was complete against, recorded when that happened (it survives later revisions).
      completeAgainstRevision: complete === 1 && doc.revision > 0 ? doc.revision : (row?.completeAgainstRevision ?? null),
      lastActivity: row?.lastActivity ?? null,
      openQuestions: row?.openQuestions ?? 0,
    };
  }
  return langs;
}

/**
 * Progress of each document × target language, from the maintained counters: one row per
 * pair, whatever the size of the documents.
 */
export async function progressOf(db: Queryable, docs: readonly DocumentHead[]): Promise<Map<string, Record<string, LanguageProgress>>> {
  const rows = await progress.progressRows(
    db,
    docs.map((d) => d.id),
  );
  const byDocument = new Map<string, progress.ProgressRow[]>();
  for (const row of rows) {
    const list = byDocument.get(row.documentId);
    if (list) list.push(row);
    else byDocument.set(row.documentId, [row]);
  }
  return new Map(docs.map((doc) => [doc.id, languagesOf(doc, byDocument.get(doc.id) ?? [])]));
}

/** Every document with its progress per target language (the document list). */
export async function documentsWithProgress(db: Queryable) {
  const list = await documents.listDocuments(db);
  const byDocument = await progressOf(db, list);
  return list.map((doc) => ({ doc, progress: byDocument.get(doc.id)! }));
}
