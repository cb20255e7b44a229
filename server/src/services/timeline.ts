import type { Timeline, TimelinePoint } from '@lockstep/shared/api';
import type { Queryable } from '../db/db.js';
import { listRevisions } from '../repos/revisions.js';
import { completionByDay } from '../repos/timeline.js';
import { requireDocument } from './documents.js';

/** Completion over time of every target language of a document (GET …/progress/timeline). */
export async function progressTimeline(db: Queryable, documentId: string): Promise<Timeline> {
  const doc = await requireDocument(db, documentId);
  const [rows, revisions] = await Promise.all([completionByDay(db, doc.id), listRevisions(db, doc.id)]);
  const languages: Record<string, TimelinePoint[]> = Object.fromEntries(doc.targetLangs.map((lang) => [lang, []]));
  for (const { lang, day, ...counts } of rows) languages[lang]?.push({ date: day, ...counts });
  return {
    revision: doc.revision,
    languages,
    revisions: revisions
      .map((r) => ({ number: r.number, date: new Date(r.createdAt).toISOString().slice(0, 10) }))
      .sort((a, b) => a.number - b.number),
  };
}
