import type { Queryable } from '../db/db.js';

/** How finely the history is cut: whole UTC days, or hours for a document's first days. */
export type TimelineBucket = 'day' | 'hour';

/** One language at the end of one day or hour (UTC) in which something changed in the document. */
export interface TimelineRow {
  lang: string;
  /** `YYYY-MM-DD`, UTC: the day of the bucket. */
  day: string;
  /** The bucket's start, `YYYY-MM-DDTHH:00:00Z`. */
  at: string;
  completed: number;
  total: number;
  completedWords: number;
  totalWords: number;
}

/**
 * Completion per day and target language, replayed from the history (translation_events) and
 * the revisions, as changes ("deltas") that are summed up day by day:
 *
 * - a translation event adds 1 when it makes a translation done (translated or approved) and
 *   takes 1 away when it ends that (stale, reverted to untranslated…), compared with the
 *   translation's previous event (a translation row starts untranslated, with no event);
 * - a translatable segment counts in the total from the revision that brought it until the
 *   one that retired it; a retired segment's done translation stops counting when it retires;
 * - a locked segment counts nowhere: it is copied from the source, not work (api.md
 *   "Progress"), so a language nobody has touched stays at 0.
 *
 * The result is exact for the counts the progress route shows today (the last row of each
 * language equals its translated + approved and its total − locked), with two approximations for the past: a segment's current word count
 * and lockedness stand for its whole life (an edit that keeps a segment's id may change both),
 * and times are cut into UTC days.
 */
export async function completionByDay(db: Queryable, documentId: string, bucket: TimelineBucket = 'day'): Promise<TimelineRow[]> {
  const r = await db.query<TimelineRow>(
    `WITH doc AS (
       SELECT target_langs FROM documents WHERE id = $1
     ), langs AS (
       SELECT unnest(target_langs) AS lang FROM doc
     ), rev AS (
       SELECT number, created_at FROM revisions WHERE document_id = $1
     ), seg AS (
       SELECT s.id, s.words, born.created_at AS born_at, gone.created_at AS gone_at
         FROM segments s
         JOIN rev born ON born.number = s.first_revision
         LEFT JOIN rev gone ON gone.number = s.retired_in
        WHERE s.document_id = $1 AND s.translatable
     ), flagged AS (
       SELECT e.segment_id, e.lang, e.version, e.created_at,
              CASE WHEN lockstep_is_done(e.state) THEN 1 ELSE 0 END AS done
         FROM translation_events e
         JOIN seg ON seg.id = e.segment_id
        WHERE e.lang IN (SELECT lang FROM langs)
     ), changes AS (
       SELECT segment_id, lang, created_at,
              done - lag(done, 1, 0) OVER (PARTITION BY segment_id, lang ORDER BY version) AS delta
         FROM flagged
     ), last_done AS (
       SELECT DISTINCT ON (segment_id, lang) segment_id, lang, done
         FROM flagged ORDER BY segment_id, lang, version DESC
     ), done_deltas AS (
       SELECT c.lang, c.created_at AS at, c.delta AS n, c.delta * seg.words AS w
         FROM changes c JOIN seg ON seg.id = c.segment_id
        WHERE c.delta <> 0
       UNION ALL
       SELECT l.lang, seg.gone_at, -l.done, -l.done * seg.words
         FROM last_done l JOIN seg ON seg.id = l.segment_id
        WHERE l.done = 1 AND seg.gone_at IS NOT NULL
     ), total_deltas AS (
       SELECT x.at, x.n, x.n * seg.words AS w
         FROM seg CROSS JOIN LATERAL (VALUES (seg.born_at, 1), (seg.gone_at, -1)) AS x(at, n)
        WHERE x.at IS NOT NULL
     ), done_daily AS (
       SELECT lang, date_trunc($2, at AT TIME ZONE 'UTC') AS day, sum(n) AS n, sum(w) AS w
         FROM done_deltas GROUP BY 1, 2
     ), total_daily AS (
       SELECT date_trunc($2, at AT TIME ZONE 'UTC') AS day, sum(n) AS n, sum(w) AS w
         FROM total_deltas GROUP BY 1
     ), days AS (
       SELECT day FROM total_daily UNION SELECT day FROM done_daily
     )
     SELECT langs.lang, to_char(days.day, 'YYYY-MM-DD') AS day, to_char(days.day, 'YYYY-MM-DD"T"HH24:00:00"Z"') AS at,
            (sum(coalesce(d.n, 0)) OVER w)::int AS completed,
            (sum(coalesce(t.n, 0)) OVER w)::int AS total,
            (sum(coalesce(d.w, 0)) OVER w)::int AS "completedWords",
            (sum(coalesce(t.w, 0)) OVER w)::int AS "totalWords"
       FROM langs CROSS JOIN days
       LEFT JOIN done_daily d ON d.lang = langs.lang AND d.day = days.day
       LEFT JOIN total_daily t ON t.day = days.day
     WINDOW w AS (PARTITION BY langs.lang ORDER BY days.day)
      ORDER BY langs.lang, days.day`,
    [documentId, bucket],
  );
  return r.rows;
}
