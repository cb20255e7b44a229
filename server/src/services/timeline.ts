import type { Queryable } from '../db/db.js';
import { listRevisions } from '../repos/revisions.js';
import { completionByDay } from '../repos/timeline.js';
import { requireDocument } from './documents.js';

export interface TimelinePoint {
  /** `YYYY-MM-DD` (UTC): the values hold at the end of that day and until the next point. */
  date: string;
  /** Done segments (translated, approved) and live translatable segments (locked ones are not work); the same in source words. */
  completed: number;
  total: number;
  completedWords: number;
  totalWords: number;
}

export interface Timeline {
  revision: number;
  /** Per target language, one point per day on which the document's history changed. */
  languages: Record<string, TimelinePoint[]>;
  /** When each revision was published, to mark on the chart. */
  revisions: { number: number; date: string }[];
}

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
