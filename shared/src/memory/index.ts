export { identicalMatch, matchTokens, memoryMatch, tokenMatch, tokenMatcher, wordTokens } from './match.js';
export * from './terms.js';
export { DEFAULT_MEMORY_FUZZY_MAX_CHARS, DEFAULT_MEMORY_LIMIT, MAX_MEMORY_LIMIT, MIN_MEMORY_MATCH, rankSuggestions } from './rank.js';
export type { MemoryCandidate, MemoryOrigin, MemorySuggestion, RankInput } from './rank.js';
