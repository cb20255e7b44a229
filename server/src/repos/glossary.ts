import type { GlossaryRecord } from '@lockstep/shared';
import type { GlossaryEntry, Sendable } from '@lockstep/shared/api';
import type { Queryable } from '../db/db.js';

/** A term as stored, with its pending proposals (the API's entry; the times as the driver gives them). */
export type GlossaryRow = Omit<GlossaryEntry, 'updatedAt'> & Pick<Sendable<GlossaryEntry>, 'updatedAt'>;

/** A term's stored fields: what a glossary file carries. */
export type TermFields = GlossaryRecord;

// One statement per read: each term with its pending proposals as a JSON array.
const ENTRY_SELECT = `
  SELECT t.id::int AS id, t.source_lang AS "sourceLang", t.term, t.note, t.do_not_translate AS "doNotTranslate",
         t.case_sensitive AS "caseSensitive", t.translations, t.version, t.updated_at AS "updatedAt",
         COALESCE((SELECT jsonb_agg(jsonb_build_object('id', p.id, 'lang', p.lang, 'text', p.text,
                                   'proposedBy', jsonb_build_object('id', u.id, 'name', u.name), 'createdAt', p.created_at) ORDER BY p.id)
                     FROM glossary_proposals p JOIN users u ON u.id = p.proposed_by
                    WHERE p.term_id = t.id AND p.status = 'pending'), '[]'::jsonb) AS proposals
    FROM glossary_terms t`;

/** The terms of a source language, alphabetical; `q` finds terms, notes and translations containing it (any case). */
export async function listTerms(db: Queryable, sourceLang: string, q?: string): Promise<GlossaryRow[]> {
  const pattern = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const r = await db.query<GlossaryRow>(
    `${ENTRY_SELECT}
      WHERE t.source_lang = $1
        AND ($2::text IS NULL OR t.term ILIKE $2 OR t.note ILIKE $2 OR t.translations::text ILIKE $2)
      ORDER BY lower(t.term), t.id`,
    [sourceLang, pattern],
  );
  return r.rows;
}

export async function findTerm(db: Queryable, id: number): Promise<GlossaryRow | undefined> {
  const r = await db.query<GlossaryRow>(`${ENTRY_SELECT} WHERE t.id = $1`, [id]);
  return r.rows[0];
}

/**
 * The stored entry with the same term and note (any case) as each of `keys`, by the key's
 * place in the list: one statement for a whole imported file.
 */
export async function findSameTerms(db: Queryable, keys: readonly Pick<TermFields, 'sourceLang' | 'term' | 'note'>[]): Promise<Map<number, GlossaryRow>> {
  if (keys.length === 0) return new Map();
  const r = await db.query<GlossaryRow & { place: number }>(
    `SELECT k.place::int - 1 AS place, e.*
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS k(source_lang, term, note, place)
       CROSS JOIN LATERAL (${ENTRY_SELECT}
              WHERE t.source_lang = k.source_lang AND lower(t.term) = lower(k.term) AND lower(t.note) = lower(k.note)) e`,
    [keys.map((k) => k.sourceLang), keys.map((k) => k.term), keys.map((k) => k.note)],
  );
  return new Map(r.rows.map(({ place, ...row }) => [place, row]));
}

/** Inserts a term; undefined when the same term and note already exist (the unique index decides, race-free). */
export async function insertTerm(tx: Queryable, t: TermFields, userId: number): Promise<number | undefined> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO glossary_terms (source_lang, term, note, do_not_translate, case_sensitive, translations, created_by)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
     ON CONFLICT DO NOTHING RETURNING id::int AS id`,
    [t.sourceLang, t.term, t.note, t.doNotTranslate, t.caseSensitive, JSON.stringify(t.translations), userId],
  );
  return r.rows[0]?.id;
}

export type UpdateResult = 'updated' | 'version' | 'duplicate';

/**
 * Writes a term's fields if it is still at `version`. 'version': someone wrote it since;
 * 'duplicate': the new term and note are another entry's.
 */
export async function updateTerm(tx: Queryable, id: number, version: number, t: Omit<TermFields, 'sourceLang'>): Promise<UpdateResult> {
  const r = await tx.query<{ id: number }>(
    `UPDATE glossary_terms SET term = $3, note = $4, do_not_translate = $5, case_sensitive = $6, translations = $7::jsonb,
            version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2
        AND NOT EXISTS (SELECT 1 FROM glossary_terms o WHERE o.id <> $1 AND o.source_lang = glossary_terms.source_lang
                          AND lower(o.term) = lower($3) AND lower(o.note) = lower($4))
      RETURNING id`,
    [id, version, t.term, t.note, t.doNotTranslate, t.caseSensitive, JSON.stringify(t.translations)],
  );
  if (r.rows.length) return 'updated';
  const v = await tx.query<{ version: number }>('SELECT version FROM glossary_terms WHERE id = $1', [id]);
  return v.rows[0]?.version === version ? 'duplicate' : 'version';
}

export async function deleteTerm(tx: Queryable, id: number): Promise<boolean> {
  const r = await tx.query('DELETE FROM glossary_terms WHERE id = $1', [id]);
  return (r.rowCount ?? 0) > 0;
}

/** A pending proposal; the same pending text again is not a second one. */
export async function insertProposal(tx: Queryable, termId: number, lang: string, text: string, userId: number): Promise<void> {
  await tx.query(
    `INSERT INTO glossary_proposals (term_id, lang, text, proposed_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [termId, lang, text, userId],
  );
}

export interface ProposalRow {
  id: number;
  termId: number;
  lang: string;
  text: string;
  pending: boolean;
}

export async function findProposal(db: Queryable, termId: number, id: number): Promise<ProposalRow | undefined> {
  const r = await db.query<ProposalRow>(
    `SELECT id::int AS id, term_id::int AS "termId", lang, text, status = 'pending' AS pending
       FROM glossary_proposals WHERE id = $1 AND term_id = $2`,
    [id, termId],
  );
  return r.rows[0];
}

/** Declines a pending proposal (it stays, settled, for the record). False when it was settled meanwhile. */
export async function declineProposal(tx: Queryable, id: number, userId: number): Promise<boolean> {
  const r = await tx.query(
    `UPDATE glossary_proposals SET status = 'declined', settled_by = $2, settled_at = now() WHERE id = $1 AND status = 'pending'`,
    [id, userId],
  );
  return (r.rowCount ?? 0) > 0;
}

/**
 * Accepts a pending proposal: its text joins the language's translations (last, unless it is
 * there already) and the term's version moves, in one statement. False when it was settled meanwhile.
 */
export async function acceptProposal(tx: Queryable, p: ProposalRow, userId: number): Promise<boolean> {
  const r = await tx.query(
    `WITH settled AS (
       UPDATE glossary_proposals SET status = 'accepted', settled_by = $2, settled_at = now()
        WHERE id = $1 AND status = 'pending' RETURNING term_id, lang, text)
     UPDATE glossary_terms t
        SET translations = jsonb_set(t.translations, ARRAY[s.lang],
              CASE WHEN COALESCE(t.translations -> s.lang, '[]'::jsonb) @> to_jsonb(ARRAY[s.text])
                   THEN t.translations -> s.lang
                   ELSE COALESCE(t.translations -> s.lang, '[]'::jsonb) || to_jsonb(ARRAY[s.text]) END),
            version = t.version + 1, updated_at = now()
       FROM settled s WHERE t.id = s.term_id`,
    [p.id, userId],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Every term of a source language with its translations, alphabetical, without proposals: the export and the QA report. */
export async function termsWithTranslations(db: Queryable, sourceLang: string): Promise<(TermFields & { id: number; version: number })[]> {
  const r = await db.query<TermFields & { id: number; version: number }>(
    `SELECT id::int AS id, source_lang AS "sourceLang", term, note, do_not_translate AS "doNotTranslate",
            case_sensitive AS "caseSensitive", translations, version
       FROM glossary_terms WHERE source_lang = $1 ORDER BY lower(term), id`,
    [sourceLang],
  );
  return r.rows;
}
