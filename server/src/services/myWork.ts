import { workFor, type Actor } from '@lockstep/shared';
import type { MyWork } from '@lockstep/shared/api';
import type { Queryable } from '../db/db.js';
import * as documents from '../repos/documents.js';
import { documentsWithProgress } from './progress.js';

/**
 * `GET /api/my-work`: the caller's languages in every document with what is left to translate
 * (and, for reviewers, to approve), newest revision first (`workFor` in shared/). Read from the
 * progress counters, so one row per document × language whatever the documents' sizes.
 */
export async function myWork(db: Queryable, actor: Actor): Promise<MyWork> {
  if (actor.languages.length === 0) return { items: [] };
  const [listed, revisedAt] = await Promise.all([documentsWithProgress(db), documents.currentRevisionTimes(db)]);
  const sources = listed.flatMap(({ doc, progress }) => {
    const at = revisedAt.get(doc.id);
    return at ? [{ ...doc, revisedAt: at.toISOString(), progress }] : [];
  });
  return { items: workFor(actor, sources) };
}
