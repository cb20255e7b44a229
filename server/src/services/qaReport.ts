import { checkDocument, checkSegment, glossaryForQa, isDone, type DocumentQaResult, type LanguageCode, type QaWarning } from '@lockstep/shared';
import type { Queryable } from '../db/db.js';
import { termsWithTranslations } from '../repos/glossary.js';
import { listSegments } from '../repos/segments.js';
import { requireDocument, requireTargetLang } from './documents.js';

export interface SegmentQaReport {
  id: string;
  index: number;
  state: string;
  warnings: QaWarning[];
}

export interface QaReport {
  revision: number;
  lang: LanguageCode;
  /** Translations checked (every segment with a translation's text, stale ones included). */
  checked: number;
  /** How many segments have each warning code. */
  counts: Record<string, number>;
  /** Only the segments with at least one warning, in document order. */
  segments: SegmentQaReport[];
  document: DocumentQaResult;
}

/**
 * The QA checks over one language of a document's current revision: each translation's own
 * findings (the same checks as the editor and the save) and the document-level ones. For the
 * document, only translated and approved text counts: the published translation shows the
 * source for untranslated and stale segments (api.md "Translated document").
 */
export async function qaReport(db: Queryable, documentId: string, langParam: string): Promise<QaReport> {
  const doc = await requireDocument(db, documentId);
  const lang = requireTargetLang(doc, langParam);
  const rows = await listSegments(db, { documentId: doc.id, lang });
  const glossary = glossaryForQa(await termsWithTranslations(db, doc.sourceLang), lang);
  const segments: SegmentQaReport[] = [];
  const counts: Record<string, number> = {};
  let checked = 0;
  for (const row of rows) {
    const t = row.translation;
    if (!row.translatable || !t || t.text.trim() === '') continue;
    checked++;
    const warnings = checkSegment({
      sourceCoded: row.source,
      targetCoded: t.text,
      sourceLang: doc.sourceLang,
      targetLang: lang,
      sourceRuns: row.sourceRuns,
      glossary,
    });
    if (!warnings.length) continue;
    for (const w of warnings) counts[w.code] = (counts[w.code] ?? 0) + 1;
    segments.push({ id: row.id, index: row.index, state: t.state, warnings });
  }
  const document = checkDocument({
    sourceLang: doc.sourceLang,
    targetLang: lang,
    segments: rows.map((row) => ({
      id: row.id,
      blockIndex: row.blockIndex,
      blockKind: row.kind,
      source: row.source,
      sourceRuns: row.sourceRuns,
      translatable: row.translatable,
      translation: row.translation && isDone(row.translation.state) ? row.translation.text : null,
    })),
  });
  return { revision: doc.revision, lang, checked, counts, segments, document };
}
