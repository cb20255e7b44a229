import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { segmentMarkdown } from '@lockstep/shared';
import type { Queryable } from '@lockstep/server/db';
import * as documents from '@lockstep/server/repos/documents';
import * as segments from '@lockstep/server/repos/segments';
import { openDb, type Db } from '@lockstep/server/db';
import { toSegmentRows } from '@lockstep/server/services/documents';
import { StatisticsKeeper } from '@lockstep/server/services/statistics';
import { checkConsistency } from '@lockstep/server/services/consistency';
import { onPostgres, openTestDb, type TestDb } from '../support/testDb.js';

// A cached plan is made for the table sizes of its moment and kept until the tables'
// statistics change: after five runs PostgreSQL may settle on one generic plan, and PL/pgSQL's
// statements keep theirs for the life of the connection. The embedded database has one
// connection for the life of the server and no autovacuum (nor has a PostgreSQL with it off, as
// on this project's CI), so nothing re-planned: creating 300 small documents one after another
// slowed from 87 ms to 550 ms a document on both databases (found by the dashboard bench),
// because the translations' progress trigger kept a plan made when segments held one page,
// which walked the index entry of every live segment of the installation for each row. The
// server now analyzes changed tables itself (migration 030, services/statistics.ts).
// Slow lane: detected by time, against the same statement planned afresh on the same tables
// (before the fix 3.2 s against 20 ms on PostgreSQL, 4.5 s on PGlite).

const GROWN_TO = 30_000;

let db: TestDb;

const sentences = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix} sentence number ${i} of this document.`).join('\n\n');

/** A document at revision 1 as createDocument writes it, on the caller's connection. */
async function addDocument(tx: Queryable, id: string, markdown: string, targets: string[]): Promise<number> {
  await documents.insertDocument(tx, { id, title: id, sourceLang: 'en', targetLangs: targets, createdBy: null });
  await segments.insertSegments(tx, id, 1, toSegmentRows(segmentMarkdown(markdown, 'en').segments));
  const t0 = performance.now();
  await segments.createUntranslatedRows(tx, id, targets, 1);
  const ms = performance.now() - t0;
  await documents.setCurrentRevision(tx, id, 1);
  return ms;
}

/** One connection, as the embedded database has: every statement below shares its plan cache. */
let one: Db;

beforeAll(async () => {
  db = await openTestDb();
  one = db.url ? await openDb({ url: db.url, poolSize: 1 }) : db;
});

afterAll(async () => {
  if (one !== db) await one?.close();
  await db?.close();
});

const quiet = { debug: () => undefined, warn: () => undefined };

describe(`statements planned on a new installation stay fast as it grows (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  test(`after segments grew from a handful to ${GROWN_TO}, the server's statistics look makes new rows as fast as fresh plans`, async () => {
    await one.query('DISCARD PLANS');
    // The first documents of a new installation, each in its own transaction: every trigger
    // statement is planned now and, after five runs, kept.
    for (let i = 0; i < 8; i++) await one.transaction((tx) => addDocument(tx, `first-${i}`, sentences(`First ${i}`, 36), ['es']));
    // The installation grows (segments only: their translations would take minutes with the bad plan).
    await one.transaction(async (tx) => {
      await documents.insertDocument(tx, { id: 'grown', title: 'grown', sourceLang: 'en', targetLangs: ['es'], createdBy: null });
      await segments.insertSegments(tx, 'grown', 1, toSegmentRows(segmentMarkdown(sentences('Grown', GROWN_TO), 'en').segments));
      // The counts reach the statistics views at commit rather than up to a second later.
      await tx.query('SELECT pg_stat_force_next_flush()');
    });
    const keeper = new StatisticsKeeper(one, quiet);
    expect(await keeper.look()).toEqual(expect.arrayContaining(['segments', 'translations']));
    expect(await keeper.look()).toEqual([]);
    const kept = await one.transaction((tx) => addDocument(tx, 'second', sentences('Second', 300), ['es', 'ko']));
    await one.query('DISCARD PLANS');
    const fresh = await one.transaction((tx) => addDocument(tx, 'third', sentences('Third', 300), ['es', 'ko']));
    // 600 rows each; with the plan of the first documents, each row walked all live segments.
    expect(kept).toBeLessThan(5 * fresh + 200);
    const problems = (await checkConsistency(db)).problems.filter((p) => p.kind === 'progress_mismatch');
    expect(problems).toEqual([]);
  }, 600_000);
});
