import { DEFAULT_MEMORY_FUZZY_MAX_CHARS, notFound, rankSuggestions, type MemoryCandidate, type MemorySuggestion } from '@lockstep/shared';
import type { MemorySuggestions } from '@lockstep/shared/api';
import type { Db, Queryable } from '../db/db.js';
import { exactTranslations, ownEarlierTexts, type EarlierText, similarTranslations, type MemoryQuery, type MemoryRow } from '../repos/memory.js';
import { findTranslationTarget } from '../repos/translations.js';

/**
 * pg_trgm similarity thresholds a stored source must reach, tried highest first: the higher
 * the threshold, the cheaper the GIN scan (fast scan can rule a row out on its rarest
 * trigrams alone) and the fewer rows come back to recheck. A lower tier is tried only while
 * fewer candidates were found than wanted. The last tier is the old single threshold 0.5, so
 * a sentence with few similar sources loses nothing. Chosen on the tm-1m bench corpus (lookup
 * p50 / p99 of the similar-source query alone): 0.5 alone 286 / 1,929 ms, 0.8/0.7/0.6/0.5
 * 175 / 802 ms (0.8 fills only a quarter of the lookups, yet its scan costs ~65 ms),
 * 0.7/0.6/0.5 120 / 639 ms. See server/migrations/006_memory_sources.sql.
 */
export const MEMORY_TRIGRAM_TIERS: readonly number[] = [0.7, 0.6, 0.5];

/** Candidates fetched per suggestion asked for: room for duplicates and word-level misses. */
const CANDIDATES_PER_SUGGESTION = 3;

/** Similar source texts one trigram tier may pass on (repos/memory.ts `similarTranslations`). */
export const MEMORY_MAX_SOURCES_PER_TIER = 500;

export interface MemoryCandidates {
  /** Translations of the same plain source text. */
  exact: MemoryRow[];
  /** Then of similar ones, most similar first. */
  similar: MemoryRow[];
  /** The trigram threshold of the last tier searched (null: the exact matches were enough). */
  threshold: number | null;
}

/**
 * Other segments' translations for a plain source: identical sources first, then similar ones
 * tier by tier. Since every row of a tier is more similar than any row below it, stopping at
 * the first tier with `limit` rows returns the same rows, in the same order, as one search at
 * the lowest threshold would. Call inside a transaction (the threshold is set per transaction).
 */
export async function memoryCandidates(tx: Queryable, q: MemoryQuery, tiers = MEMORY_TRIGRAM_TIERS): Promise<MemoryCandidates> {
  const exact = await exactTranslations(tx, q);
  let similar: MemoryRow[] = [];
  let threshold: number | null = null;
  const wanted = q.limit - exact.length;
  for (const tier of wanted > 0 ? tiers : []) {
    threshold = tier;
    similar = await similarTranslations(tx, { ...q, limit: wanted, threshold: tier, maxSources: MEMORY_MAX_SOURCES_PER_TIER });
    if (similar.length >= wanted) break;
  }
  return { exact, similar, threshold };
}

export interface MemoryRef {
  documentId: string;
  segmentId: string;
  lang: string;
}

/**
 * `fuzzy` is false when the segment is longer than `fuzzyMaxChars`: only identical sources were
 * looked up (the client says so), since comparing a text that long costs seconds to minutes.
 */
export type MemoryAnswer = Omit<MemorySuggestions, 'suggestions'> & { suggestions: MemorySuggestion[] };

/**
 * Translation-memory suggestions for one segment and language: its own earlier texts, then
 * other segments' translations with a similar source (shared/src/memory ranks and scores them).
 * An interactive read (db/interactive.ts): bounded in time on PostgreSQL and cancelled when
 * `signal` aborts; one transaction, since the trigram threshold is set for it alone.
 */
export async function memorySuggestions(
  db: Db,
  ref: MemoryRef,
  opts: {
    limit: number;
    fuzzyMaxChars?: number;
    signal?: AbortSignal;
  },
): Promise<MemoryAnswer> {
  const fuzzyMaxChars = opts.fuzzyMaxChars ?? DEFAULT_MEMORY_FUZZY_MAX_CHARS;
  return db.interactive(opts.signal, async (tx) => {
    const target = await findTranslationTarget(tx, ref.documentId, ref.segmentId, ref.lang);
    if (!target) throw notFound('document_not_found', `There is no document "${ref.documentId}".`);
    if (!target.targetLangs.includes(ref.lang)) {
      throw notFound('language_not_found', `The document "${ref.documentId}" has no target language "${ref.lang}".`);
    }
    const segment = target.segment;
    if (!segment) throw notFound('segment_not_found', `The document "${ref.documentId}" has no segment "${ref.segmentId}".`);
    const fuzzy = segment.source.length <= fuzzyMaxChars;
    // A locked segment has nothing to translate, so nothing to suggest.
    if (!segment.translatable) return { suggestions: [], fuzzy, fuzzyMaxChars };

    const current = target.translation;
    const own = ownCandidates(await ownEarlierTexts(tx, ref.segmentId, ref.lang, opts.limit + 1), ref, segment.source);
    const query = { plain: segment.plain, sourceLang: target.sourceLang, lang: ref.lang, excludeSegmentId: ref.segmentId, limit: opts.limit * CANDIDATES_PER_SUGGESTION };
    const found =
      segment.plain.trim() === ''
        ? { exact: [], similar: [] }
        : fuzzy
          ? await memoryCandidates(tx, query)
          : { exact: await exactTranslations(tx, query), similar: [] };
    const others: MemoryCandidate[] = [...found.exact, ...found.similar].map((r) => ({ ...r, origin: 'other-segment', earlierSource: false }));
    const suggestions = rankSuggestions({
      own,
      others,
      currentSource: segment.source,
      currentText: current?.text ?? '',
      sourceLang: target.sourceLang,
      limit: opts.limit,
      fuzzyMaxChars,
    });
    return { suggestions, fuzzy, fuzzyMaxChars };
  });
}

/**
 * This segment's earlier texts as memory candidates, each with the source it was made for: a
 * text older than a source change translates the earlier source, so it is scored against that
 * (never against the current source, where it would pass for a 100% match) and labelled
 * `earlierSource`. A text from before migration 010 whose earlier source nobody recorded is
 * left out: its match cannot be told.
 */
function ownCandidates(texts: readonly EarlierText[], ref: MemoryRef, currentSource: string): MemoryCandidate[] {
  const out: MemoryCandidate[] = [];
  for (const e of texts) {
    if (e.sourceChangedSince && e.madeFor === null) continue;
    const source = e.sourceChangedSince && e.madeFor !== null ? e.madeFor : currentSource;
    out.push({
      text: e.text,
      source,
      earlierSource: source !== currentSource,
      origin: 'this-segment',
      documentId: ref.documentId,
      segmentId: ref.segmentId,
      state: e.state,
      updatedAt: e.updatedAt,
    });
  }
  return out;
}
