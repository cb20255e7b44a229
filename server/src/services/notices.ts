import { publishCountsByLanguage, type RevisionEffects, type WebhookEvent } from '@lockstep/shared';
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

/** The signed-in user's notices, newest first, with the number still unread. */
export async function inbox(db: Db, userId: number, limit = INBOX_DEFAULT_LIMIT) {
  const [list, unread] = await Promise.all([notices.listNotices(db, userId, limit), notices.unreadCount(db, userId)]);
  return { unread, notices: list };
}

/** Marks the user's notices read (the given ids, or all); answers with what is still unread. */
export async function markNoticesRead(db: Db, userId: number, ids: readonly number[] | null) {
  const marked = await notices.markRead(db, userId, ids);
  return { marked, unread: await notices.unreadCount(db, userId) };
}
