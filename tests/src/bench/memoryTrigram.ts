/**
 * The translation memory's previous candidate search (migrations 005/006, until issue 19): the
 * identical text by its hash, then pg_trgm similarity over memory_sources in tiers of falling
 * threshold until enough rows were found. Kept here, out of the server, so the tm-* benches
 * measure it beside the candidate index in the same run on the same data (the trigram index
 * itself stays: the concordance search uses it). Same SQL as it ran.
 */
import type { Queryable } from '@lockstep/server/db';
import type { MemoryRow } from '@lockstep/server/repos/memory';

export const TRIGRAM_TIERS: readonly number[] = [0.7, 0.6, 0.5];
const MAX_SOURCES_PER_TIER = 500;

const TRANSLATIONS_OF_SOURCE = `
  JOIN segments s ON s.memory_source_id = m.id AND s.id <> $4
  JOIN translations t ON t.segment_id = s.id AND t.lang = $3 AND lockstep_is_done(t.state) AND btrim(t.text) <> ''`;
const COLUMNS = `t.text, s.source, s.document_id AS "documentId", s.id AS "segmentId", t.state, t.updated_at AS "updatedAt"`;

export interface TrigramQuery {
  plain: string;
  sourceLang: string;
  lang: string;
  excludeSegmentId: string;
  limit: number;
}

/** The previous lookup's rows (exact, then similar tier by tier); call inside a transaction. */
export async function trigramCandidates(tx: Queryable, q: TrigramQuery): Promise<{ rows: MemoryRow[]; sources: number }> {
  const params = [q.plain, q.sourceLang, q.lang, q.excludeSegmentId, q.limit];
  const exact = await tx.query<MemoryRow>(
    `SELECT ${COLUMNS} FROM memory_sources m ${TRANSLATIONS_OF_SOURCE}
      WHERE m.source_lang = $2 AND m.text_hash = sha256(convert_to($1, 'UTF8')) AND m.plain_text = $1
      ORDER BY t.updated_at DESC, s.id LIMIT $5`,
    params,
  );
  let similar: MemoryRow[] = [];
  let sources = 0;
  const wanted = q.limit - exact.rows.length;
  for (const tier of wanted > 0 ? TRIGRAM_TIERS : []) {
    await tx.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(tier)]);
    const r = await tx.query<MemoryRow & { n: string }>(
      `SELECT ${COLUMNS}, count(*) OVER () AS n
         FROM (SELECT id, plain_text FROM memory_sources
                WHERE source_lang = $2 AND plain_text % $1 AND plain_text <> $1
                LIMIT $6) m ${TRANSLATIONS_OF_SOURCE}
        ORDER BY similarity(m.plain_text, $1) DESC, t.updated_at DESC, s.id
        LIMIT $5`,
      [q.plain, q.sourceLang, q.lang, q.excludeSegmentId, wanted, MAX_SOURCES_PER_TIER],
    );
    similar = r.rows;
    sources = Number(r.rows[0]?.n ?? 0);
    if (similar.length >= wanted) break;
  }
  return { rows: [...exact.rows, ...similar], sources };
}
