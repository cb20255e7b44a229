import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Queryable } from '@lockstep/server/db';
import { createDocument } from '@lockstep/server/services/documents';
import { checkConsistency } from '@lockstep/server/services/consistency';
import { onPostgres, openTestDb, type TestDb } from '../support/testDb.js';

// The progress triggers read transition tables (old_rows/new_rows). PL/pgSQL plans each of its
// statements once per connection and keeps that plan, so a statement is planned for the row
// count of its first call on the connection:
// - planned for one row, an old_rows × new_rows join is a nested loop; run later over 10,000
//   rows it took minutes (a 10,000-segment publish after one small edit on the same
//   connection hit the 60 s statement timeout);
// Run on one connection (one transaction) with the plans discarded first. Slow lane: detected
// by time, with a bound 20-50 times what the statements take. (The opposite order, a plan for
// 10,000 rows kept for one-row saves, made a hash join over all of segments on a table of our
// own; with this schema at 10,000 + 200,000 segments the planner kept index probes, so it has
// no test here: migration 024 says what it does about it.)

const SEGMENTS = 10_000;
const BOUND_MS = 5_000;

let db: TestDb;

/** The counters against a recount (the raw updates here write no history, so only these are checked). */
const progressProblems = async () => (await checkConsistency(db)).problems.filter((p) => p.kind === 'progress_mismatch');

const sentences = Array.from({ length: SEGMENTS }, (_, i) => `Sentence number ${i} of the long statement.`);

async function timed(tx: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  const t0 = performance.now();
  await tx.query(sql, params);
  return performance.now() - t0;
}

beforeAll(async () => {
  db = await openTestDb();
  await createDocument(db, null, { id: 'long', title: 'Long', sourceLang: 'en', targetLangs: ['es'], markdown: sentences.join('\n\n') });
}, 300_000);

afterAll(async () => {
  await db.close();
});

describe(`progress triggers over ${SEGMENTS} rows on one connection (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  test('a large update after a one-row update is not planned as a one-row statement', async () => {
    const times = await db.transaction(async (tx) => {
      await tx.query('DISCARD PLANS');
      // Before the fix the first of these ran for minutes; PostgreSQL cuts it short (PGlite has no timeout).
      if (onPostgres) await tx.query(`SET LOCAL statement_timeout = '30s'`);
      const first = (await tx.query<{ id: string }>(`SELECT id FROM segments WHERE document_id = 'long' ORDER BY position LIMIT 1`)).rows[0].id;
      // One row first: the statements inside the triggers are planned for one row.
      await tx.query(`UPDATE translations SET text = 'uno' WHERE segment_id = $1 AND lang = 'es'`, [first]);
      await tx.query(`UPDATE segments SET position = position WHERE id = $1`, [first]);
      return {
        // Same state (the editor's short path: no count moves).
        translations: await timed(tx, `UPDATE translations SET text = 'todo' FROM segments s WHERE s.id = segment_id AND s.document_id = 'long'`),
        // Every position (a publish that moves segments).
        segments: await timed(tx, `UPDATE segments SET position = position + 1 WHERE document_id = 'long'`),
        // State changes (the general path).
        states: await timed(tx, `UPDATE translations SET state = 'translated' FROM segments s WHERE s.id = segment_id AND s.document_id = 'long'`),
      };
    });
    expect(times.translations).toBeLessThan(BOUND_MS);
    expect(times.segments).toBeLessThan(BOUND_MS);
    expect(times.states).toBeLessThan(BOUND_MS);
    expect(await progressProblems()).toEqual([]);
  }, 600_000);
});
