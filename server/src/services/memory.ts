import { notFound, rankSuggestions, type LanguageCode, type MemoryCandidate, type MemorySuggestion } from '@lockstep/shared';
import type { Db } from '../db/db.js';
import { ownEarlierTexts, similarTranslations } from '../repos/memory.js';
import { findTranslationTarget } from '../repos/translations.js';

/**
 * pg_trgm similarity a stored source needs to be considered at all. Measured on the tm-1m
 * bench corpus: lower thresholds multiply the rows the trigram index hands back for
 * rechecking (the cost of a lookup) while adding only candidates that the word-level match
 * then drops below MIN_MEMORY_MATCH anyway.
 */
export const MEMORY_TRIGRAM_THRESHOLD = 0.5;

/** Candidates fetched per suggestion asked for: room for duplicates and word-level misses. */
const CANDIDATES_PER_SUGGESTION = 3;

export interface MemoryRef {
  documentId: string;
  segmentId: string;
  lang: string;
}

/**
 * Translation-memory suggestions for one segment and language: its own earlier texts, then
 * other segments' translations with a similar source (shared/src/memory ranks and scores them).
 * One transaction: the trigram threshold is set for it alone.
 */
export async function memorySuggestions(db: Db, ref: MemoryRef, opts: { limit: number }): Promise<{ suggestions: MemorySuggestion[] }> {
  return db.transaction(async (tx) => {
    const target = await findTranslationTarget(tx, ref.documentId, ref.segmentId, ref.lang);
    if (!target) throw notFound('document_not_found', `There is no document "${ref.documentId}".`);
    if (!target.targetLangs.includes(ref.lang)) {
      throw notFound('language_not_found', `The document "${ref.documentId}" has no target language "${ref.lang}".`);
    }
    const segment = target.segment;
    if (!segment) throw notFound('segment_not_found', `The document "${ref.documentId}" has no segment "${ref.segmentId}".`);
    // A locked segment has nothing to translate, so nothing to suggest.
    if (!segment.translatable) return { suggestions: [] };

    const current = target.translation;
    // Earlier texts were made against the source the translator last worked from: while the
    // translation is stale that is its previous source, else the segment's source.
    const ownSource = current?.state === 'stale' && current.previousSource !== null ? current.previousSource : segment.source;
    const own: MemoryCandidate[] = (await ownEarlierTexts(tx, ref.segmentId, ref.lang, opts.limit + 1)).map((e) => ({
      text: e.text,
      source: ownSource,
      origin: 'this-segment',
      documentId: ref.documentId,
      segmentId: ref.segmentId,
      state: e.state,
      updatedAt: e.updatedAt,
    }));
    const others: MemoryCandidate[] =
      segment.plain.trim() === ''
        ? []
        : (
            await similarTranslations(tx, {
              plain: segment.plain,
              sourceLang: target.sourceLang,
              lang: ref.lang,
              excludeSegmentId: ref.segmentId,
              threshold: MEMORY_TRIGRAM_THRESHOLD,
              limit: opts.limit * CANDIDATES_PER_SUGGESTION,
            })
          ).map((r) => ({ ...r, origin: 'other-segment' }));
    const suggestions = rankSuggestions({
      own,
      others,
      currentSource: segment.source,
      currentText: current?.text ?? '',
      sourceLang: target.sourceLang as LanguageCode,
      limit: opts.limit,
    });
    return { suggestions };
  });
}
