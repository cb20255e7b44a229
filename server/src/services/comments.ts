import {
  boundedUserText,
  forbidden,
  MAX_COMMENT_CHARS,
  mayComment,
  mayDeleteComment,
  mayEditComment,
  mayResolveQuestion,
  mentionedHandles,
  notFound,
  unprocessable,
  type Actor,
  type CommentKind,
} from '@lockstep/shared';
import type { Comment, CommentEnvelope, CommentThread, Sendable } from '@lockstep/shared/api';
import type { Db, Queryable } from '../db/db.js';
import { eventsCommitted } from '../events/committed.js';
import * as comments from '../repos/comments.js';
import { insertEvent } from '../repos/events.js';
import { requireDocument, requireTargetLang } from './documents.js';
import { retrying } from '../db/retrying.js';

export interface SegmentRef {
  documentId: string;
  segmentId: string;
}

type Answer = Sendable<CommentEnvelope>;


/**
 * The user ids a text mentions: `@e-mail` names one user; `@name` names the one active user
 * of that name (an ambiguous name mentions nobody: write the e-mail instead).
 */
async function resolveMentions(db: Queryable, text: string): Promise<number[]> {
  const handles = mentionedHandles(text);
  const users = await comments.usersByHandles(db, handles);
  const ids = new Set<number>();
  for (const handle of handles) {
    const byEmail = users.find((u) => u.email === handle);
    const byName = users.filter((u) => u.name.toLowerCase() === handle);
    const id = byEmail?.id ?? (byName.length === 1 ? byName[0].id : undefined);
    if (id !== undefined) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

async function requireSegment(db: Queryable, ref: SegmentRef) {
  const doc = await requireDocument(db, ref.documentId);
  const segment = await comments.segmentOfDocument(db, doc.id, ref.segmentId);
  if (!segment) throw notFound('segment_not_found', `The document "${doc.id}" has no segment "${ref.segmentId}".`);
  return { doc, segment };
}

/** `lang` given: that language's thread and the one for all languages; else every comment of the segment. Retired segments stay readable. */
export async function readThread(db: Db, ref: SegmentRef, lang: string | undefined): Promise<Sendable<CommentThread>> {
  const { doc } = await requireSegment(db, ref);
  if (lang !== undefined) requireTargetLang(doc, lang);
  return { comments: await comments.threadOf(db, doc.id, ref.segmentId, lang) };
}

type Action = 'created' | 'edited' | 'deleted' | 'resolved';

/**
 * One write and its live event in one transaction, then the event is numbered. The event
 * carries ids only: readers fetch the thread through the permission-checked API.
 */
async function writeWithEvent(
  db: Db,
  actor: Actor,
  facts: { documentId: string; segmentId: string; lang: string | null; kind: CommentKind },
  action: Action,
  write: (tx: Queryable) => Promise<number | undefined>,
): Promise<Answer> {
  const id = await retrying(() =>
    db.transaction(async (tx) => {
      const written = await write(tx);
      if (written === undefined) return undefined;
      await insertEvent(tx, {
        documentId: facts.documentId,
        kind: 'comment',
        payload: { comment: written, segment: facts.segmentId, lang: facts.lang, commentKind: facts.kind, action },
        userId: actor.id,
      });
      return written;
    }),
  );
  if (id === undefined) throw unprocessable('question_not_open', 'This question is already resolved or deleted.');
  eventsCommitted(db, facts.documentId);
  return { comment: (await comments.commentView(db, id)) as Sendable<Comment> };
}

export async function createComment(
  db: Db,
  actor: Actor,
  ref: SegmentRef,
  input: { text: string; kind: CommentKind; lang: string | null },
): Promise<Answer> {
  const { doc, segment } = await requireSegment(db, ref);
  const lang = input.lang === null ? null : requireTargetLang(doc, input.lang);
  if (!mayComment(actor, lang)) throw forbidden('not_allowed', `Your account may not comment in "${lang}".`);
  if (segment.retired) throw unprocessable('segment_retired', `The segment "${ref.segmentId}" is no longer in the document; its thread is read-only.`);
  const text = boundedUserText(input.text, MAX_COMMENT_CHARS, 'comment');
  const mentions = await resolveMentions(db, text);
  const facts = { documentId: doc.id, segmentId: ref.segmentId, lang, kind: input.kind };
  return writeWithEvent(db, actor, facts, 'created', (tx) =>
    comments.insertComment(tx, { ...facts, text, authorId: actor.id, mentions, source: segment.source, revision: doc.revision }),
  );
}

async function requireComment(db: Queryable, id: number): Promise<comments.CommentFactsRow> {
  const c = await comments.findCommentFacts(db, id);
  if (!c) throw notFound('comment_not_found', `There is no comment ${id}.`);
  return c;
}

export async function editComment(db: Db, actor: Actor, id: number, input: { text: string }): Promise<Answer> {
  const c = await requireComment(db, id);
  if (!mayEditComment(actor, c)) throw forbidden('not_author', 'Only the author may edit a comment.');
  if (c.deleted) throw unprocessable('comment_deleted', 'This comment was deleted.');
  const text = boundedUserText(input.text, MAX_COMMENT_CHARS, 'comment');
  if (text === c.text) return { comment: (await comments.commentView(db, id)) as Sendable<Comment> };
  const mentions = await resolveMentions(db, text);
  return writeWithEvent(db, actor, c, 'edited', async (tx) => {
    await comments.replaceText(tx, id, text, mentions, actor.id);
    return id;
  });
}

/** A tombstone; deleting a deleted comment changes nothing and answers the same. */
export async function deleteComment(db: Db, actor: Actor, id: number): Promise<Answer> {
  const c = await requireComment(db, id);
  if (!mayDeleteComment(actor, c)) throw forbidden('not_allowed', 'Only the author, a coordinator or an admin may delete a comment.');
  if (c.deleted) return { comment: (await comments.commentView(db, id)) as Sendable<Comment> };
  return writeWithEvent(db, actor, c, 'deleted', async (tx) => {
    await comments.markDeleted(tx, id, actor.id);
    return id;
  });
}

export async function resolveQuestion(db: Db, actor: Actor, id: number): Promise<Answer> {
  const c = await requireComment(db, id);
  if (c.kind !== 'question') throw unprocessable('not_a_question', 'Only a question can be resolved.');
  if (!mayResolveQuestion(actor, c)) {
    throw forbidden('not_allowed', 'A question is resolved by whoever asked it, a reviewer of its language or a coordinator.');
  }
  if (c.deleted || c.resolved) throw unprocessable('question_not_open', 'This question is already resolved or deleted.');
  return writeWithEvent(db, actor, c, 'resolved', async (tx) => ((await comments.markResolved(tx, id, actor.id)) ? id : undefined));
}
