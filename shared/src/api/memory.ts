import type { MemorySuggestion as RankedSuggestion } from '../memory/index.js';
import type { Timestamp } from './json.js';

/** One translation-memory suggestion as the API sends it (the ranked one, its time as text). */
export type MemorySuggestion = Omit<RankedSuggestion, 'updatedAt'> & { updatedAt: Timestamp };

/** `GET …/segments/:seg/memory/:lang`: `fuzzy` is false when only identical sources were looked up. */
export interface MemorySuggestions {
  suggestions: MemorySuggestion[];
  fuzzy: boolean;
  fuzzyMaxChars: number;
}

/** Which side of the memory a concordance search looks in. */
export type MemorySearchSide = 'source' | 'target';

/** One stored translation whose source (or translation) contains the searched words. */
export interface MemorySearchHit {
  /** The source it translates, as a reader sees it (inline codes removed). */
  source: string;
  /** The translation, as a reader sees it. */
  text: string;
  sourceLang: string;
  lang: string;
  documentId: string;
  segmentId: string;
  state: string;
  updatedAt: Timestamp;
}

/**
 * `GET /api/memory/search`: one page of hits, newest first, among the first `scanLimit` stored
 * texts containing the words; `truncated` says there were more (search for more words).
 */
export interface MemorySearchResults {
  hits: MemorySearchHit[];
  page: number;
  hasMore: boolean;
  truncated: boolean;
  scanLimit: number;
}

/** What became of one translation unit of an imported TMX file (1-based, in file order). */
export type TmxUnitOutcome = { unit: number; outcome: 'imported' | 'duplicate'; pairs: number } | { unit: number; outcome: 'skipped'; reason: string };

/** `POST /api/memory/tmx`: the counts, and every unit's outcome. */
export interface TmxImportReport {
  units: number;
  imported: number;
  duplicates: number;
  skipped: number;
  report: TmxUnitOutcome[];
}
