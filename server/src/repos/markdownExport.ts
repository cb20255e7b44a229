import type { HoistedWrapper, SourceRun } from '@lockstep/shared';
import type { Queryable } from '../db/db.js';

/** A segment of the current revision with its usable translation (translated or approved). */
export interface CurrentSegmentRow {
  id: string;
  blockIndex: number;
  runs: SourceRun[];
  translatable: boolean;
  blockData: { wrapper?: HoistedWrapper; breakBefore?: boolean } | null;
  /** Null unless the translation is translated or approved. */
  text: string | null;
}

export interface CurrentRevisionRows {
  revision: number;
  markdown: string;
  segments: CurrentSegmentRow[];
}

/**
 * The current revision's Markdown and its segments with their usable translations, in one
 * statement so that a revision published meanwhile cannot pair one revision's Markdown with
 * another's segments.
 */
export async function currentRevisionRows(db: Queryable, documentId: string, lang: string): Promise<CurrentRevisionRows | undefined> {
  const r = await db.query<CurrentRevisionRows>(
    `SELECT d.current_revision AS revision, r.markdown,
            COALESCE((
              SELECT json_agg(json_build_object(
                       'id', s.id, 'blockIndex', s.block_index, 'runs', s.source_runs, 'translatable', s.translatable,
                       'blockData', s.block_data,
                       'text', CASE WHEN lockstep_is_done(t.state) THEN t.text END) ORDER BY s.position)
                FROM segments s
                LEFT JOIN translations t ON t.segment_id = s.id AND t.lang = $2
               WHERE s.document_id = d.id AND s.retired_in IS NULL), '[]'::json) AS segments
       FROM documents d
       JOIN revisions r ON r.document_id = d.id AND r.number = d.current_revision
      WHERE d.id = $1`,
    [documentId, lang],
  );
  return r.rows[0];
}

/** A segment that belonged to an earlier revision, with its translation as it stood then. */
export interface EarlierSegmentRow {
  id: string;
  /** The latest stored source (it may have changed since). */
  source: string;
  position: number;
  /** From the newest history event recorded at or before that revision; null without one. */
  text: string | null;
  state: string | null;
}

/**
 * Segments live at `revision` (born at or before it, retired after it or never) and, per
 * segment, the newest history event of `lang` recorded while the document was at that
 * revision or earlier: the translation as it stood when the revision was superseded.
 */
export async function earlierRevisionRows(db: Queryable, documentId: string, lang: string, revision: number): Promise<EarlierSegmentRow[]> {
  const r = await db.query<EarlierSegmentRow>(
    `SELECT s.id, s.source, s.position, e.text, e.state
       FROM segments s
       LEFT JOIN LATERAL (
         SELECT ev.text, ev.state FROM translation_events ev
          WHERE ev.segment_id = s.id AND ev.lang = $2 AND ev.revision <= $3
          ORDER BY ev.id DESC LIMIT 1
       ) e ON true
      WHERE s.document_id = $1 AND s.first_revision <= $3 AND (s.retired_in IS NULL OR s.retired_in > $3)
      ORDER BY s.position`,
    [documentId, lang, revision],
  );
  return r.rows;
}
