import type { Db } from '../db/db.js';
import { analyzeSegmentTables } from '../repos/statistics.js';

/**
 * From this many segments written at once, the planner's statistics are refreshed. Without any,
 * the planner took a new 10,000-segment document for one row and joined every translation of
 * the language to each segment (its list: 15-46 s on PGlite instead of under one); a few hundred
 * rows misjudged that way cost little, and small writes skip the ANALYZE.
 */
export const ANALYZE_FROM_SEGMENTS = 200;

/** After a commit that wrote `segmentsWritten` segments: the write stands whatever happens here. */
export async function statisticsAfterCommit(db: Db, segmentsWritten: number): Promise<void> {
  if (segmentsWritten < ANALYZE_FROM_SEGMENTS) return;
  await analyzeSegmentTables(db).catch(() => undefined);
}
