import type { Queryable } from '../db/db.js';

/**
 * Moves the demo document's recorded history into the past weeks (the seed writes it all within
 * seconds, which the completion chart could only draw as one dot per language): revision 1 four
 * weeks ago, each language's translating over two weeks after it at its own pace, revision 2
 * six days ago with the stale marks it wrote, the follow-up work over the days since. The order
 * of events is kept (the times only spread out), so history, versions and counters are untouched.
 */
export async function spreadDemoHistory(q: Queryable, documentId: string): Promise<void> {
  await q.query(
    `WITH r2 AS (
       SELECT coalesce((SELECT created_at FROM revisions WHERE document_id = $1 AND number = 2), 'infinity') AS at
     ), ev AS (
       SELECT e.id, e.lang,
              CASE WHEN e.created_at < r2.at THEN 1 WHEN e.created_at = r2.at THEN 2 ELSE 3 END AS phase
         FROM translation_events e JOIN segments s ON s.id = e.segment_id CROSS JOIN r2
        WHERE s.document_id = $1
     ), ranked AS (
       SELECT id, phase,
              row_number() OVER (PARTITION BY phase, lang ORDER BY id)::float8 / count(*) OVER (PARTITION BY phase, lang) AS f,
              dense_rank() OVER (ORDER BY lang) AS lang_rank
         FROM ev
     )
     UPDATE translation_events e
        SET created_at = CASE r.phase
              WHEN 1 THEN now() - interval '27 days' + r.lang_rank * interval '20 hours' + r.f * interval '13 days'
              WHEN 2 THEN now() - interval '6 days'
              ELSE now() - interval '5 days' + r.lang_rank * interval '3 hours' + r.f * interval '4 days'
            END
       FROM ranked r
      WHERE e.id = r.id`,
    [documentId],
  );
  await q.query(
    `UPDATE revisions SET created_at = now() - CASE number WHEN 1 THEN interval '28 days' ELSE interval '6 days' END
      WHERE document_id = $1`,
    [documentId],
  );
  await q.query(`UPDATE documents SET created_at = now() - interval '28 days' WHERE id = $1`, [documentId]);
  await q.query(
    `UPDATE translations t SET updated_at = last.at
       FROM (SELECT e.segment_id, e.lang, max(e.created_at) AS at
               FROM translation_events e JOIN segments s ON s.id = e.segment_id
              WHERE s.document_id = $1 GROUP BY 1, 2) last
      WHERE t.segment_id = last.segment_id AND t.lang = last.lang`,
    [documentId],
  );
  await q.query(
    `UPDATE language_progress p SET last_activity = last.at
       FROM (SELECT e.lang, max(e.created_at) AS at
               FROM translation_events e JOIN segments s ON s.id = e.segment_id
              WHERE s.document_id = $1 AND e.user_id IS NOT NULL GROUP BY 1) last
      WHERE p.document_id = $1 AND p.lang = last.lang`,
    [documentId],
  );
  await q.query(`UPDATE notices SET created_at = now() - interval '6 days' WHERE document_id = $1`, [documentId]);
}
