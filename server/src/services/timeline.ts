import type { Timeline, TimelinePoint } from '@lockstep/shared/api';
import type { Queryable } from '../db/db.js';
import { listRevisions } from '../repos/revisions.js';
import { completionByDay, type TimelineBucket } from '../repos/timeline.js';
import { requireDocument } from './documents.js';

/** A history shorter than this is drawn by the hour: by the day it would be one or two dots. */
const HOURLY_UNDER_MS = 3 * 86_400_000;

/**
 * Completion over time of every target language of a document (GET …/progress/timeline).
 * `bucket` is chosen from the history's length unless asked for; `now` is injectable for tests.
 */
export async function progressTimeline(db: Queryable, documentId: string, opts: { bucket?: TimelineBucket; now?: Date } = {}): Promise<Timeline> {
  const doc = await requireDocument(db, documentId);
  const revisions = (await listRevisions(db, doc.id)).sort((a, b) => a.number - b.number);
  const firstAt = revisions.length ? new Date(revisions[0].createdAt).getTime() : Date.now();
  const bucket = opts.bucket ?? ((opts.now ?? new Date()).getTime() - firstAt < HOURLY_UNDER_MS ? 'hour' : 'day');
  const rows = await completionByDay(db, doc.id, bucket);
  const languages: Record<string, TimelinePoint[]> = Object.fromEntries(doc.targetLangs.map((lang) => [lang, []]));
  for (const { lang, day, ...counts } of rows) languages[lang]?.push({ date: day, ...counts });
  return {
    revision: doc.revision,
    bucket,
    languages,
    revisions: revisions.map((r) => {
      const at = new Date(r.createdAt).toISOString();
      return { number: r.number, date: at.slice(0, 10), at };
    }),
  };
}

const CSV_COLUMNS = [
  'time_utc',
  'language',
  'revision',
  'segments_done',
  'segments_total',
  'segments_complete_percent',
  'words_done',
  'words_total',
  'words_complete_percent',
];

/** A CSV field: quoted when it holds a separator, a quote or a line break; a leading =+-@ cannot start a formula. */
function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// With nothing to translate a language is complete, as completeFraction has it.
const percent = (done: number, total: number) => (total === 0 ? 100 : (done / total) * 100).toFixed(1);

/**
 * The timeline as CSV for spreadsheets (GET …/progress/timeline.csv): one row per language and
 * point, oldest first, with the revision in force at that point; completion as the dashboard
 * computes it (locked segments are in neither done nor total).
 */
export function timelineCsv(timeline: Timeline): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const [lang, points] of Object.entries(timeline.languages)) {
    for (const p of points) {
      const end = new Date(p.at).getTime() + (timeline.bucket === 'hour' ? 3_600_000 : 86_400_000);
      const revision = timeline.revisions.filter((r) => new Date(r.at).getTime() < end).at(-1)?.number ?? 1;
      lines.push(
        [p.at, lang, revision, p.completed, p.total, percent(p.completed, p.total), p.completedWords, p.totalWords, percent(p.completedWords, p.totalWords)]
          .map(csvField)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
