import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { migrate } from '@lockstep/server/db/migrate';
import { exportedUnitsWithText } from '@lockstep/server/repos/xliffExports';
import { createDocument } from '@lockstep/server/services/documents';
import { openTestDb, type TestDb } from '../support/testDb.js';

// Migration 031 folds the export ledger's per-unit rows into three parallel arrays of the
// export's row. Exports made before the upgrade must import exactly as they did: every unit,
// each with its own version and source hash.

let db: TestDb;

beforeAll(async () => {
  db = await openTestDb({ migrationsBefore: '031' });
  await createDocument(db, null, { id: 'doc', title: 'Doc', sourceLang: 'en', targetLangs: ['es'], markdown: 'One sentence.\n\nTwo sentences here.\n\nThree of them.\n' });
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe('migration 031: the export ledger in one row', () => {
  test('units recorded before the upgrade are the same units after it, each with its version and hash', async () => {
    const ids = (await db.query<{ id: string }>(`SELECT id FROM segments WHERE document_id = 'doc' ORDER BY position`)).rows.map((r) => r.id);
    expect(ids).toHaveLength(3);
    await db.query(`INSERT INTO xliff_exports (id, document_id, lang, revision, version, scope) VALUES ('lx-old', 'doc', 'es', 1, '2.0', 'all'), ('lx-empty', 'doc', 'es', 1, '1.2', 'todo')`);
    // Written in an order other than the ids', one unit with no translation version yet.
    await db.query(
      `INSERT INTO xliff_export_units (export_id, segment_id, translation_version, source_hash)
       VALUES ('lx-old', $3, 7, 'hash-c'), ('lx-old', $1, NULL, 'hash-a'), ('lx-old', $2, 2, 'hash-b')`,
      ids,
    );
    await migrate(db);

    const units = await exportedUnitsWithText(db, 'lx-old', 'es');
    const byId = new Map(units.map((u) => [u.segmentId, u]));
    expect(units).toHaveLength(3);
    expect(byId.get(ids[0])).toMatchObject({ translationVersion: null, sourceHash: 'hash-a' });
    expect(byId.get(ids[1])).toMatchObject({ translationVersion: 2, sourceHash: 'hash-b' });
    expect(byId.get(ids[2])).toMatchObject({ translationVersion: 7, sourceHash: 'hash-c' });
    expect(await exportedUnitsWithText(db, 'lx-empty', 'es')).toEqual([]);
    const tables = await db.query(`SELECT 1 FROM pg_tables WHERE tablename = 'xliff_export_units'`);
    expect(tables.rows).toHaveLength(0);
    // The arrays stay parallel: a row whose arrays differ in length is refused.
    await expect(db.query(`UPDATE xliff_exports SET unit_versions = '{1}' WHERE id = 'lx-old'`)).rejects.toThrow(/xliff_exports_units_parallel/);
  });
});
