import type { Queryable } from '../db/db.js';

/**
 * Refreshes the planner's statistics of the tables a document's segment list reads. PGlite has
 * no autovacuum, so without this they are never collected; PostgreSQL's comes up to a minute
 * after a large write, and the list is asked for at once.
 */
export async function analyzeSegmentTables(db: Queryable): Promise<void> {
  await db.query('ANALYZE segments, translations');
}
