import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { migrate } from '@lockstep/server/db/migrate';
import { checkConsistency } from '@lockstep/server/services/consistency';
import { memorySuggestions } from '@lockstep/server/services/memory';
import { indexPendingMemory } from '@lockstep/server/services/memoryIndex';
import { openTestDb, type TestDb } from '../support/testDb.js';

// Migration 006: the translation memory's table of distinct source texts, its backfill from the
// segments a database already has, and the triggers that keep every writer's rows linked.

let db: TestDb;

const LONG = `${'A very long sentence of a statement that goes on and on, '.repeat(60)}and ends here.`;
const SHARED = 'Each participant may submit at most fifty solutions.';

/** A segment row inserted directly, the way the bench and test loaders do. */
async function insertSegment(id: string, documentId: string, plain: string, retiredIn: number | null = null): Promise<void> {
  await db.query(
    `INSERT INTO segments (id, document_id, position, block_index, block_kind, source, source_runs, plain_text, align_key,
                           words, translatable, first_revision, retired_in)
     VALUES ($1, $2, (SELECT count(*) FROM segments WHERE document_id = $2), 0, 'paragraph', $3,
             jsonb_build_array(jsonb_build_object('type', 'text', 'text', $3::text)), $3, lower($3), 5, true, 1, $4)`,
    [id, documentId, plain, retiredIn],
  );
  await db.query(
    `INSERT INTO translations (segment_id, lang, text, state, version, based_on_revision) VALUES ($1, 'ko', $2, 'translated', 2, 1)`,
    [id, `[ko] ${id}`],
  );
}

async function linkOf(segmentId: string): Promise<{ sourceId: string; text: string; lang: string }> {
  const r = await db.query<{ sourceId: string; text: string; lang: string }>(
    `SELECT m.id::text AS "sourceId", m.plain_text AS text, m.source_lang AS lang
       FROM segments s JOIN memory_sources m ON m.id = s.memory_source_id WHERE s.id = $1`,
    [segmentId],
  );
  return r.rows[0];
}

const memoryProblems = async () => (await checkConsistency(db)).problems.filter((p) => p.kind === 'memory_source_mismatch');

beforeAll(async () => {
  // A database as it was before 006, with segments in it.
  db = await openTestDb({ migrationsBefore: '006' });
  await db.query(
    `INSERT INTO documents (id, title, source_lang, target_langs, current_revision)
     VALUES ('old-a', 'A', 'en', '{ko}', 2), ('old-b', 'B', 'en', '{ko}', 1), ('old-fr', 'F', 'fr', '{ko}', 1), ('new-doc', 'N', 'en', '{ko}', 1)`,
  );
  await insertSegment('a1', 'old-a', SHARED);
  await insertSegment('a2', 'old-a', 'The retired sentence about the old scoring rules.', 2);
  await insertSegment('a3', 'old-a', LONG);
  await insertSegment('b1', 'old-b', SHARED);
  await insertSegment('f1', 'old-fr', SHARED); // the same text in another source language
  await insertSegment('query', 'new-doc', 'Each participant may submit at most forty solutions.');
  await migrate(db);
  await indexPendingMemory(db); // what server start does after migrating (017)
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe('migration 006 on a database with segments', () => {
  test('backfills one memory source per language and text, linked from every segment, retired ones included', async () => {
    const [a1, b1, f1, a2, a3] = await Promise.all(['a1', 'b1', 'f1', 'a2', 'a3'].map(linkOf));
    expect(a1).toEqual({ sourceId: b1.sourceId, text: SHARED, lang: 'en' });
    expect(f1).toMatchObject({ text: SHARED, lang: 'fr' });
    expect(f1.sourceId).not.toBe(a1.sourceId);
    expect(a2.text).toBe('The retired sentence about the old scoring rules.');
    expect(a3.text).toBe(LONG); // longer than a btree key may be: unique by its hash
    const counts = await db.query<{ sources: string; segments: string }>(
      `SELECT (SELECT count(*) FROM memory_sources) AS sources, (SELECT count(*) FROM segments WHERE memory_source_id IS NOT NULL) AS segments`,
    );
    expect(counts.rows[0]).toEqual({ sources: '5', segments: '6' });
    expect(await memoryProblems()).toEqual([]);
  });

  test('the backfilled memory answers: identical sources of two documents both, a retired one too', async () => {
    const ask = async (segmentId: string, documentId = 'new-doc') =>
      (await memorySuggestions(db, { documentId, segmentId, lang: 'ko' }, { limit: 10 })).suggestions.map((s) => [s.text, s.match]);
    // "forty" for "fifty": one word in nine.
    expect(await ask('query')).toEqual([
      ['[ko] b1', 88], // the newer one first on a tie
      ['[ko] a1', 88],
    ]);
    await insertSegment('q2', 'new-doc', 'The retired sentence about the old scoring rules.');
    expect(await ask('q2')).toEqual([['[ko] a2', 100]]);
  });

  test('rows written directly later are linked by the triggers; a text edit moves the link, other updates keep it', async () => {
    await insertSegment('b2', 'old-b', 'A sentence the loader inserted directly.');
    const before = await linkOf('b2');
    expect(before.text).toBe('A sentence the loader inserted directly.');
    await db.query(`UPDATE segments SET plain_text = $2, source = $2 WHERE id = $1`, ['b2', SHARED]);
    expect((await linkOf('b2')).sourceId).toBe((await linkOf('a1')).sourceId);
    // Moves and retirements keep it (the trigger does not even run for them).
    await db.query(`UPDATE segments SET position = position + 10, retired_in = 2 WHERE id = 'b2'`);
    expect((await linkOf('b2')).text).toBe(SHARED);
    // The text it had stays in the table; no segment points at it any more.
    const orphan = await db.query(`SELECT 1 FROM memory_sources m WHERE m.id = $1`, [before.sourceId]);
    expect(orphan.rows).toHaveLength(1);
    expect(await memoryProblems()).toEqual([]);
  });
});
