import type { Queryable } from '../db/db.js';

/** A memory source text the candidate index does not cover yet (migration 017). */
export interface PendingSource {
  id: string;
  lang: string;
  plain: string;
}

/**
 * Up to `limit` unindexed source texts, locked for this transaction; texts another indexer
 * holds are skipped (it indexes them), so concurrent indexers never wait on each other here.
 */
export async function claimPendingSources(tx: Queryable, limit: number): Promise<PendingSource[]> {
  const r = await tx.query<PendingSource>(
    `SELECT id::text AS id, source_lang AS lang, plain_text AS plain FROM memory_sources
      WHERE NOT indexed ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  return r.rows;
}

/**
 * Stores the postings of freshly claimed texts (`terms[i]` belongs to `sourceIds[i]`), counts
 * each term's new postings into its frequency, and marks the texts indexed with their match
 * tokens (`tokens[i]`, JSON, for `ids[i]`; migration 026). Only postings actually added are
 * counted, so indexing a text again (026's upgrade) leaves the counts exact. Frequencies are
 * upserted in term order: two indexers lock shared terms in the same order, never a deadlock.
 */
export async function storePostings(
  tx: Queryable,
  texts: { ids: readonly string[]; tokens: readonly string[] },
  terms: readonly number[],
  sourceIds: readonly string[],
): Promise<void> {
  if (terms.length > 0) {
    await tx.query(
      `WITH added AS (
         INSERT INTO memory_terms (term, source_id) SELECT * FROM unnest($1::bigint[], $2::bigint[])
         ON CONFLICT DO NOTHING RETURNING term)
       INSERT INTO memory_term_frequencies (term, texts)
       SELECT term, count(*) FROM added GROUP BY term ORDER BY term
       ON CONFLICT (term) DO UPDATE SET texts = memory_term_frequencies.texts + EXCLUDED.texts`,
      [terms, sourceIds],
    );
  }
  await tx.query(
    `UPDATE memory_sources m SET indexed = true, match_tokens = x.tokens
       FROM unnest($1::bigint[], $2::text[]) AS x(id, tokens) WHERE m.id = x.id`,
    [texts.ids, texts.tokens],
  );
}

/** A stale translation whose previous source is not linked to its memory source yet. */
export interface UnlinkedStale {
  segmentId: string;
  lang: string;
  previousSource: string;
  sourceLang: string;
}

export async function claimUnlinkedStale(tx: Queryable, limit: number): Promise<UnlinkedStale[]> {
  const r = await tx.query<UnlinkedStale>(
    `SELECT t.segment_id AS "segmentId", t.lang, t.previous_source AS "previousSource", d.source_lang AS "sourceLang"
       FROM translations t
       JOIN segments s ON s.id = t.segment_id
       JOIN documents d ON d.id = s.document_id
      WHERE t.previous_source IS NOT NULL AND t.previous_memory_source_id IS NULL
      LIMIT $1
        FOR UPDATE OF t SKIP LOCKED`,
    [limit],
  );
  return r.rows;
}

/**
 * Links each stale translation to the memory source of its previous source's plain text
 * (created, unindexed, if new: migration 006's function). Only while the previous source is
 * still the one read: a save in between cleared it, and then there is nothing to link.
 */
export async function linkStale(tx: Queryable, rows: readonly UnlinkedStale[], plains: readonly string[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `UPDATE translations t SET previous_memory_source_id = lockstep_memory_source_id(x.source_lang, x.plain)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(segment_id, lang, previous_source, source_lang, plain)
      WHERE t.segment_id = x.segment_id AND t.lang = x.lang AND t.previous_source = x.previous_source`,
    [rows.map((r) => r.segmentId), rows.map((r) => r.lang), rows.map((r) => r.previousSource), rows.map((r) => r.sourceLang), plains],
  );
}

/**
 * A lookup's first round trip: the memory source of exactly this plain text (migration 006:
 * found by its hash; no index of 017 needed), and how many stored texts have each of `terms`
 * (absent: none).
 */
export async function exactAndFrequencies(
  db: Queryable,
  q: { plain: string; sourceLang: string; terms: readonly number[] },
): Promise<{ exactId: string | null; frequencies: Map<number, number> }> {
  const r = await db.query<{ exactId: string | null; terms: string[] | null; texts: number[] | null }>(
    `SELECT (SELECT id::text FROM memory_sources
              WHERE source_lang = $2 AND text_hash = sha256(convert_to($1, 'UTF8')) AND plain_text = $1) AS "exactId",
            f.terms, f.texts
       FROM (SELECT array_agg(term::text) AS terms, array_agg(texts) AS texts
               FROM memory_term_frequencies WHERE term = ANY($3::bigint[])) f`,
    [q.plain, q.sourceLang, q.terms],
  );
  const row = r.rows[0];
  const terms = row.terms ?? [];
  return { exactId: row.exactId, frequencies: new Map(terms.map((t, i) => [Number(t), row.texts![i]])) };
}

export interface CandidateSource {
  id: string;
  /** `matchTokens` of the text as JSON, stored by the indexer (migration 026); null before. */
  tokens: string | null;
  /** The text, only when its tokens are not stored yet (it is cut into tokens then). */
  plain: string | null;
}

/**
 * The stored texts in `sourceLang` sharing the most of `terms`, each term weighted by its
 * rarity (`weights[i]` for `terms[i]`: sharing a rare pair says more than sharing a common
 * word, and a count of shared terms ties among hundreds of templated neighbours); at most
 * `limit`, ties by newest text; other than `exceptId` (the query's own text, which the exact
 * lookup finds). That exclusion comes before the limit, so the query's text (it shares every
 * term, so it always ranked first) no longer takes a place of the budget. The language is
 * checked after it: terms are hashed with their language (terms.ts), so only a 48-bit
 * collision brings another language's text, and it is dropped.
 */
export async function candidateSources(
  db: Queryable,
  q: { terms: readonly number[]; weights: readonly number[]; sourceLang: string; exceptId: string | null; limit: number },
): Promise<CandidateSource[]> {
  if (q.terms.length === 0) return [];
  const r = await db.query<CandidateSource>(
    `SELECT m.id::text AS id, m.match_tokens AS tokens, CASE WHEN m.match_tokens IS NULL THEN m.plain_text END AS plain
       FROM (SELECT p.source_id, sum(w.weight) AS shared
               FROM unnest($1::bigint[], $5::float8[]) AS w(term, weight)
               JOIN memory_terms p ON p.term = w.term
              WHERE p.source_id IS DISTINCT FROM $3::bigint
              GROUP BY p.source_id ORDER BY shared DESC, p.source_id DESC LIMIT $4) c
       JOIN memory_sources m ON m.id = c.source_id
      WHERE m.source_lang = $2
      ORDER BY c.shared DESC, c.source_id DESC`,
    [q.terms, q.sourceLang, q.exceptId, q.limit, q.weights],
  );
  return r.rows;
}

/** Memory sources not indexed yet, and stale translations not linked yet (tests, check). */
export async function pendingCounts(db: Queryable): Promise<{ sources: number; stale: number }> {
  const r = await db.query<{ sources: number; stale: number }>(
    `SELECT (SELECT count(*)::int FROM memory_sources WHERE NOT indexed) AS sources,
            (SELECT count(*)::int FROM translations WHERE previous_source IS NOT NULL AND previous_memory_source_id IS NULL) AS stale`,
  );
  return r.rows[0];
}
