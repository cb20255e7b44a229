import type { CommentKind } from '../comments.js';
import type { LanguageCode } from '../languages.js';
import type { Timestamp } from './json.js';

export type { CommentKind };

/** A user as a comment names them. */
export interface CommentUser {
  id: number;
  name: string;
}

/** An earlier text of an edited comment. */
export interface CommentEdit {
  text: string;
  /** When this text was replaced by the next one. */
  replacedAt: Timestamp;
}

/**
 * One comment or question of a segment's thread. A deleted comment stays as a tombstone:
 * `deleted` true, `text` null, no mentions and no earlier texts.
 */
export interface Comment {
  id: number;
  segmentId: string;
  /** null: in the thread for all languages. */
  lang: LanguageCode | null;
  kind: CommentKind;
  text: string | null;
  author: CommentUser;
  createdAt: Timestamp;
  editedAt: Timestamp | null;
  /** Earlier texts, oldest first (empty when never edited). */
  edits: CommentEdit[];
  mentions: CommentUser[];
  /** Questions: open until resolved (a deleted question is not open). Always false for comments. */
  open: boolean;
  resolvedAt: Timestamp | null;
  resolvedBy: CommentUser | null;
  deleted: boolean;
  deletedAt: Timestamp | null;
  deletedBy: CommentUser | null;
  /** The document revision current when it was written. */
  revision: number;
  /** The segment's source has changed since this was written (a later revision modified it). */
  sourceChanged: boolean;
}

/** `GET …/segments/:seg/comments`: oldest first. */
export interface CommentThread {
  comments: Comment[];
}

/** A comment write (create, edit, delete, resolve) answers with the comment as it now is. */
export interface CommentEnvelope {
  comment: Comment;
}
