import type { Queryable } from '../db/db.js';

/** A stored translation as a TMX export writes it. */
export interface ExportRow {
  sourceLang: string;
  lang: string;
  source: string;
  /** Coded text (segment translations) or plain (imported units). */
  text: string;
  changed: Date;
  /** The keyset position to continue after. */
  key: string;
}

export interface ExportFilter {
  sourceLang: string | null;
  lang: string | null;
  after: string;
  limit: number;
}

/** Done translations of segments, in (segment, language) order after `after` (`segment\u0001lang`). */
export async function exportSegmentPairs(db: Queryable, f: ExportFilter): Promise<ExportRow[]> {
  const [segment, lang] = f.after === '' ? ['', ''] : f.after.split('\u0001');
  const r = await db.query<ExportRow>(
    `SELECT d.source_lang AS "sourceLang", t.lang, s.plain_text AS source, t.text, t.updated_at AS changed,
            t.segment_id || chr(1) || t.lang AS key
       FROM translations t
       JOIN segments s ON s.id = t.segment_id
       JOIN documents d ON d.id = s.document_id
      WHERE (t.segment_id, t.lang) > ($3, $4) AND lockstep_is_done(t.state) AND btrim(t.text) <> ''
        AND ($1::text IS NULL OR d.source_lang = $1) AND ($2::text IS NULL OR t.lang = $2)
      ORDER BY t.segment_id, t.lang
      LIMIT $5`,
    [f.sourceLang, f.lang, segment, lang, f.limit],
  );
  return r.rows;
}

/** Imported units, in id order after `after`. */
export async function exportImportedPairs(db: Queryable, f: ExportFilter): Promise<ExportRow[]> {
  const r = await db.query<ExportRow>(
    `SELECT m.source_lang AS "sourceLang", i.lang, m.plain_text AS source, i.text, i.imported_at AS changed, i.id::text AS key
       FROM memory_imports i JOIN memory_sources m ON m.id = i.memory_source_id
      WHERE i.id > $3::bigint AND ($1::text IS NULL OR m.source_lang = $1) AND ($2::text IS NULL OR i.lang = $2)
      ORDER BY i.id
      LIMIT $4`,
    [f.sourceLang, f.lang, f.after === '' ? '0' : f.after, f.limit],
  );
  return r.rows;
}

export interface ImportPair {
  sourceLang: string;
  lang: string;
  source: string;
  target: string;
}

/**
 * Stores imported pairs, each (source, target, language) once: the source becomes (or is) a
 * memory source, unindexed until the indexer runs. Returns, per pair in order, whether it was
 * new (false: that pair was stored already, or earlier in this batch).
 */
export async function insertImportedPairs(tx: Queryable, pairs: readonly ImportPair[], origin: string, userId: number | null): Promise<boolean[]> {
  if (pairs.length === 0) return [];
  const ids = await tx.query<{ id: string }>(
    `SELECT lockstep_memory_source_id(x.source_lang, x.source)::text AS id
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(source_lang, source, n)
      ORDER BY x.n`,
    [pairs.map((p) => p.sourceLang), pairs.map((p) => p.source)],
  );
  const sourceIds = ids.rows.map((r) => r.id);
  const r = await tx.query<{ key: string }>(
    `INSERT INTO memory_imports (memory_source_id, lang, text, text_hash, origin, imported_by)
     SELECT x.source_id, x.lang, x.target, sha256(convert_to(x.target, 'UTF8')), $4, $5
       FROM unnest($1::bigint[], $2::text[], $3::text[]) WITH ORDINALITY AS x(source_id, lang, target, n)
      ORDER BY x.n
     ON CONFLICT (memory_source_id, lang, text_hash) DO NOTHING
     RETURNING memory_source_id::text || chr(1) || lang || chr(1) || text AS key`,
    [sourceIds, pairs.map((p) => p.lang), pairs.map((p) => p.target), origin, userId],
  );
  const inserted = new Set(r.rows.map((row) => row.key));
  return pairs.map((p, i) => inserted.delete(`${sourceIds[i]}\u0001${p.lang}\u0001${p.target}`));
}
