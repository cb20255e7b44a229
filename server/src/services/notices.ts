import { collectDigests, publishCountsByLanguage, utcDay, type DigestMode, type RevisionEffects, type WebhookEvent } from '@lockstep/shared';
import type { Db, Queryable } from '../db/db.js';
import type { DocumentRow } from '../repos/documents.js';
import * as notices from '../repos/notices.js';
import { enqueue } from '../repos/webhooks.js';

/** The body every webhook of `event` receives (signed as these exact bytes). */
function webhookBody(event: WebhookEvent, fields: Record<string, unknown>): string {
  return JSON.stringify({ event, ...fields, at: new Date().toISOString() });
}

/**
 * Inside the publishing transaction: the inbox notices of every translator and reviewer of
 * each language the revision touches, and the `publish` webhooks' outbox rows. Both carry the
 * impact report's counts per language, so what people are told is what was written.
 */
export async function announcePublish(
  tx: Queryable,
  p: { doc: DocumentRow; revision: number; effects: Pick<RevisionEffects, 'stale' | 'suggested' | 'retired' | 'wordsNeedingWork'> },
): Promise<{ notices: number; webhooks: number }> {
  const countsByLang = publishCountsByLanguage(p.effects, p.doc.targetLangs);
  const written = await notices.insertPublishNotices(tx, { documentId: p.doc.id, revision: p.revision, countsByLang });
  const body = webhookBody('publish', { document: p.doc.id, title: p.doc.title, revision: p.revision, languages: countsByLang });
  return { notices: written, webhooks: await enqueue(tx, 'publish', body) };
}

/** Inside an import's transaction: the `import.applied` webhooks' outbox rows (units applied and their source words). */
export async function announceImportApplied(
  tx: Queryable,
  p: { doc: DocumentRow; lang: string; appliedWords: readonly number[] },
): Promise<number> {
  if (p.appliedWords.length === 0) return 0;
  const words = p.appliedWords.reduce((a, b) => a + b, 0);
  const body = webhookBody('import.applied', {
    document: p.doc.id,
    title: p.doc.title,
    revision: p.doc.revision,
    languages: { [p.lang]: { applied: p.appliedWords.length, words } },
  });
  return enqueue(tx, 'import.applied', body);
}

export const INBOX_DEFAULT_LIMIT = 50;
/** Daily digests listed: a month of them. */
const DIGEST_DAYS = 31;

/**
 * The signed-in user's notices, newest first, with the number still unread. A user who collects
 * a daily digest gets the notices of each finished UTC day as one digest entry; the current
 * day's are held until it ends. `now` is the clock (injected by tests).
 */
export async function inbox(db: Db, userId: number, limit = INBOX_DEFAULT_LIMIT, now = new Date()) {
  const today = utcDay(now);
  const [list, unread, digest, held] = await Promise.all([
    notices.listNotices(db, userId, limit),
    notices.unreadCount(db, userId, today),
    notices.digestModeOf(db, userId),
    notices.listDigestNotices(db, userId, today, DIGEST_DAYS),
  ]);
  return { unread, digest, notices: list, digests: collectDigests(held) };
}

/** Marks the user's notices read (the given ids, a digest's id for its whole day, or all); answers with what is still unread. */
export async function markNoticesRead(db: Db, userId: number, ids: readonly number[] | null, now = new Date()) {
  const today = utcDay(now);
  const marked = await notices.markRead(db, userId, ids, today);
  return { marked, unread: await notices.unreadCount(db, userId, today) };
}

/** Chooses a notice each time or a daily digest; notices already written keep how they were written. */
export async function setDigestMode(db: Db, userId: number, digest: DigestMode) {
  await notices.setDigestMode(db, userId, digest);
  return { digest };
}
