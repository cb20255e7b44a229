import type { CommentKind } from '@lockstep/shared';
import type { Comment, Sendable } from '@lockstep/shared/api';
import type { Queryable } from '../db/db.js';

/** What the rules and the writers need of a stored comment. */
export interface CommentFactsRow {
  id: number;
  documentId: string;
  segmentId: string;
  lang: string | null;
  kind: CommentKind;
  text: string;
  authorId: number;
  deleted: boolean;
  resolved: boolean;
}

export async function findCommentFacts(db: Queryable, id: number): Promise<CommentFactsRow | undefined> {
  const r = await db.query<Omit<CommentFactsRow, 'id' | 'authorId'> & { id: string; authorId: string }>(
    `SELECT id, document_id AS "documentId", segment_id AS "segmentId", lang, kind, text, author_id AS "authorId",
            deleted_at IS NOT NULL AS deleted, resolved_at IS NOT NULL AS resolved
       FROM comments WHERE id = $1`,
    [id],
  );
  const row = r.rows[0];
  return row && { ...row, id: Number(row.id), authorId: Number(row.authorId) };
}

/** The segment a thread hangs on: its coded source now, and whether a revision retired it. */
export async function segmentOfDocument(
  db: Queryable,
  documentId: string,
  segmentId: string,
): Promise<{ source: string; retired: boolean } | undefined> {
  const r = await db.query<{ source: string; retired: boolean }>(
    'SELECT source, retired_in IS NOT NULL AS retired FROM segments WHERE id = $1 AND document_id = $2',
    [segmentId, documentId],
  );
  return r.rows[0];
}

export interface NewComment extends Pick<CommentFactsRow, 'documentId' | 'segmentId' | 'lang' | 'kind' | 'text' | 'authorId'> {
  mentions: number[];
  /** The segment's coded source and the document's revision as the author saw them. */
  source: string;
  revision: number;
}

export async function insertComment(tx: Queryable, c: NewComment): Promise<number> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO comments (document_id, segment_id, lang, kind, text, author_id, mentions, source_at_comment, revision_at_comment)
     VALUES ($1, $2, $3, $4, $5, $6, $7::bigint[], $8, $9) RETURNING id`,
    [c.documentId, c.segmentId, c.lang, c.kind, c.text, c.authorId, c.mentions, c.source, c.revision],
  );
  return Number(r.rows[0].id);
}

/** Keeps the text being replaced, then writes the new one (the author's edit). */
export async function replaceText(tx: Queryable, id: number, text: string, mentions: number[], userId: number): Promise<void> {
  await tx.query(
    `INSERT INTO comment_edits (comment_id, text, replaced_by) SELECT id, text, $2 FROM comments WHERE id = $1`,
    [id, userId],
  );
  await tx.query(`UPDATE comments SET text = $2, mentions = $3::bigint[], edited_at = now() WHERE id = $1`, [id, text, mentions]);
}

/** A tombstone: the row and its history stay. False when it was already deleted. */
export async function markDeleted(tx: Queryable, id: number, userId: number): Promise<boolean> {
  const r = await tx.query(`UPDATE comments SET deleted_at = now(), deleted_by = $2 WHERE id = $1 AND deleted_at IS NULL`, [id, userId]);
  return r.rowCount === 1;
}

/** Closes an open question; false when it was no longer open (someone else was first). */
export async function markResolved(tx: Queryable, id: number, userId: number): Promise<boolean> {
  const r = await tx.query(
    `UPDATE comments SET resolved_at = now(), resolved_by = $2
      WHERE id = $1 AND kind = 'question' AND resolved_at IS NULL AND deleted_at IS NULL`,
    [id, userId],
  );
  return r.rowCount === 1;
}

export interface MentionableUser {
  id: number;
  name: string;
  email: string;
}

/** Active users whose e-mail or (case-insensitive) name is one of the handles. */
export async function usersByHandles(db: Queryable, handles: readonly string[]): Promise<MentionableUser[]> {
  if (handles.length === 0) return [];
  const r = await db.query<{ id: string; name: string; email: string }>(
    `SELECT id, name, email FROM users WHERE active AND (email = ANY($1::text[]) OR lower(name) = ANY($1::text[])) ORDER BY id`,
    [handles],
  );
  return r.rows.map((u) => ({ ...u, id: Number(u.id) }));
}

const user = (alias: string) => `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${alias}.id, 'name', ${alias}.name) END`;

// A tombstone shows who wrote it and who deleted it, not what it said.
const VIEW = `
  SELECT c.id, c.segment_id AS "segmentId", c.lang, c.kind,
         CASE WHEN c.deleted_at IS NULL THEN c.text END AS text,
         ${user('a')} AS author, c.created_at AS "createdAt", c.edited_at AS "editedAt",
         CASE WHEN c.deleted_at IS NULL THEN coalesce(
           (SELECT json_agg(json_build_object('text', e.text, 'replacedAt', e.replaced_at) ORDER BY e.id)
              FROM comment_edits e WHERE e.comment_id = c.id), '[]') ELSE '[]' END AS edits,
         CASE WHEN c.deleted_at IS NULL THEN coalesce(
           (SELECT json_agg(json_build_object('id', m.id, 'name', m.name) ORDER BY m.id)
              FROM users m WHERE m.id = ANY (c.mentions)), '[]') ELSE '[]' END AS mentions,
         (c.kind = 'question' AND c.resolved_at IS NULL AND c.deleted_at IS NULL) AS open,
         c.resolved_at AS "resolvedAt", ${user('r')} AS "resolvedBy",
         c.deleted_at IS NOT NULL AS deleted, c.deleted_at AS "deletedAt", ${user('d')} AS "deletedBy",
         c.revision_at_comment AS revision,
         c.source_at_comment IS DISTINCT FROM s.source AS "sourceChanged"
    FROM comments c
    JOIN users a ON a.id = c.author_id
    JOIN segments s ON s.id = c.segment_id
    LEFT JOIN users r ON r.id = c.resolved_by
    LEFT JOIN users d ON d.id = c.deleted_by`;

type CommentView = Sendable<Comment>;

function viewOf(row: CommentView & { id: string | number }): CommentView {
  return { ...row, id: Number(row.id) };
}

export async function commentView(db: Queryable, id: number): Promise<CommentView | undefined> {
  const r = await db.query<CommentView>(`${VIEW} WHERE c.id = $1`, [id]);
  return r.rows[0] && viewOf(r.rows[0]);
}

/**
 * A segment's comments, oldest first: those of `lang` and those for all languages, or every
 * comment of the segment when no language is asked for.
 */
export async function threadOf(db: Queryable, documentId: string, segmentId: string, lang: string | undefined): Promise<CommentView[]> {
  const r = await db.query<CommentView>(
    `${VIEW} WHERE c.document_id = $1 AND c.segment_id = $2 AND ($3::text IS NULL OR c.lang = $3 OR c.lang IS NULL) ORDER BY c.id`,
    [documentId, segmentId, lang ?? null],
  );
  return r.rows.map(viewOf);
}
