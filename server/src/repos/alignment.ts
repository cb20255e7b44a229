import type { BitextSourceSegment, BlockKind, HoistedWrapper, SourceRun } from '@lockstep/shared';
import type { Queryable } from '../db/db.js';

/** The current revision's live segments, as the aligner reads them (issue 26). */
/** With each segment's translation version in `lang` (what an apply of the proposal must start from). */
export async function alignmentSource(db: Queryable, documentId: string, lang: string): Promise<(BitextSourceSegment & { version: number | null })[]> {
  const r = await db.query<{
    id: string;
    blockIndex: number;
    blockKind: BlockKind;
    text: string;
    plain: string;
    runs: SourceRun[];
    translatable: boolean;
    blockData: { wrapper?: HoistedWrapper } | null;
    version: number | null;
  }>(
    `SELECT s.id, s.block_index AS "blockIndex", s.block_kind AS "blockKind", s.source AS text, s.plain_text AS plain,
            s.source_runs AS runs, s.translatable, s.block_data AS "blockData", t.version
       FROM segments s
       LEFT JOIN translations t ON t.segment_id = s.id AND t.lang = $2
      WHERE s.document_id = $1 AND s.retired_in IS NULL
      ORDER BY s.position`,
    [documentId, lang],
  );
  return r.rows.map(({ blockData, ...s }) => ({ ...s, wrapper: blockData?.wrapper ?? null }));
}
