import type { BitextSourceSegment, BlockKind, HoistedWrapper, SourceRun } from '@lockstep/shared';
import type { Queryable } from '../db/db.js';

/** The current revision's live segments, as the aligner reads them (issue 26). */
export async function alignmentSource(db: Queryable, documentId: string): Promise<BitextSourceSegment[]> {
  const r = await db.query<{
    id: string;
    blockIndex: number;
    blockKind: BlockKind;
    text: string;
    plain: string;
    runs: SourceRun[];
    translatable: boolean;
    blockData: { wrapper?: HoistedWrapper } | null;
  }>(
    `SELECT s.id, s.block_index AS "blockIndex", s.block_kind AS "blockKind", s.source AS text, s.plain_text AS plain,
            s.source_runs AS runs, s.translatable, s.block_data AS "blockData"
       FROM segments s
      WHERE s.document_id = $1 AND s.retired_in IS NULL
      ORDER BY s.position`,
    [documentId],
  );
  return r.rows.map(({ blockData, ...s }) => ({ ...s, wrapper: blockData?.wrapper ?? null }));
}
