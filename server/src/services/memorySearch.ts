import { plainOfCoded } from '@lockstep/shared';
import type { MemorySearchResults, MemorySearchSide } from '@lockstep/shared/api';
import type { Db } from '../db/db.js';
import { searchSources, searchTranslations } from '../repos/memorySearch.js';

/**
 * Stored texts a concordance search looks at, at most: the bound of one search's work, like
 * the lookup's candidate bound. Words this common are not a concordance; the answer says the
 * list was cut (`truncated`), so the translator adds a word.
 */
export const MEMORY_SEARCH_SCAN_LIMIT = 1_000;
export const MEMORY_SEARCH_MAX_PAGE_SIZE = 50;
export const MEMORY_SEARCH_MIN_CHARS = 2;
export const MEMORY_SEARCH_MAX_CHARS = 200;

export interface MemorySearch {
  q: string;
  lang: string;
  side: MemorySearchSide;
  page: number;
  limit: number;
}

/** `%words%` for ILIKE: the words' own `%`, `_` and `\` match themselves. */
export function containsPattern(words: string): string {
  return `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Concordance search of the translation memory (issue 19 item 4): stored translations into
 * `lang` whose source (or whose translation) contains the words, letter case aside, newest
 * first, a page at a time. An interactive read: bounded in time on PostgreSQL and cancelled
 * when the client leaves; bounded in work by MEMORY_SEARCH_SCAN_LIMIT everywhere.
 */
export async function searchMemory(db: Db, s: MemorySearch, signal?: AbortSignal): Promise<MemorySearchResults> {
  const words = s.q.normalize('NFC').replace(/\s+/g, ' ').trim();
  const offset = (s.page - 1) * s.limit;
  const query = { pattern: containsPattern(words), lang: s.lang, scanLimit: MEMORY_SEARCH_SCAN_LIMIT, limit: s.limit + 1, offset };
  const rows = await db.interactive(signal, (tx) => (s.side === 'source' ? searchSources(tx, query) : searchTranslations(tx, query)));
  const hits = rows.slice(0, s.limit).map(({ scanned: _scanned, updatedAt, text, ...hit }) => ({
    ...hit,
    text: plainOfCoded(text),
    updatedAt: updatedAt.toISOString(),
  }));
  return {
    hits,
    page: s.page,
    hasMore: rows.length > s.limit,
    truncated: (rows[0]?.scanned ?? 0) >= MEMORY_SEARCH_SCAN_LIMIT,
    scanLimit: MEMORY_SEARCH_SCAN_LIMIT,
  };
}
