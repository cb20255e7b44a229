/**
 * Exhaustive scoring for the translation memory's recall: every stored source text of the
 * given documents scored against a query with the same word-level `memoryMatch` the
 * suggestions show (pre-tokenised once, pruned by a length bound that never changes the
 * answer), and recall@3 of a lookup's suggestions against it.
 *
 * Recall counts match values, not texts: on a templated corpus dozens of stored sentences tie
 * at the same match (one word changed), and which of them the three shown are is the ranking's
 * tie-break (approved first, then newest), not something a candidate search finds or misses.
 * So a position counts as recalled when the lookup's i-th suggestion has the exhaustive i-th
 * match; since the lookup scores a subset of the same texts the same way, it can only fall short.
 */
import type { Queryable } from '@lockstep/server/db';
import { matchTokens, MIN_MEMORY_MATCH, tokenMatch } from '@lockstep/shared';

export interface StoredTexts {
  plains: string[];
  tokens: string[][];
}

/**
 * The distinct plain source texts that have a done translation into `targetLang` (what the
 * memory can suggest), in documents whose id starts with `docPrefix`.
 */
export async function loadStoredTexts(db: Queryable, docPrefix: string, lang: string, targetLang: string): Promise<StoredTexts> {
  const r = await db.query<{ plain: string }>(
    `SELECT DISTINCT m.plain_text AS plain FROM memory_sources m JOIN segments s ON s.memory_source_id = m.id
      WHERE s.document_id LIKE $1 || '%'
        AND EXISTS (SELECT 1 FROM translations t WHERE t.segment_id = s.id AND t.lang = $2 AND lockstep_is_done(t.state))`,
    [docPrefix, targetLang],
  );
  const plains = r.rows.map((row) => row.plain);
  return { plains, tokens: plains.map((p) => matchTokens(p, lang)) };
}

/** The best `k` match values (≥ MIN_MEMORY_MATCH, 100 for the identical text) of all stored texts for `query`. */
export function exhaustiveTop(stored: StoredTexts, query: string, lang: string, k = 3): number[] {
  const q = matchTokens(query, lang);
  const top: number[] = [];
  const floor = () => (top.length < k ? MIN_MEMORY_MATCH : top[top.length - 1]);
  for (let i = 0; i < stored.plains.length; i++) {
    let match: number;
    if (stored.plains[i] === query) match = 100;
    else {
      const t = stored.tokens[i];
      const longer = Math.max(t.length, q.length);
      // The edit distance is at least the length difference: an upper bound on the match.
      if (longer === 0 || Math.floor((1 - Math.abs(t.length - q.length) / longer) * 100 + 1e-9) < floor()) continue;
      match = tokenMatch(t, q);
    }
    if (match < floor()) continue;
    top.push(match);
    top.sort((a, b) => b - a);
    if (top.length > k) top.pop();
  }
  return top;
}

/** Recalled positions of one lookup: how many of the exhaustive top `k` its first `k` matches equal. */
export function recalled(got: readonly number[], exhaustive: readonly number[], k = 3): number {
  let n = 0;
  for (let i = 0; i < Math.min(k, exhaustive.length); i++) if (got[i] === exhaustive[i]) n++;
  return n;
}
