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
