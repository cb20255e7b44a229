import type { Queryable } from '../db/db.js';

/**
 * Refreshes the planner's statistics of the tables a document's segment list reads. PGlite has
 * no autovacuum, so without this they are never collected; PostgreSQL's comes up to a minute
 * after a large write, and the list is asked for at once.
 */
export async function analyzeSegmentTables(db: Queryable): Promise<void> {
  await db.query('ANALYZE segments, translations');
}

/** Analyzes every table changed past autovacuum's threshold since its last ANALYZE (migration 030); their names. */
export async function analyzeChangedTables(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ analyzed: string[] }>('SELECT lockstep_analyze_changed() AS analyzed');
  return rows[0].analyzed;
}
