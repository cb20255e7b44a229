import {
  DEFAULT_MEMORY_FUZZY_MAX_CHARS,
  indexTermHashes,
  MAX_MEMORY_CANDIDATES,
  MEMORY_CANDIDATE_BOUNDS,
  MIN_MEMORY_MATCH,
  matchTokens,
  notFound,
  pickLookupTerms,
  rankSuggestions,
  tokenMatcher,
  type CandidateBounds,
  type MemoryCandidate,
  type MemorySuggestion,
} from '@lockstep/shared';
import type { MemorySuggestions } from '@lockstep/shared/api';
import type { Db, Queryable } from '../db/db.js';
import { ownEarlierTexts, translationsOfSources, type EarlierText, type MemoryQuery, type SourceTranslation } from '../repos/memory.js';
import { candidateSources, exactAndFrequencies } from '../repos/memoryIndex.js';
import { findTranslationTarget } from '../repos/translations.js';

/** Candidates fetched per suggestion asked for: room for duplicates and word-level misses. */
const CANDIDATES_PER_SUGGESTION = 3;

/** Scored source texts whose translations are read per round trip, best first. */
const SOURCES_PER_FETCH = 30;

export interface MemoryCandidates {
  /** Translations of the same plain source text (stale ones: of their previous source). */
  exact: SourceTranslation[];
  /** Then of similar ones, most similar first. */
  similar: SourceTranslation[];
  /** Stored texts scored word by word (at most MAX_MEMORY_CANDIDATES; 0 when exact matches sufficed). */
  scored: number;
  /** Postings the candidate search read (at most the bounds' maxPostings): the summed frequencies of the terms it picked. */
  postings: number;
  /** The match tokens of the similar rows' sources, by source id (ranking reuses them). */
  tokensOf: Map<string, readonly string[]>;
}

export interface CandidateOptions {
  bounds?: CandidateBounds;
  maxCandidates?: number;
  /** Identical sources only (a segment too long to compare word by word). */
  exactOnly?: boolean;
}

/**
 * Other segments' translations for a plain source: identical sources first (by the text's
 * hash), then similar ones from the candidate index (migration 017): the query's rarest terms
 * up to the bounds, the texts sharing most of them (at most `maxCandidates`), scored with the
 * word-level `memoryMatch` the suggestions show; translations are read for the best-scoring
 * texts first, until there are `limit` rows. Ties at the last score read are read whole, so the
 * ranking's tie-break (approved, newest) sees every tied text.
 */
export async function memoryCandidates(tx: Queryable, q: MemoryQuery, opts: CandidateOptions = {}): Promise<MemoryCandidates> {
  // One round trip for the exact text and the term counts (a lookup's fixed cost is its round trips).
  const queryTerms = opts.exactOnly ? [] : indexTermHashes(q.plain, q.sourceLang);
  const { exactId, frequencies } = await exactAndFrequencies(tx, { plain: q.plain, sourceLang: q.sourceLang, terms: queryTerms });
  const ofSources = (sourceIds: string[], limit: number) =>
    translationsOfSources(tx, { sourceIds, lang: q.lang, excludeSegmentId: q.excludeSegmentId, limit });
  const exact = exactId ? await ofSources([exactId], q.limit) : [];
  const wanted = q.limit - exact.length;
  if (wanted <= 0 || opts.exactOnly) return { exact, similar: [], scored: 0, postings: 0, tokensOf: new Map() };

  const terms = pickLookupTerms(frequencies, opts.bounds ?? MEMORY_CANDIDATE_BOUNDS);
  const postings = terms.reduce((sum, t) => sum + frequencies.get(t)!, 0);
  // Rarer terms weigh more (inverse document frequency, as in text retrieval).
  const weights = terms.map((t) => 1 / Math.log2(2 + frequencies.get(t)!));
  const texts = await candidateSources(tx, { terms, weights, sourceLang: q.sourceLang, exceptId: exactId, limit: opts.maxCandidates ?? MAX_MEMORY_CANDIDATES });
  const score = tokenMatcher(matchTokens(q.plain, q.sourceLang));
  const tokensOf = new Map<string, readonly string[]>();
  const ranked = texts
    .map((t) => {
      // The tokens the indexer stored (026), else cut here: the same tokens either way.
      const tokens = t.tokens === null ? matchTokens(t.plain ?? '', q.sourceLang) : (JSON.parse(t.tokens) as string[]);
      const match = score(tokens, MIN_MEMORY_MATCH);
      if (match >= MIN_MEMORY_MATCH) tokensOf.set(t.id, tokens);
      return { id: t.id, match };
    })
    .filter((t) => t.match >= MIN_MEMORY_MATCH)
    .sort((a, b) => b.match - a.match);
  const matchOf = new Map(ranked.map((t) => [t.id, t.match]));

  const similar: SourceTranslation[] = [];
  for (let from = 0; from < ranked.length && similar.length < wanted; ) {
    let to = Math.min(ranked.length, from + SOURCES_PER_FETCH);
    while (to < ranked.length && ranked[to].match === ranked[to - 1].match) to++;
    const rows = await ofSources(ranked.slice(from, to).map((t) => t.id), (to - from) * CANDIDATES_PER_SUGGESTION + wanted);
    rows.sort((a, b) => matchOf.get(b.sourceId)! - matchOf.get(a.sourceId)!);
    similar.push(...rows);
    from = to;
  }
  return { exact, similar, scored: texts.length, postings, tokensOf };
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
 * `signal` aborts; bounded in work everywhere by the candidate index's bounds.
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
        ? { exact: [], similar: [], tokensOf: new Map<string, readonly string[]>() }
        : await memoryCandidates(tx, query, { exactOnly: !fuzzy });
    const others: MemoryCandidate[] = [
      ...found.exact.map(candidateOf),
      ...found.similar.map((r) => ({ ...candidateOf(r), sourceTokens: found.tokensOf.get(r.sourceId) })),
    ];
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

/** Another segment's translation, or an imported TMX unit, as a memory candidate. */
export function candidateOf(r: SourceTranslation): MemoryCandidate {
  const { importedFrom, sourceId: _sourceId, ...rest } = r;
  return importedFrom ? { ...rest, origin: 'imported', importedFrom, earlierSource: false } : { ...rest, origin: 'other-segment', earlierSource: false };
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
