import { may, type Actor } from './roles.js';

/**
 * Questions and comments on segments (issue 21): who may do what to a comment, and which
 * users a text mentions. Pure rules; the server applies them to stored comments.
 */

export const COMMENT_KINDS = ['comment', 'question'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

/** Far above any question about a sentence; longer is a mistake or an attack. */
export const MAX_COMMENT_CHARS = 5_000;

/** What the rules need to know about a stored comment. */
export interface CommentFacts {
  authorId: number;
  /** null: the thread for all languages. */
  lang: string | null;
  kind: CommentKind;
}

/** Translators and reviewers in their languages; everyone in the all-language thread; coordinators and admins everywhere. */
export function mayComment(actor: Actor, lang: string | null): boolean {
  return may(actor, 'comment', lang ?? undefined);
}

/** Only the author rewrites their words. */
export function mayEditComment(actor: Actor, c: CommentFacts): boolean {
  return actor.id === c.authorId;
}

/** The author, or a coordinator or admin (moderation); the row stays as a tombstone. */
export function mayDeleteComment(actor: Actor, c: CommentFacts): boolean {
  return actor.id === c.authorId || actor.role === 'coordinator' || actor.role === 'admin';
}

/**
 * A question is closed by whoever asked it, a reviewer of its language, or a coordinator or
 * admin. A question for all languages may be closed by any reviewer (one answer serves all).
 */
export function mayResolveQuestion(actor: Actor, c: CommentFacts): boolean {
  if (actor.id === c.authorId) return true;
  if (actor.role === 'coordinator' || actor.role === 'admin') return true;
  if (actor.role !== 'reviewer') return false;
  return c.lang === null || may(actor, 'approve', c.lang);
}

// `@` not glued to a word before it (so "ko@example.org" inside a text is not a mention of
// "example.org"), then a name, optionally followed by "@domain" to make an e-mail address.
const MENTION = /(?<![\p{L}\p{N}_.@+-])@([\p{L}\p{N}_][\p{L}\p{N}\p{M}_.+-]*(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?)/gu;

/**
 * The names and e-mail addresses a text mentions (`@ko`, `@ana.silva`, `@ko@example.org`),
 * lower-cased, each once, in order. Trailing sentence punctuation is not part of a name
 * ("ask @ko." mentions "ko"). Names with spaces can only be mentioned by e-mail.
 */
export function mentionedHandles(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.normalize('NFC').matchAll(MENTION)) {
    const handle = m[1].replace(/[.+-]+$/u, '').toLowerCase();
    if (handle) out.add(handle);
  }
  return [...out];
}
